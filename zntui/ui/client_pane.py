"""The client pane: the triage list, worst first, with a filter and sort orders."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from zntui.filtering import FilterError, compile_filter
from zntui.plugins import Registry
from zntui.ui.case_table import CaseTable
from zntui.ui.format import verdict_short, verdict_style
from zntui.ui.list_columns import (
    ALWAYS,
    BY_ID,
    COLUMNS,
    DEFAULT_SORT,
    THEMES,
    Layout,
    fit,
    order_key,
    parse_columns,
    sort_cases,
    sort_options,
)
from zntui.untrusted import visible
from zntui.wording import EMPTY_FOLDER_LINE
from zntui.workflows.caselist import (
    ScreenColumn,
    case_row,
    frameworks_by_use,
    needs_legend,
    overall_scale,
    status_of,
)
from zntui.workflows.scored import ScoredCase, ScoredFolder

MARK = "●"
THEME_BLOCK = 19
"""Characters the theme columns may take at most; they get what the other columns leave
at the pane's width, in the widest form that fits (workflows.caselist)."""
MEASURED = ("casus", "naam", "regio", "kader", "risico", "oordeel", "status")
"""The columns whose width is their widest cell (the theme block's is the layout's)."""
NAME_WIDTH = 20
"""A longer name is cut (the case screen shows it whole)."""
SCROLLBAR = 2
"""Kept free on the right for the table's scrollbar."""

__all__ = ["ClientPane", "search_text", "status_of"]


def search_text(s: ScoredCase, registry: Registry) -> str:
    """Everything a filter may match: id, name, region, frameworks, verdicts, status
    (each as the list shows it, and as it may be typed)."""
    a = s.assessment
    words = [a.case_id, s.pseudonym, a.region, s.municipality, status_of(s), *a.frameworks]
    if s.status is not None:
        words.append(s.status.value)  # as the CLI and the sidecar write it
    for f in a.frameworks:
        if f in registry.frameworks:
            words.append(registry.frameworks[f].tag)
    scale = overall_scale(a, registry)
    value = scale.get(a.verdict)
    words.append(scale.label(a.verdict))
    words.append(f"={value.short}" if value else "=NB")
    return " ".join(words).lower()


def legend_text(columns: list[ScreenColumn], registry: Registry, kader_shown: bool = True) -> Text:
    """What the theme codes and symbols of the list mean, from the frameworks shown."""
    text = Text()
    for column in columns:
        if text:
            text.append(" · ")
        if column.per_framework:
            titles = " ".join(p.label for p in column.parts)
        else:
            seen: list[str] = []
            for part in column.parts:
                if part.title not in seen:
                    seen.append(part.title)
            titles = "/".join(seen)
        text.append(visible(column.label), style="bold")
        text.append(" " + visible(titles))
    merged = [c.label for c in columns if len(c.parts) > 1 and not c.per_framework]
    if merged:
        order = "in de volgorde van 'kader'" if kader_shown else "kolom kader: K"
        text.append(f" · {' '.join(merged)}: een teken per kader, {order}")
    if needs_legend(columns):  # symbols, or symbols of two scales side by side
        scales = {p.scale.id: p.scale for c in columns for p in c.parts}
        text.append(" · ")
        text.append(
            "; ".join(" ".join(f"{v.symbol}{v.short}" for v in sc.values) for sc in scales.values())
        )
    return text


