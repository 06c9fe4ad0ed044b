"""The client pane: the triage list, worst first, with a filter and sort orders."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from zntui.engine.folder import ScoredCase, ScoredFolder
from zntui.filtering import FilterError, compile_filter
from zntui.model.framework import DEFAULT_SCALE, NOT_ASSESSED
from zntui.plugins import Registry
from zntui.ui.format import verdict_short

THEMES = ("CC", "MZ", "IZ", "VE")
SORTS = ("risico", "casus", "regio", "status")
STATUS_SHORT = {"nieuw": "nieuw", "in behandeling": "bezig", "afgerond": "klaar"}


def status_of(s: ScoredCase) -> str:
    return s.status.label if s.status else "onleesbaar"


def search_text(s: ScoredCase, registry: Registry) -> str:
    """Everything a filter may match: id, region, frameworks, verdicts, status."""
    a = s.assessment
    words = [a.case_id, a.region, s.municipality, status_of(s), *a.frameworks]
    for f in a.frameworks:
        if f in registry.frameworks:
            words.append(registry.frameworks[f].tag)
    value = DEFAULT_SCALE.get(a.verdict)
    words.append(DEFAULT_SCALE.label(a.verdict))
    words.append(f"={value.short}" if value else "=NB")
    return " ".join(words).lower()


class ClientPane(Vertical):
    """Every case, worst first; Enter opens one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Omlaag", show=False, id="client.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="client.up"),
        Binding("slash", "filter", "Filter", id="client.filter"),
        Binding("o", "sort", "Sorteer", id="client.sort"),
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

    def compose(self) -> ComposeResult:
        yield Static("Casussen laden…", id="client-status")
        table: DataTable[str | Text] = DataTable(id="triage", cursor_type="row", zebra_stripes=True)
        table.add_columns(
            "casus",
            "regio",
            "kader",
            "  ".join(f"{t:<3}" for t in THEMES),
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
        for s in cases:
            a = s.assessment
            tags = "+".join(
                self.registry.frameworks[f].tag if f in self.registry.frameworks else f
                for f in a.frameworks
            )
            themes = Text()
            for index, theme_id in enumerate(THEMES):
                if index:
                    themes.pad_right(5 * index - len(themes))
                theme = s.assessment.worst_theme(theme_id)
                themes.append_text(verdict_short(theme.verdict if theme else NOT_ASSESSED))
            risk = "-" if s.assessment.risk is None else str(s.assessment.risk)
            region = a.region if len(a.region) <= 9 else a.region[:8] + "…"
            table.add_row(
                a.case_id,
                region,
                tags,
                themes,
                Text(risk, justify="right"),
                verdict_short(s.assessment.verdict),
                STATUS_SHORT.get(status_of(s), status_of(s)),
                key=str(s.path),
            )
        if table.row_count:
            # Stay on the same case when the list is redrawn (new arrivals, a changed case).
            if selected_key is not None and selected_key in table.rows:
                selected = table.get_row_index(selected_key)
            table.move_cursor(row=min(selected, table.row_count - 1))
        shown = f"{len(cases)} van {len(self.scored.cases)}" if self.query_text else len(cases)
        invalid = f" · {len(self.scored.errors)} ongeldig (i)" if self.scored.errors else ""
        flt = f" · filter: {self.query_text}" if self.query_text else ""
        if self.filter_error:
            flt += f" ({self.filter_error})"
        more = " (laden, er volgen er meer…)" if self.partial else ""
        self.query_one("#client-status", Static).update(
            f"{shown} casussen{more} · sortering: {self.sort}{flt}{invalid}"
        )
        if focus:
            table.focus()

    def _remember(self) -> None:
        remember = getattr(self.app, "remember_state", None)
        if remember:
            remember()

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
