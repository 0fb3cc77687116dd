"""The library's article table: a Line API widget that draws only the rows on screen. It holds
the order of the rows (their keys) and asks its owner for the cells of the rows it draws, so a
row added, moved or updated costs a list operation, and 10,000 rows cost what 40 do."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True, slots=True)
class TableColumn:
    """A column: its key, heading, width (None: what the others leave), the narrowest it may
    shrink to when the table is narrow (None: never shrinks) and alignment."""

    key: str
    heading: str
    width: int | None = None
    right: bool = False
    minimum: int | None = None


Cells = Callable[[str], Sequence[Text]]
"""Gives the cells of the row with this key."""


class ArticleTable(ScrollView, can_focus=True):
    """Rows in the order of their sort keys, drawn on demand; a header that sorts when
    clicked; a row cursor that stays on its row while rows come and go."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-table--header", "article-table--cursor", "article-table--even-row",
    }
    DEFAULT_CSS = """
    ArticleTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        & > .article-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .article-table--even-row { background: $surface-lighten-1 50%; }
        & > .article-table--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .article-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class RowSelected(Message):
        """Enter (or a click) on a row."""

        def __init__(self, table: ArticleTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> ArticleTable:
            """The table."""
            return self.table

    class HeaderSelected(Message):
        """A click on a column's heading."""

        def __init__(self, table: ArticleTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> ArticleTable:
            """The table."""
            return self.table

    def __init__(self, columns: Sequence[TableColumn], cells: Cells, *, id: str | None = None
                 ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.labels: dict[str, Text] = {c.key: Text(c.heading) for c in columns}
        self.cells = cells
        self.keys: list[str] = []
        self.sort_keys: list[Any] = []
        self.cursor_row = 0
        self.replaced = 0
        """How many times every row was replaced at once (`show`): sorting or filtering,
        never indexing."""
        self._held: str | None = None
        """While rows change in `rows_at_once`: the key of the row the cursor was on."""
        self._holding = False

    # --- rows -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows the table shows."""
        return len(self.keys)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor."""
        return self.keys[self.cursor_row] if 0 <= self.cursor_row < len(self.keys) else None

    def get_row_at(self, index: int) -> Sequence[Text]:
        """The cells of the row at `index`."""
        return self.cells(self.keys[index])

    def show(self, rows: Iterable[tuple[Any, str]]) -> None:
        """Show these rows, (sort key, key) in order; the cursor stays on its row if shown."""
        current = self.cursor_key
        pairs = list(rows)
        self.sort_keys = [k for k, _ in pairs]
        self.keys = [key for _, key in pairs]
        self.replaced += 1
        self._rows_changed(current)

    def put_row(self, sort_key: Any, key: str, old_sort_key: Any = None) -> None:
        """Add the row `key` at the place of its sort key (moving it from `old_sort_key`, the
        place it had, if given); the cursor stays on its row."""
        current = self.cursor_key
        if self._holding and self._held is None:
            self._held = key  # into an empty table: the cursor is on the first row put
        if old_sort_key is not None:
            self._take(old_sort_key, key)
        at = bisect.bisect_right(self.sort_keys, sort_key)
        self.sort_keys.insert(at, sort_key)
        self.keys.insert(at, key)
        self._rows_changed(current)

    def take_row(self, sort_key: Any, key: str) -> None:
        """Take the row `key` (at the place of `sort_key`) out of the table."""
        current = self.cursor_key
        self._take(sort_key, key)
        self._rows_changed(current)

    def _take(self, sort_key: Any, key: str) -> None:
        at = bisect.bisect_left(self.sort_keys, sort_key)
        while at < len(self.keys) and self.keys[at] != key:
            at += 1
        if at >= len(self.keys):  # not where its key says: look everywhere
            at = self.keys.index(key) if key in self.keys else -1
        if at >= 0:
            del self.keys[at], self.sort_keys[at]

    def refresh_row(self, key: str) -> None:
        """Draw the row `key` again (its cells changed, not its place)."""
        if not self._holding:
            self.refresh()

    @contextmanager
    def rows_at_once(self) -> Iterator[None]:
        """Change many rows (`put_row`, `take_row`, `refresh_row`), then follow the cursor's
        row and draw once: thousands of rows arriving at once cost their list inserts only."""
        if self._holding:
            yield
            return
        self._holding, self._held = True, self.cursor_key
        try:
            yield
        finally:
            self._holding = False
            self._rows_changed(self._held)

    def _rows_changed(self, current: str | None) -> None:
        if self._holding:
            return
        if current is not None and (self.cursor_key != current):
            try:
                self.cursor_row = self.keys.index(current)
            except ValueError:
                self.cursor_row = min(self.cursor_row, max(0, len(self.keys) - 1))
        self.virtual_size = Size(self.size.width, len(self.keys) + 1)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        """Put the cursor on row `row` (clamped), scrolling it into view."""
        self.cursor_row = max(0, min(row, len(self.keys) - 1))
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False)
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        """Move the cursor up or down."""
        self.move_cursor(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        """Move the cursor a screenful up or down."""
        self.move_cursor(self.cursor_row + direction * max(1, self.size.height - 2))

    def action_jump(self, row: int) -> None:
        """Move to the first (0) or last (-1) row."""
        self.move_cursor(row if row >= 0 else len(self.keys) - 1)

    def action_select(self) -> None:
        """Open the row under the cursor."""
        key = self.cursor_key
        if key is not None:
            self.post_message(self.RowSelected(self, key))

    def on_resize(self, event: events.Resize) -> None:
        """The title column takes what the others leave."""
        self.virtual_size = Size(event.size.width, len(self.keys) + 1)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a heading sorts by it; on a row, opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for column, width in zip(self.columns, self._widths(self.size.width), strict=True):
                if x <= offset.x < x + width + 1:
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
                x += width + 1
            return
        row = int(self.scroll_offset.y) + offset.y - 1
        if 0 <= row < len(self.keys):
            self.move_cursor(row)
            self.action_select()

    # --- drawing --------------------------------------------------------------------------

    def _widths(self, total: int) -> list[int]:
        """Each column's width: the fixed ones as given, shrinking those with a minimum (one
        cell at a time, widest first) until the flexible column has half the width or more."""
        widths = [c.width or 0 for c in self.columns]
        room = total - len(self.columns)
        flexible = sum(1 for c in self.columns if c.width is None) or 1
        goal = room // 2
        while room - sum(widths) < goal * flexible:
            shrinkable = [i for i, c in enumerate(self.columns)
                          if c.width is not None and c.minimum is not None
                          and widths[i] > c.minimum]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
        rest = max(10, (room - sum(widths)) // flexible)
        return [w if c.width is not None else rest
                for c, w in zip(self.columns, widths, strict=True)]

    def render_line(self, y: int) -> Strip:
        """The header (y = 0) or the row drawn at line y."""
        width = self.size.width
        widths = self._widths(width)
        if y == 0:
            style = self.get_component_rich_style("article-table--header")
            return self._strip([self.labels[c.key] for c in self.columns], widths, style, width)
        row = int(self.scroll_offset.y) + y - 1
        base = self.rich_style
        if row >= len(self.keys):
            return Strip.blank(width, base)
        style = base
        if row % 2:
            style += self.get_component_rich_style("article-table--even-row")
        if row == self.cursor_row:
            style += self.get_component_rich_style("article-table--cursor")
        return self._strip(self.cells(self.keys[row]), widths, style, width)

    def _strip(self, cells: Sequence[Text], widths: list[int], style: Style, width: int
               ) -> Strip:
        line = Text(no_wrap=True, end="")
        for column, cell, size in zip(self.columns, cells, widths, strict=False):
            text = cell.copy()
            text.truncate(size, overflow="ellipsis")
            pad = " " * (size - text.cell_len)
            if column.right:
                line.append(pad)
                line.append_text(text)
            else:
                line.append_text(text)
                line.append(pad)
            line.append(" ")
        segments = [Segment(s.text, style + s.style if s.style else style)
                    for s in line.render(self.app.console)]
        return Strip(segments).extend_cell_length(width, style).crop(0, width)