class ClientPane(Vertical):
    """Every case, worst first; Enter opens one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Omlaag", show=False, id="client.down"),
        Binding("k", "cursor_up", "Omhoog", show=False, id="client.up"),
        Binding("slash", "filter", "Filter", id="client.filter"),
        Binding("o", "sort", "Sorteer", id="client.sort"),
        Binding("O", "reverse_sort", "Sortering omkeren", show=False, id="client.reverse"),
        Binding("K", "choose_columns", "Kolommen kiezen", show=False, id="client.columns"),
        Binding("space", "toggle_mark", "Markeer", id="client.mark"),
        Binding("asterisk", "mark_filtered", "Markeer alle", show=False, id="client.mark_all"),
        Binding("c", "clear_marks", "Wis markering", show=False, id="client.clear_marks"),
        Binding("s", "set_status", "Status", id="client.status"),
        Binding("w", "export", "Lijst bewaren", show=False, id="client.export"),
        Binding("y", "copy_case_id", "Kopieer id", show=False, id="client.copy"),
    ]

    class OpenCase(Message):
        """Open the case in the file at ``path`` (rows are keyed by file: ids may clash)."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    class SetStatus(Message):
        """Set the review status of these cases (the marked ones, or the one selected)."""

        def __init__(self, cases: list[ScoredCase]) -> None:
            super().__init__()
            self.cases = cases

    class ExportList(Message):
        """Save these cases (the marked ones when ``marked``, else the list as filtered)."""

        def __init__(self, cases: list[ScoredCase], marked: bool) -> None:
            super().__init__()
            self.cases, self.marked = cases, marked

    class ViewChanged(Message):
        """Sort, filter or columns changed: worth remembering for this folder."""

    def __init__(self, registry: Registry) -> None:
        super().__init__(id="client-pane")
        self.registry = registry
        self.scored = ScoredFolder()
        self.query_text = ""
        self.filter_error = ""
        self.sort = DEFAULT_SORT
        """The column the list is sorted by (a column id, or 'thema:LABEL')."""
        self.reverse = False
        self.columns = parse_columns("")
        """The columns the user chose to see (those that fit are drawn)."""
        self.partial = False
        self.marked: set[str] = set()
        """Files of the marked cases; status and export apply to them."""
        self.theme_columns: list[ScreenColumn] = []
        """The theme block's columns, from the frameworks of the cases shown."""
        self.list_layout = Layout(list(self.columns), [], [])
        self._width = 0
        self._shown: list[ScoredCase] = []
        """The cases listed, in the list's order (the table's rows)."""
        self._keep: Callable[[str], bool] | None = None
        """The filter the list was made with; None: every case."""
        self._order: Callable[[ScoredCase], object] = order_key(DEFAULT_SORT, False, registry)
        """The list's order as a key (:func:`order_key`): a changed case goes in by bisect."""
        self._used: Counter[str] = Counter()
        """Framework → cases (of all, not only those shown) listing it."""
        self._shapes: Counter[tuple[str, object]] = Counter()
        """(column, key of :meth:`_shape`) → cases shown with that key there."""
        self._shape_widths: dict[tuple[str, object], int] = {}
        self._column_widths: dict[str, Counter[int]] = {}
        """Column → cell width → cases shown with a cell that wide (so a column narrows
        again when its widest case goes)."""
        self._drawn: object = None
        """What the columns were last laid out from (unchanged: no new layout)."""

    def compose(self) -> ComposeResult:
        yield Static("Casussen laden…", id="client-status")
        yield CaseTable(id="triage", zebra_stripes=True, cell_padding=0, gap=1)
        yield Static(id="client-legend")
        yield Input(
            placeholder="filter: woorden · re:regex · ~fuzzy · ! ervoor keert om · Esc wist",
            id="filter",
            # Selecting all on focus (when the Focus event arrives) would replace what
            # was typed right after `/` by the next key.
            select_on_focus=False,
        )

    def on_resize(self) -> None:
        if self.size.width != self._width and self.scored.cases:
            self._fill()

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
        keep: Callable[[str], bool] | None
        try:
            keep = compile_filter(self.query_text)
            self.filter_error = ""
        except FilterError as exc:
            keep, self.filter_error = None, str(exc)
        self._keep = keep if self.query_text and not self.filter_error else None
        self._order = order_key(self.sort, self.reverse, self.registry)
        if self._keep is not None:
            test = self._keep
            cases = [s for s in self.scored.cases if test(search_text(s, self.registry))]
        else:
            cases = list(self.scored.cases)
        return sort_cases(cases, self.sort, self.reverse, self.registry)

    def _fill(self, focus: bool = False) -> None:
        """Lay the list out again. No cell is made here: the table asks for the cells
        of the rows it draws, so this costs the same for 50 cases as for 50,000."""
        table = self.query_one("#triage", CaseTable)
        selected = table.cursor_row
        selected_key = table.cursor_key()
        self._shown = cases = self.visible()
        self._used = Counter()
        for s in self.scored.cases:
            self._used.update(s.assessment.frameworks)
        self._count_shapes(cases)
        self._lay_out(table, again=True)
        table.set_rows([str(s.path) for s in cases], lambda i: self._row(self._shown[i]))
        if table.row_count:
            # Stay on the same case when the list is redrawn (new arrivals, a changed
            # case) — unless on the first row: there the worst case is what is watched.
            if selected and selected_key is not None:
                found = table.get_row_index(selected_key)
                selected = selected if found is None else found
            table.move_cursor(row=min(selected, table.row_count - 1))
        self._status_line(len(cases))
        if focus:
            table.focus()

    def apply_change(self, removed: Iterable[ScoredCase], added: Iterable[ScoredCase]) -> None:
        """Files changed on disk: ``removed`` rows out, ``added`` rows in, each put in its
        place in the list's order by bisect; the filter asked of the added alone, widths
        and frameworks counted for them alone. The folder (``scored``) already holds the
        change. The cursor stays on its case (on the first row: on the first row)."""
        table = self.query_one("#triage", CaseTable)
        if self.partial or table.row_count != len(self._shown):
            self._fill()
            return
        removed, added = list(removed), list(added)
        on_top = table.cursor_row == 0
        under_cursor = table.cursor_key()
        shown, order = self._shown, self._order
        for s in removed:
            self._used.subtract(s.assessment.frameworks)
            i = bisect.bisect_left(shown, order(s), key=order)
            if i < len(shown) and shown[i] is s:
                del shown[i]
                table.remove_row(i)
                self._add_shape(s, -1)
        for s in added:
            self._used.update(s.assessment.frameworks)
            if self._keep is None or self._keep(search_text(s, self.registry)):
                i = bisect.bisect_right(shown, order(s), key=order)
                shown.insert(i, s)
                table.insert_row(i, str(s.path))
                self._add_shape(s, 1)
        self._used = +self._used  # frameworks no case lists any more are gone
        self.marked -= {str(s.path) for s in removed} - {str(s.path) for s in added}
        self._lay_out(table)
        if table.row_count:
            row = table.cursor_row
            if on_top:
                row = 0
            else:
                moved = next((s for s in added if str(s.path) == under_cursor), None)
                if moved is not None:
                    found = bisect.bisect_left(shown, order(moved), key=order)
                    row = found if found < len(shown) and shown[found] is moved else row
            table.move_cursor(row=row)
        self._status_line(len(shown))

    def _lay_out(self, table: CaseTable, again: bool = False) -> None:
        """Columns and legend from the widths and frameworks counted; ``again``: even
        when those are as they were."""
        frameworks = frameworks_by_use(self._used, self.registry)
        self._width = self.size.width or self.app.size.width
        widths = self._widths()
        drawn = (self._width, [f.id for f in frameworks], widths, list(self.columns))
        if drawn == self._drawn and not again:
            return
        self._drawn = drawn
        width = self._width - SCROLLBAR
        self.list_layout = fit(self.columns, widths, frameworks, width, THEME_BLOCK)
        self.theme_columns = self.list_layout.themes
        labels = [
            self._themes_header() if c == THEMES else Text(BY_ID[c].header)
            for c in self.list_layout.columns
        ]
        table.set_columns(labels, [widths.get(c, 0) for c in self.list_layout.columns])
        self.query_one("#client-legend", Static).update(
            legend_text(self.theme_columns, self.registry, "kader" in self.list_layout.columns)
        )

    def _shape(self, s: ScoredCase) -> tuple[object, ...]:
        """What each narrow column's cell width depends on, one key per column of
        :data:`MEASURED`: cases with the same key have cells of the same width there,
        so only one case of each key needs its cells made. Printable ASCII ids and
        names count by length; others (wide or escaped) by themselves."""
        a = s.assessment
        name, case_id = s.pseudonym, a.case_id
        return (
            len(case_id) if case_id.isascii() and case_id.isprintable() else case_id,
            len(name) if name.isascii() and name.isprintable() else name,
            a.region,
            tuple(a.frameworks),
            -1 if a.risk is None else len(str(a.risk)),
            (a.verdict, overall_scale(a, self.registry).id),
            (s.status, bool(a.stale)),
        )

    def _count_shapes(self, cases: list[ScoredCase]) -> None:
        """Count the keys of every case shown: one tuple per case; cells per key."""
        self._shapes, self._shape_widths, self._column_widths = Counter(), {}, {}
        keys = [self._shape(s) for s in cases]
        for i, column in enumerate(MEASURED):
            column_keys = [k[i] for k in keys]
            one_of_each = dict(zip(column_keys, cases, strict=True))  # any will do
            for key, count in Counter(column_keys).items():
                self._count_key(column, key, count, one_of_each[key])

    def _add_shape(self, s: ScoredCase, count: int) -> None:
        """Count ``s`` among the cases shown (``count`` 1) or no longer (−1)."""
        for column, key in zip(MEASURED, self._shape(s), strict=True):
            self._count_key(column, key, count, s)

    def _count_key(self, column: str, key: object, count: int, s: ScoredCase) -> None:
        slot = (column, key)
        now = self._shapes[slot] + count
        width = self._shape_widths.get(slot)
        if width is None:
            width = self._shape_widths[slot] = self._cells(s)[column].cell_len
        if now > 0:
            self._shapes[slot] = now
        else:
            del self._shapes[slot]
            del self._shape_widths[slot]
        counts = self._column_widths.setdefault(column, Counter())
        counts[width] += count
        if counts[width] <= 0:
            del counts[width]

    def _widths(self) -> dict[str, int]:
        """Column widths: each its header's or its widest cell among the cases shown
        (from the widths counted per shape: a few hundred cells made, whatever the
        folder's size). The theme block needs none: its width is the layout's."""
        widths = {c.id: len(c.header) for c in COLUMNS if c.id != THEMES}
        for column, counts in self._column_widths.items():
            if counts:
                widths[column] = max(widths.get(column, 0), max(counts))
        return widths

    def _themes_header(self) -> Text:
        header = Text()
        for column in self.theme_columns:
            if header:
                header.append(" ")
            header.append(column.label.ljust(column.width))
        return header if header else Text("thema's")

    def _cells(self, s: ScoredCase) -> dict[str, Text]:
        """Every column's cell of one case; Text throughout, so an id is never read as
        markup, and names and regions come whole (they are never cut)."""
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
        name = visible(s.pseudonym)
        return {
            "casus": self._case_cell(s.path, row.case_id),
            "naam": Text(name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"),
            "regio": Text(visible(row.region)),
            "kader": Text(visible(row.tags)),
            THEMES: themes,
            "risico": Text(row.risk_text, justify="right"),
            "oordeel": verdict_short(row.overall.id, row.overall.scale),
            # "!" after the status: an inspector's judgement is stale (case changed since).
            "status": Text(row.status + ("!" if s.assessment.stale else "")),
        }

    def _row(self, s: ScoredCase) -> list[Text]:
        cells = self._cells(s)
        return [cells[c] for c in self.list_layout.columns]

    def _case_cell(self, path: Path | str, case_id: str) -> Text:
        """The case id, after a mark when the case is marked (one column: 80 is narrow)."""
        if str(path) in self.marked:
            return Text.assemble((MARK, "bold"), (visible(case_id), "bold"))
        return Text(" " + visible(case_id))

    def sort_label(self) -> str:
        label = self.sort.replace("thema:", "thema ")
        return f"{label} {'↑' if self.reverse else '↓'}" if self.reverse else label

    def _status_line(self, count: int) -> None:
        shown = f"{count} van {len(self.scored.cases)}" if self.query_text else count
        invalid = f" · {len(self.scored.errors)} ongeldig (i)" if self.scored.errors else ""
        flt = f" · filter: {self.query_text}" if self.query_text else ""
        if self.filter_error:
            flt += f" ({self.filter_error})"
        more = " (laden, er volgen er meer…)" if self.partial else ""
        if self.marked:
            more += f" · {len(self.marked)} gemarkeerd"
        hidden = ""
        if self.list_layout.hidden:
            hidden = f" · {', '.join(self.list_layout.hidden)} past niet (K: kolommen)"
        line = f"{shown} casussen{more} · sortering: {self.sort_label()}{flt}{invalid}{hidden}"
        if not self.scored.cases and not self.scored.errors and not self.partial:
            line = EMPTY_FOLDER_LINE  # what to do, as the CLI says it
        self.query_one("#client-status", Static).update(Text(visible(line)))

    def restore(self, sort: str, columns: str) -> None:
        """The sort ("-" in front: reversed) and columns remembered for this folder."""
        reverse = sort.startswith("-")
        sort = sort.removeprefix("-")
        if (sort in BY_ID and sort != THEMES) or sort.startswith("thema:"):
            self.sort, self.reverse = sort, reverse
        self.columns = parse_columns(columns)

    def _remember(self) -> None:
        self.post_message(self.ViewChanged())

    def current_case(self) -> ScoredCase | None:
        """The case under the cursor."""
        key = self.cursor_key()
        return next((s for s in self.scored.cases if str(s.path) == key), None) if key else None

    def action_set_status(self) -> None:
        marked = self.marked_cases()
        current = self.current_case()
        self.post_message(self.SetStatus(marked or ([current] if current else [])))

    def action_export(self) -> None:
        marked = self.marked_cases()
        self.post_message(self.ExportList(marked or self.visible(), bool(marked)))

    def action_copy_case_id(self) -> None:
        """Copy the case id to the clipboard of the user's own machine (OSC 52)."""
        selected = self.current_case()
        if selected is None:
            return
        self.app.copy_to_clipboard(selected.assessment.case_id)
        self.notify(
            f"{selected.assessment.case_id} naar het klembord gestuurd (OSC 52). Werkt dat niet "
            "in deze terminal: w bewaart de lijst als bestand."
        )

    def marked_cases(self) -> list[ScoredCase]:
        """The marked cases in list order (also those the filter hides now)."""
        return [s for s in self.scored.cases if str(s.path) in self.marked]

    def cursor_key(self) -> str | None:
        """The file of the case under the cursor."""
        return self.query_one("#triage", CaseTable).cursor_key()

    def action_toggle_mark(self) -> None:
        key = self.cursor_key()
        if key is None:
            return
        self.marked.symmetric_difference_update({key})
        table = self.query_one("#triage", CaseTable)
        table.refresh_rows(table.cursor_row)
        self._status_line(table.row_count)
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
        self.query_one("#triage", CaseTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#triage", CaseTable).action_cursor_up()

    def action_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.display = True
        # Now, not after the next refresh as Widget.focus does: the keys typed right
        # after `/` are already on their way, and the app puts them in the field
        # (ZntuiApp._on_key) instead of running them as list keys.
        self.screen.set_focus(field)

    def action_sort(self) -> None:
        """Choose the column to sort by; choosing the current one again reverses it."""
        current = self.sort
        options = [
            (key, f"{label} (omkeren)" if key == current else label)
            for key, label in sort_options(self.theme_columns)
        ]
        from zntui.ui.prompts import ChoicePrompt  # imported when asked: not on the first screen

        self.app.push_screen(ChoicePrompt("Sorteer op", options, current), self._sort_chosen)

    def _sort_chosen(self, choice: str | None) -> None:
        if choice:
            self.sort_by(choice, reverse=not self.reverse if choice == self.sort else False)

    def sort_by(self, column: str, reverse: bool = False) -> None:
        self.sort, self.reverse = column, reverse
        self._fill()
        self._remember()

    def action_reverse_sort(self) -> None:
        self.sort_by(self.sort, not self.reverse)

    def action_choose_columns(self) -> None:
        options = [(c.id, c.title) for c in COLUMNS if c.id != ALWAYS]
        from zntui.ui.prompts import ColumnsPrompt

        self.app.push_screen(ColumnsPrompt("Kolommen", options, self.columns), self._columns_chosen)

    def _columns_chosen(self, chosen: list[str] | None) -> None:
        if chosen is not None:
            self.columns = parse_columns(",".join([ALWAYS, *chosen]))
            self._fill()
            self._remember()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        self._fill()
        self._remember()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        # The status line keeps showing the filter; the field itself makes room again.
        self.query_one("#filter", Input).display = False
        self.screen.set_focus(self.query_one("#triage", CaseTable))  # now: keys follow

    def key_escape(self) -> None:
        field = self.query_one("#filter", Input)
        if field.has_focus:
            field.value = ""
            field.display = False
            self.screen.set_focus(self.query_one("#triage", CaseTable))  # now: keys follow

    @on(CaseTable.RowSelected, "#triage")
    def _selected(self, event: CaseTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(self.OpenCase(event.row_key.value))
