"""A table that draws only the rows on screen: the triage list of a national folder.

DataTable holds every cell of every row as objects and recomputes its layout over all
rows when one moves; at 50,000 cases that is seconds and hundreds of megabytes. This
table is told how many rows there are, their keys in order and how to make the cells
of one row; it makes cells only for the rows it draws (and keeps a screenful or so).
Putting a changed case in its new place is a new key order and a redraw.

It speaks enough of DataTable's language for its users: ``row_count``, ``cursor_row``,
``move_cursor``, ``get_row_at``, ``ordered_columns``, ``RowSelected``, and it is styled by
the same component classes, so it looks the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import DataTable

Cells = Callable[[int], list[Text]]
"""The cells of the row at an index, in column order."""

CACHED_ROWS = 400
"""Rows whose cells are kept between redraws (a few screens; dropped when full)."""


@dataclass(frozen=True)
class Column:
    label: Text
    width: int = 0


@dataclass(frozen=True)
class RowKey:
    """As DataTable's: ``value`` is the key the row was given."""

    value: str | None


class CaseTable(ScrollView, can_focus=True):
    """Rows drawn on demand; the cursor is a whole row."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES
    DEFAULT_CSS = DataTable.DEFAULT_CSS.replace("DataTable {", "CaseTable {", 1)
    BINDINGS = [
        Binding("enter", "select_cursor", "Openen", show=False, id="list.open"),
        Binding("up", "cursor_up", "Omhoog", show=False, id="list.up"),
        Binding("down", "cursor_down", "Omlaag", show=False, id="list.down"),
        Binding("pageup", "page_up", "Pagina omhoog", show=False, id="list.page_up"),
        Binding("pagedown", "page_down", "Pagina omlaag", show=False, id="list.page_down"),
        Binding("home,ctrl+home", "scroll_top", "Naar de eerste", show=False, id="list.first"),
        Binding("end,ctrl+end", "scroll_bottom", "Naar de laatste", show=False, id="list.last"),
        # ScrollView's own, in Dutch (a list wider than the terminal scrolls sideways).
        Binding("left", "scroll_left", "Naar links", show=False, id="list.left"),
        Binding("right", "scroll_right", "Naar rechts", show=False, id="list.right"),
        Binding("ctrl+pageup", "page_left", "Pagina links", show=False, id="list.page_left"),
        Binding("ctrl+pagedown", "page_right", "Pagina rechts", show=False, id="list.page_right"),
    ]

    class RowSelected(Message):
        """Enter (or a click on the row under the cursor) on a row."""

        def __init__(self, table: CaseTable, cursor_row: int, key: str | None) -> None:
            super().__init__()
            self.data_table = table
            self.cursor_row = cursor_row
            self.row_key = RowKey(key)

        @property
        def control(self) -> CaseTable:
            return self.data_table

    def __init__(
        self,
        *,
        id: str | None = None,
        zebra_stripes: bool = True,
        cell_padding: int = 1,
        gap: int = 0,
    ) -> None:
        super().__init__(id=id)
        self.zebra_stripes = zebra_stripes
        self.cell_padding = cell_padding
        self.gap = gap
        """Spaces after every column but the last (beside the padding): 80 is narrow."""
        self.ordered_columns: list[Column] = []
        self._keys: Sequence[str] = ()
        self._index: dict[str, int] | None = None
        self._cells: Cells = lambda _: []
        self._cache: dict[int, list[Text]] = {}
        self._cursor = 0

    # --- what DataTable's users ask ----------------------------------------------------

    def add_columns(self, *labels: str) -> list[int]:
        self.ordered_columns = [Column(Text(label)) for label in labels]
        return list(range(len(labels)))

    def set_columns(self, labels: Sequence[Text], widths: Sequence[int]) -> None:
        """Show these columns (another choice of them), each at least its width."""
        self.ordered_columns = [
            Column(label, max(w, label.cell_len)) for label, w in zip(labels, widths, strict=True)
        ]
        self._cache = {}
        self._resize()
        self.refresh()

    def set_label(self, column: int, label: Text) -> None:
        columns = self.ordered_columns
        columns[column] = Column(label, max(columns[column].width, label.cell_len))
        self.refresh()

    def set_widths(self, widths: Sequence[int]) -> None:
        self.ordered_columns = [
            Column(c.label, max(w, c.label.cell_len))
            for c, w in zip(self.ordered_columns, widths, strict=True)
        ]
        self._resize()

    def set_rows(self, keys: Sequence[str], cells: Cells) -> None:
        """Show these rows (keys in order); ``cells(i)`` makes row i's when it is drawn."""
        self._keys, self._cells = keys, cells
        self._index, self._cache = None, {}
        self._cursor = min(self._cursor, max(len(keys) - 1, 0))
        self._resize()
        self.refresh()

    def insert_row(self, row: int, key: str) -> None:
        """A row comes in at ``row`` (those after it move down one); the cursor stays on
        its row's case. The cells of the rows on screen are made again when drawn."""
        keys = self._ensure_list()
        keys.insert(row, key)
        if row <= self._cursor and len(keys) > 1:
            self._cursor += 1
        self._moved()

    def remove_row(self, row: int) -> None:
        """The row at ``row`` goes (those after it move up one); the cursor stays on its
        case, or goes to the next when its own case went."""
        keys = self._ensure_list()
        del keys[row]
        if row < self._cursor:
            self._cursor -= 1
        self._cursor = min(self._cursor, max(len(keys) - 1, 0))
        self._moved()

    def _ensure_list(self) -> list[str]:
        if not isinstance(self._keys, list):
            self._keys = list(self._keys)
        return self._keys

    def _moved(self) -> None:
        # Indices after the change moved: the index is made again when asked (rarely),
        # the cells kept are for rows by index, so they go (a screenful is made again).
        self._index, self._cache = None, {}
        self._resize()
        self.refresh()

    def refresh_rows(self, *rows: int) -> None:
        """Draw these rows again (their cells have changed)."""
        for row in rows:
            self._cache.pop(row, None)
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def cursor_key(self) -> str | None:
        return self._keys[self._cursor] if self._keys else None

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def get_row_index(self, key: str) -> int | None:
        if self._index is None:
            self._index = {k: i for i, k in enumerate(self._keys)}
        return self._index.get(key)

    def get_row_at(self, row: int) -> list[Text]:
        if not 0 <= row < len(self._keys):
            raise IndexError(f"no row {row}")
        found = self._cache.get(row)
        if found is None:
            if len(self._cache) >= CACHED_ROWS:
                self._cache.clear()
            found = self._cache[row] = self._cells(row)
        return found

    def move_cursor(self, *, row: int, scroll: bool = True) -> None:
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row != self._cursor:
            self._cursor = row
            self.refresh()
        if scroll:
            self._scroll_to_cursor()

    def clear(self) -> None:
        self.set_rows((), lambda _: [])

    # --- keys and mouse ------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + max(self._body_height - 1, 1))

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - max(self._body_height - 1, 1))

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self._cursor, self.cursor_key()))

    def _on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y - 1
        if event.y < 1 or not 0 <= row < len(self._keys):
            return
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    # --- drawing ---------------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)  # the header stays

    def _resize(self) -> None:
        pad = 2 * self.cell_padding
        width = sum(c.width + pad for c in self.ordered_columns)
        width += self.gap * max(len(self.ordered_columns) - 1, 0)
        self.virtual_size = Size(width, len(self._keys) + 1)

    def _scroll_to_cursor(self) -> None:
        top = int(self.scroll_offset.y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False)
        elif self._cursor >= top + self._body_height:
            self.scroll_to(y=self._cursor - self._body_height + 1, animate=False)

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def _line(
        self, row: int, cells: Sequence[Text], style: Style, cursor: Style | None = None
    ) -> Strip:
        """One row, cell by cell as DataTable draws it: padding, the cell's own colours
        over the row's style, and the cursor's over both."""
        pad = " " * self.cell_padding
        gap = " " * self.gap
        last = len(self.ordered_columns) - 1
        console = self.app.console
        segments: list[Segment] = []
        for index, (column, content) in enumerate(zip(self.ordered_columns, cells, strict=False)):
            cell = content.copy()
            if cell.style:  # the cell's colour is its text's, not its padding's
                cell.stylize_before(cell.style, 0, len(cell))
                cell.style = ""
            cell.truncate(column.width, overflow="ellipsis")
            space = " " * (column.width - cell.cell_len)
            if cell.justify == "right":
                cell = Text(pad + space, end="").append_text(cell).append(pad)
            else:
                cell = Text(pad, end="").append_text(cell).append(space + pad)
            if index < last:
                cell.append(gap)
            # Under the cell's own colours (a Text's base style is lost on plain text);
            # where it is, as DataTable says it (and so is drawn cell by cell as there).
            cell.stylize_before(style + Style.from_meta({"row": row, "column": index}))
            if cursor is not None:
                cell.stylize(cursor)
            segments.extend(Segment.simplify(cell.render(console)))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = int(self.scroll_offset.x), int(self.scroll_offset.y)
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("datatable--header")
            strip = self._line(-1, [c.label for c in self.ordered_columns], style)
        else:
            row = scroll_y + y - 1
            if not 0 <= row < len(self._keys):
                return Strip([Segment(" " * width, base)], width)
            style = base
            if self.zebra_stripes:
                stripe = "datatable--odd-row" if row % 2 else "datatable--even-row"
                style += self.get_component_rich_style(stripe)
            cursor = None
            if row == self._cursor:
                cursor = self.get_component_rich_style("datatable--cursor")
                style += cursor
            strip = self._line(row, self.get_row_at(row), style, cursor)
        return strip.crop_extend(scroll_x, scroll_x + width, style)
