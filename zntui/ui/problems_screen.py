"""`i`: the files that could not be loaded, each with its place and what is wrong.

A problem that names a file can be opened from here (`e`, the app's edit key); the
app checks the file again when the editor returns and redraws this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from zntui.ui.notices import NoticeBar
from zntui.untrusted import visible


@dataclass(frozen=True)
class ProblemLine:
    """One problem as the list shows it; ``path`` the file to open, if there is one."""

    text: str
    path: Path | None = None


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,i,q", "dismiss", "Sluiten", id="problems.close"),
        Binding("e", "app.edit", "Bestand bewerken", id="problems.edit"),
        Binding("j", "move(1)", "Omlaag", show=False, id="problems.down"),
        Binding("k", "move(-1)", "Omhoog", show=False, id="problems.up"),
    ]

    def __init__(self, problems: list[ProblemLine], on: Path | None = None) -> None:
        super().__init__()
        self.problems = problems
        self._start = on
        """The file to highlight first (the one just broken in the editor)."""

    @property
    def lines(self) -> list[str]:
        return [p.text for p in self.problems]

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-body"):
            yield Static(id="problems-title")
            yield OptionList(id="problems-list")
            yield NoticeBar()

    def on_mount(self) -> None:
        self.show(self.problems)

    def show(self, problems: list[ProblemLine]) -> None:
        """Show these problems instead (after a file was checked again), on the same file
        where it still has one."""
        before, self._start = self.current() or self._start, None
        self.problems = problems
        title = Text("Problemen", style="bold")
        if problems:
            title.append(" · ↑↓ kiest · e opent het bestand in de editor · Esc sluit")
        else:
            title.append(" (Esc sluit)\nGeen: alle bestanden zijn geladen.")
        self.query_one("#problems-title", Static).update(title)
        options = self.query_one("#problems-list", OptionList)
        options.clear_options()
        # File and key names come from the files: shown, never read as markup.
        options.add_options([Option(Text(visible(p.text))) for p in problems])
        options.display = bool(problems)
        if problems:
            paths = [p.path for p in problems]
            options.highlighted = paths.index(before) if before in paths else 0
            options.focus()

    def current(self) -> Path | None:
        """The file of the highlighted problem, if it names one."""
        options = self.query_one("#problems-list", OptionList)
        index = options.highlighted
        if index is None or not 0 <= index < len(self.problems):
            return None
        return self.problems[index].path

    def action_move(self, step: int) -> None:
        options = self.query_one("#problems-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
