"""Textual's own words in Dutch: the descriptions of its built-in bindings (which `?`
and the command palette list), its system commands, and the palette's texts.

Textual has no translations; its widgets describe their keys in English ("Cursor up",
"Page Left", "Copy selected text"). zntui shows every description through
:func:`describe`, so a built-in key is listed in Dutch like zntui's own. A description
Textual adds in a later version and this table lacks is caught by tests/test_language.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

BUILTIN_WORDS: dict[str, str] = {
    "bottom": "Naar onderen",
    "copy": "Kopiëren",
    "copy selected text": "Kopieer de geselecteerde tekst",
    "cursor down": "Cursor omlaag",
    "cursor down select": "Cursor omlaag en selecteer",
    "cursor left": "Cursor naar links",
    "cursor left select": "Cursor naar links en selecteer",
    "cursor left word select": "Woord naar links en selecteer",
    "cursor line end": "Naar het eind van de regel",
    "cursor line end select": "Naar het eind van de regel en selecteer",
    "cursor line start": "Naar het begin van de regel",
    "cursor line start select": "Naar het begin van de regel en selecteer",
    "cursor page down": "Pagina omlaag",
    "cursor page up": "Pagina omhoog",
    "cursor right": "Cursor naar rechts",
    "cursor right select": "Cursor naar rechts en selecteer",
    "cursor right word select": "Woord naar rechts en selecteer",
    "cursor to next ancestor": "Naar de volgende bovenliggende",
    "cursor to next sibling": "Naar de volgende op dit niveau",
    "cursor to parent": "Naar de bovenliggende",
    "cursor to previous sibling": "Naar de vorige op dit niveau",
    "cursor up": "Cursor omhoog",
    "cursor up select": "Cursor omhoog en selecteer",
    "cursor word left": "Woord naar links",
    "cursor word right": "Woord naar rechts",
    "cut": "Knippen",
    "cut selected text": "Knip de geselecteerde tekst",
    "delete all to the left": "Wis alles links",
    "delete all to the right": "Wis alles rechts",
    "delete character left": "Wis teken links",
    "delete character right": "Wis teken rechts",
    "delete left to start of word": "Wis tot het begin van het woord",
    "delete line": "Wis de regel",
    "delete right to start of word": "Wis tot het volgende woord",
    "delete to line end": "Wis tot het eind van de regel",
    "delete to line start": "Wis tot het begin van de regel",
    "down": "Omlaag",
    "end": "Naar het eind",
    "exit the command palette": "Sluit de opdrachten",
    "expand or collapse all": "Alles open- of dichtklappen",
    "first": "Eerste",
    "focus next": "Volgend veld",
    "focus previous": "Vorig veld",
    "go to bottom": "Naar onderen",
    "go to end": "Naar het eind",
    "go to start": "Naar het begin",
    "go to top": "Naar boven",
    "home": "Naar het begin",
    "last": "Laatste",
    "move cursor left": "Cursor naar links",
    "move cursor left a word": "Woord naar links",
    "move cursor left a word and select": "Woord naar links en selecteer",
    "move cursor left and select": "Cursor naar links en selecteer",
    "move cursor right a word": "Woord naar rechts",
    "move cursor right a word and select": "Woord naar rechts en selecteer",
    "move cursor right and select": "Cursor naar rechts en selecteer",
    "move cursor right or accept the completion suggestion": "Cursor naar rechts of neem "
    "de aanvulling over",
    "next command": "Volgende opdracht",
    "next option": "Volgende keuze",
    "next page": "Volgende pagina",
    "next tab": "Volgend tabblad",
    "open link": "Open de koppeling",
    "page down": "Pagina omlaag",
    "page left": "Pagina naar links",
    "page right": "Pagina naar rechts",
    "page up": "Pagina omhoog",
    "paste": "Plakken",
    "paste text from the clipboard": "Plak tekst van het klembord",
    "press button": "Druk op de knop",
    "previous command": "Vorige opdracht",
    "previous option": "Vorige keuze",
    "previous page": "Vorige pagina",
    "previous tab": "Vorig tabblad",
    "quit": "Stoppen",
    "redo": "Opnieuw",
    "scroll down": "Schuif omlaag",
    "scroll end": "Schuif naar het eind",
    "scroll home": "Schuif naar het begin",
    "scroll left": "Schuif naar links",
    "scroll right": "Schuif naar rechts",
    "scroll up": "Schuif omhoog",
    "select": "Kiezen",
    "select all": "Alles selecteren",
    "select line": "Selecteer de regel",
    "select line end": "Selecteer tot het eind van de regel",
    "select line start": "Selecteer tot het begin van de regel",
    "show menu": "Toon het menu",
    "submit": "Bevestigen",
    "toggle": "Aan/uit",
    "toggle option": "Keuze aan/uit",
    "top": "Naar boven",
    "undo": "Ongedaan maken",
    "up": "Omhoog",
}
"""Every description of a Textual built-in binding (lower case) → Dutch."""

SYSTEM_COMMANDS: dict[str, tuple[str, str]] = {
    "Theme": ("Thema", "Kies het kleurenthema"),
    "Quit": ("Stoppen", "Sluit de app meteen"),
    "Keys": ("Toetsenpaneel", "Toon of verberg het paneel met toetsen en hulp"),
    "Minimize": ("Verkleinen", "Zet het vergrote onderdeel terug"),
    "Maximize": ("Vergroten", "Vergroot het onderdeel met de focus"),
    "Screenshot": ("Schermafdruk", "Bewaar een SVG-afbeelding van het scherm"),
}
"""Textual's system commands (title → Dutch title, Dutch help)."""

PALETTE_PLACEHOLDER = "Zoek een opdracht…"
THEME_PLACEHOLDER = "Zoek een thema…"
NO_MATCHES = "Niets gevonden"


def describe(binding: Binding) -> str:
    """The binding's description in Dutch (zntui's own are Dutch already)."""
    return BUILTIN_WORDS.get(binding.description.strip().lower(), binding.description)


def system_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """Textual's system commands with Dutch titles and help; others as they are."""
    for command in commands:
        title, help_text = SYSTEM_COMMANDS.get(command.title, (command.title, command.help))
        yield SystemCommand(title, help_text, command.callback, command.discover)


class DutchCommandPalette(CommandPalette):
    """Textual's command palette with its texts in Dutch."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", PALETTE_PLACEHOLDER)
        super().__init__(**kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual writes "No matches found" into the list when the countdown ends and
        # offers no way to change the words: the same option, with Dutch ones.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # discover mode: nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
