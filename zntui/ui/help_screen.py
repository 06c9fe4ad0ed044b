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
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "ctrl+p": "Ctrl+P",
    "right": "→",
    "left": "←",
}


def key_label(keys: str) -> str:
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


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
