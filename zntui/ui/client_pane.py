"""The client pane: the triage list, worst first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from zntui.engine.folder import ScoredFolder
from zntui.model.framework import NOT_ASSESSED
from zntui.plugins import Registry
from zntui.ui.format import verdict_short

THEMES = ("CC", "MZ", "IZ", "VE")


class ClientPane(Vertical):
    """Every case, worst first; Enter opens one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Omlaag", show=False, id="client.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="client.up"),
    ]

    class OpenCase(Message):
        def __init__(self, case_id: str) -> None:
            super().__init__()
            self.case_id = case_id

    def __init__(self, registry: Registry) -> None:
        super().__init__(id="client-pane")
        self.registry = registry

    def compose(self) -> ComposeResult:
        yield Static("Casussen laden…", id="client-status")
        table: DataTable[str | Text] = DataTable(id="triage", cursor_type="row", zebra_stripes=True)
        table.add_columns("#", "casus", "regio", "kader", *THEMES, "risico", "oordeel")
        yield table

    def show_loading(self) -> None:
        self.query_one("#client-status", Static).update("Casussen laden…")

    def show(self, scored: ScoredFolder, focus: bool = True) -> None:
        table = self.query_one("#triage", DataTable)
        selected = table.cursor_row
        table.clear()
        for rank, s in enumerate(scored.cases, start=1):
            case = s.file.case
            tags = "+".join(
                self.registry.frameworks[f].tag if f in self.registry.frameworks else f
                for f in case.frameworks
            )
            cells = []
            for theme_id in THEMES:
                theme = s.assessment.worst_theme(theme_id)
                cells.append(verdict_short(theme.verdict if theme else NOT_ASSESSED))
            risk = "-" if s.assessment.risk is None else str(s.assessment.risk)
            table.add_row(
                str(rank),
                case.id,
                case.region,
                tags,
                *cells,
                Text(risk, justify="right"),
                verdict_short(s.assessment.verdict),
                key=case.id,
            )
        invalid = f" · {len(scored.errors)} ongeldig" if scored.errors else ""
        self.query_one("#client-status", Static).update(
            f"{len(scored.cases)} casussen, slechtste eerst{invalid} · Enter opent"
        )
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
        if focus:
            table.focus()

    def action_cursor_down(self) -> None:
        self.query_one("#triage", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#triage", DataTable).action_cursor_up()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.OpenCase(event.row_key.value))
