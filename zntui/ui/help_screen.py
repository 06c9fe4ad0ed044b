"""`?`: every key binding in force, with its id (the id a keymap would use)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from rich.table import Table
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from zntui.ui.dutch import describe
from zntui.ui.footer import offered

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "right": "→",
    "left": "←",
    "up": "↑",
    "down": "↓",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "space": "Spatie",
    "asterisk": "*",
    "backspace": "Backspace",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "colon": ":",
}


def key_name(key: str) -> str:
    """A key as people write it: "]" for right_square_bracket, Ctrl+G for ctrl+g."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    *mods, last = key.split("+")
    if not mods:
        return key
    return "+".join([*(m.capitalize() for m in mods), KEY_NAMES.get(last, last.capitalize())])


def key_label(keys: str) -> str:
    return " / ".join(key_name(k.strip()) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Sluiten", id="help.close"),
    ]

    def __init__(self, bindings: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = bindings

    def compose(self) -> ComposeResult:
        table = Table(title="Toetsen (Esc sluit)", box=None, padding=(0, 1), expand=True)
        table.add_column("toets", style="bold", no_wrap=True)
        table.add_column("actie")
        table.add_column("id", style="dim", no_wrap=True)
        for keys, description, binding_id in self.rows:
            table.add_row(key_label(keys), description, binding_id)
        with VerticalScroll(id="help-body"):
            yield Static(table)


def collect_bindings(screen_bindings: list[tuple[str, Binding]]) -> list[tuple[str, str, str]]:
    """One row per action: every key that reaches it (a binding with two keys is
    active under each), its description and its id."""
    order: list[str] = []
    keys: dict[str, list[str]] = {}
    first: dict[str, Binding] = {}
    for key, binding in screen_bindings:
        ident = binding.id or f"{binding.action}|{binding.description}"
        if not binding.description:
            continue
        if ident not in first:
            order.append(ident)
            first[ident] = binding
            keys[ident] = []
        for one in [key, *binding.key.split(",")]:
            one = one.strip()
            if one and one not in keys[ident]:
                keys[ident].append(one)
    return [(",".join(keys[i]), describe(first[i]), first[i].id or "") for i in order]


def prompt_bindings() -> list[tuple[str, str, str]]:
    """The keys of the prompts (reason, choice, columns): listed under `?` too, since
    `?` typed in a prompt is text."""
    from zntui.ui.prompts import ChoicePrompt, ColumnsPrompt, TextPrompt

    rows = [("enter", "Bevestigen (in een vraag)", "")]
    for cls in (TextPrompt, ChoicePrompt, ColumnsPrompt):
        bindings = [b for b in cls.BINDINGS if isinstance(b, Binding)]
        rows += collect_bindings([(b.key.split(",")[0], b) for b in bindings])
    seen: set[str] = set()
    unique = []
    for keys, description, ident in rows:
        if (keys, description) not in seen:
            seen.add((keys, description))
            unique.append((keys, f"{description} (in een vraag)" if ident else description, ident))
    return unique


def binding_commands(screen: Screen[Any]) -> Iterator[SystemCommand]:
    """A palette command for every action that has a key on ``screen``, saying which."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        ident = binding.id or binding.action
        if not binding.description or ident in seen:
            continue
        seen.add(ident)
        yield SystemCommand(
            f"{describe(binding)} ({key_label(binding.key)})",
            f"toets {key_label(binding.key)} · {binding.id or binding.action}",
            partial(screen.app.run_action, binding.action, active.node),
        )


def help_for(screen: Screen[Any]) -> HelpScreen:
    """The help screen for the keys active on ``screen`` (change keys only where changes
    are possible)."""
    active = screen.active_bindings.items()
    rows = collect_bindings([(k, b.binding) for k, b in active if offered(b.binding, screen)])
    return HelpScreen(rows + prompt_bindings())
