"""The client pane: the triage list, worst first, with a filter and sort orders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import RowKey

from zntui.engine.folder import ScoredCase, ScoredFolder
from zntui.filtering import FilterError, compile_filter
from zntui.plugins import Registry
from zntui.ui.format import verdict_short, verdict_style
from zntui.workflows.caselist import (
    STATUS_SHORT,
    ScreenColumn,
    case_row,
    frameworks_present,
    overall_scale,
    screen_columns,
    status_of,
)

MARK = "●"
SORTS = ("risico", "casus", "regio", "status")
THEME_BLOCK = 19
"""Characters the theme columns may take: what is left of 80 beside the other columns
and a scrollbar. Past it the block shows one column per framework (workflows.caselist)."""

__all__ = ["ClientPane", "search_text", "status_of"]


def search_text(s: ScoredCase, registry: Registry) -> str:
    """Everything a filter may match: id, region, frameworks, verdicts, status."""
    a = s.assessment
    words = [a.case_id, a.region, s.municipality, status_of(s), *a.frameworks]
    for f in a.frameworks:
        if f in registry.frameworks:
            words.append(registry.frameworks[f].tag)
    scale = overall_scale(a, registry)
    value = scale.get(a.verdict)
    words.append(scale.label(a.verdict))
    words.append(f"={value.short}" if value else "=NB")
    return " ".join(words).lower()


class CaseTable(DataTable[Text]):
    """The triage table. It is told its column widths, which the pane knows from the
    plain text of its cells: DataTable would otherwise measure every cell of every row,
    which for a national folder takes seconds."""

    def set_widths(self, widths: list[int]) -> None:
        for column, width in zip(self.ordered_columns, widths, strict=True):
            column.content_width = max(width, column.label.cell_len)
        self._widths_given = True

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        if getattr(self, "_widths_given", False):
            new_rows = ()  # the widths are set; only the virtual size is left to compute
        super()._update_dimensions(new_rows)


class ClientPane(Vertical):
    """Every case, worst first; Enter opens one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Omlaag", show=False, id="client.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="client.up"),
        Binding("slash", "filter", "Filter", id="client.filter"),
        Binding("o", "sort", "Sorteer", id="client.sort"),
        Binding("space", "toggle_mark", "Markeer", id="client.mark"),
        Binding("asterisk", "mark_filtered", "Markeer alle", show=False, id="client.mark_all"),
        Binding("c", "clear_marks", "Wis markering", show=False, id="client.clear_marks"),
        Binding("s", "app.bulk_status", "Status", id="client.status"),
        Binding("w", "app.export_list", "Lijst bewaren", id="client.export"),
        Binding("y", "app.copy_case_id", "Kopieer id", show=False, id="client.copy"),
    ]

    class OpenCase(Message):
        """Open the case in the file at ``path`` (rows are keyed by file: ids may clash)."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self, registry: Registry) -> None:
        super().__init__(id="client-pane")
        self.registry = registry
        self.scored = ScoredFolder()
        self.query_text = ""
        self.filter_error = ""
        self.sort = SORTS[0]
        self.partial = False
        self.marked: set[str] = set()
        """Files of the marked cases; status and export apply to them."""
        self.theme_columns: list[ScreenColumn] = []
        """The theme block's columns, from the frameworks of the cases shown."""

    def compose(self) -> ComposeResult:
        yield Static("Casussen laden…", id="client-status")
        table = CaseTable(id="triage", cursor_type="row", zebra_stripes=True)
        self._case_column, _, _, self._themes_column, *_ = table.add_columns(
            " casus",
            "regio",
            "kader",
            "thema's",
            "risico",
            "oordeel",
            "status",
        )
        yield table
        yield Input(
            placeholder="filter: woorden · re:regex · ~fuzzy · ! ervoor keert om · Esc wist",
            id="filter",
        )

    def show_progress(self, phase: str, done: int, total: int) -> None:
        counted = f" {done}/{total}" if total else ""
        self.query_one("#client-status", Static).update(f"Casussen {phase}…{counted}")

    def show(self, scored: ScoredFolder, focus: bool = True, partial: bool = False) -> None:
        """Show the cases; ``partial`` while more are still arriving."""
        self.scored = scored
        self.partial = partial
        if not partial:  # marks of files that are gone go with them
            self.marked &= {str(s.path) for s in scored.cases}
        self._fill(focus)

    def visible(self) -> list[ScoredCase]:
        try:
            keep = compile_filter(self.query_text)
            self.filter_error = ""
        except FilterError as exc:
            keep, self.filter_error = (lambda _: True), str(exc)
        cases = [s for s in self.scored.cases if keep(search_text(s, self.registry))]
        if self.sort == "casus":
            cases.sort(key=lambda s: s.assessment.case_id)
        elif self.sort == "regio":
            cases.sort(key=lambda s: s.assessment.region)
        elif self.sort == "status":
            cases.sort(key=status_of)
        return cases

    def _fill(self, focus: bool = False) -> None:
        table = self.query_one("#triage", DataTable)
        selected = table.cursor_row
        selected_key = None
        if table.row_count:
            selected_key = table.coordinate_to_cell_key((selected, 0)).row_key
        table.clear()
        cases = self.visible()
        self.theme_columns = screen_columns(
            frameworks_present(self.scored.cases, self.registry), THEME_BLOCK
        )
        table.columns[self._themes_column].label = self._themes_header()
        rows = [self._row(s) for s in cases]
        widths = [0] * len(table.columns)
        for row in rows:
            widths = [max(w, cell.cell_len) for w, cell in zip(widths, row, strict=True)]
        table.set_widths(widths)
        for s, row in zip(cases, rows, strict=True):
            table.add_row(*row, key=str(s.path))
        if table.row_count:
            # Stay on the same case when the list is redrawn (new arrivals, a changed
            # case) — unless on the first row: there the worst case is what is watched.
            if selected and selected_key is not None and selected_key in table.rows:
                selected = table.get_row_index(selected_key)
            table.move_cursor(row=min(selected, table.row_count - 1))
        self._status_line(len(cases))
        if focus:
            table.focus()

    def _themes_header(self) -> Text:
        header = Text()
        for column in self.theme_columns:
            if header:
                header.append(" ")
            header.append(column.label.ljust(column.width))
        return header if header else Text("thema's")

    def _row(self, s: ScoredCase) -> list[Text]:
        """The cells of one case; Text throughout, so an id is never read as markup."""
        row = case_row(s, (), self.registry)
        themes = Text()
        for index, column in enumerate(self.theme_columns):
            if index:
                themes.append(" ")
            start = len(themes)
            for piece, verdict in column.cells(s.assessment):
                themes.append(piece, style=verdict_style(verdict) if verdict else "")
            themes.pad_right(column.width - (len(themes) - start))
        themes.rstrip()
        region = row.region if len(row.region) <= 7 else row.region[:6] + "…"
        return [
            self._case_cell(s.path, row.case_id),
            Text(region),
            Text(row.tags),
            themes,
            Text(row.risk_text, justify="right"),
            verdict_short(row.overall.id, row.overall.scale),
            Text(STATUS_SHORT.get(row.status, row.status)),
        ]

    def _case_cell(self, path: Path | str, case_id: str) -> Text:
        """The case id, after a mark when the case is marked (one column: 80 is narrow)."""
        if str(path) in self.marked:
            return Text.assemble((MARK, "bold"), (case_id, "bold"))
        return Text(" " + case_id)

    def _status_line(self, count: int) -> None:
        shown = f"{count} van {len(self.scored.cases)}" if self.query_text else count
        invalid = f" · {len(self.scored.errors)} ongeldig (i)" if self.scored.errors else ""
        flt = f" · filter: {self.query_text}" if self.query_text else ""
        if self.filter_error:
            flt += f" ({self.filter_error})"
        more = " (laden, er volgen er meer…)" if self.partial else ""
        if self.marked:
            more += f" · {len(self.marked)} gemarkeerd"
        self.query_one("#client-status", Static).update(
            f"{shown} casussen{more} · sortering: {self.sort}{flt}{invalid}"
        )

    def _remember(self) -> None:
        remember = getattr(self.app, "remember_state", None)
        if remember:
            remember()

    def marked_cases(self) -> list[ScoredCase]:
        """The marked cases in list order (also those the filter hides now)."""
        return [s for s in self.scored.cases if str(s.path) in self.marked]

    def _cursor_key(self) -> str | None:
        table = self.query_one("#triage", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    def action_toggle_mark(self) -> None:
        key = self._cursor_key()
        if key is None:
            return
        self.marked.symmetric_difference_update({key})
        table = self.query_one("#triage", DataTable)
        case_id = str(table.get_cell(key, self._case_column)).strip(MARK + " ")
        table.update_cell(key, self._case_column, self._case_cell(key, case_id))
        self._status_line(len(self.visible()))
        table.action_cursor_down()

    def action_mark_filtered(self) -> None:
        shown = self.visible()
        self.marked.update(str(s.path) for s in shown)
        self._fill()
        self.notify(f"{len(shown)} casussen gemarkeerd; samen {len(self.marked)}.")

    def action_clear_marks(self) -> None:
        if self.marked:
            self.notify(f"Markering van {len(self.marked)} casussen gewist.")
        self.marked.clear()
        self._fill()

    def action_cursor_down(self) -> None:
        self.query_one("#triage", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#triage", DataTable).action_cursor_up()

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._fill()
        self._remember()
        self.notify(f"Sortering: {self.sort}")

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self._fill()
        self._remember()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        # The status line keeps showing the filter; the field itself makes room again.
        self.query_one("#filter", Input).display = False
        self.query_one("#triage", DataTable).focus()

    def key_escape(self) -> None:
        field = self.query_one("#filter", Input)
        if field.has_focus:
            field.value = ""
            field.display = False
            self.query_one("#triage", DataTable).focus()

    @on(DataTable.RowSelected, "#triage")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.OpenCase(event.row_key.value))
