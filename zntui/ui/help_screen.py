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

KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "asterisk": "*",
    "colon": ":",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Spatie",
    "backspace": "Backspace",
    "delete": "Delete",
    "up": "↑",
    "down": "↓",
    "right": "→",
    "left": "←",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}
"""How a key is written on the keyboard, for Textual's key names."""
MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "super": "Super", "meta": "Meta"}


def _one_key(key: str) -> str:
    *mods, base = key.split("+")
    name = KEY_NAMES.get(base, base.upper() if len(base) > 1 and base[0] == "f" else base)
    if mods and len(name) == 1 and name.isalpha():
        name = name.upper()  # Ctrl+P, as the keyboard and the manuals write it
    return "+".join([*(MODIFIERS.get(m, m) for m in mods), name])


def key_label(keys: str) -> str:
    return " / ".join(_one_key(k.strip()) for k in keys.split(","))


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
    seen: set[str] = set()
    rows: list[tuple[str, str, str]] = []
    for _, binding in screen_bindings:
        key = binding.id or binding.action
        if key in seen or not binding.description:
            continue
        seen.add(key)
        rows.append((binding.key, describe(binding), binding.id or ""))
    return rows


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
    """The help screen for the keys active on ``screen``."""
    return HelpScreen(collect_bindings([(k, b.binding) for k, b in screen.active_bindings.items()]))
