"""`i`: the files that could not be loaded, each with its place and what is wrong."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from zntui.untrusted import visible


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,i,q", "dismiss", "Sluiten", id="problems.close")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Problemen (Esc sluit)\n", style="bold")
        if not self.lines:
            text.append("Geen: alle bestanden zijn geladen.\n")
        for line in self.lines:
            text.append(f"{visible(line)}\n")  # file and key names come from the files
        with VerticalScroll(id="problems-body"):
            yield Static(text)
