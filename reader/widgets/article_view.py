"""The article text: a Line API scroll view (drawn by `text_lines.py`) with its keys, a reading
cursor that moves by sentence and word (`cursor_moves.py`), selections by keyboard and mouse,
and clicks on names; it says where the reader is (`ReadingPosition`, `CursorMoved`)."""

from __future__ import annotations

from typing import Literal

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.selection import Selection

from articles import Article
from reader.widgets.cursor_moves import CursorMoves
from reader.widgets.text_lines import GUTTER, ArticleLines
from reader.widgets.wrapping import cell_to_char

ScrollTo = Literal["none", "into_view", "third", "top"]
"""How far `ArticleView.move_cursor` scrolls to show the cursor."""


class ArticleView(ArticleLines, can_focus=True):
    """Shows one article; the screen tells it what to mark (highlights, mentions, matches)."""

    ALLOW_SELECT = True

    BINDINGS = [
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("shift+space,pageup", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
        Binding("right,right_parenthesis", "next_sentence", "Next sentence", show=False),
        Binding("left,left_parenthesis", "previous_sentence", "Previous sentence", show=False),
        Binding("w", "next_word", "Next word", show=False),
        Binding("b", "previous_word", "Previous word", show=False),
        Binding("v", "toggle_visual", "Select", show=True),
    ]

    HELP = """
Read with the arrow keys, j/k, space and page up/down, g/G for top and bottom.
A reading cursor moves by sentence with right/left or ( and ), by word with w and b;
`v` starts a selection at the cursor, which then extends as the cursor moves.
Drag with the mouse to select; click a name or a document to choose it.
"""

    class OffsetClicked(Message):
        """The user clicked on the text at `offset` (a code-point offset)."""

        def __init__(self, offset: int) -> None:
            self.offset = offset
            super().__init__()

    class ReadingPosition(Message):
        """The reading position is now `offset` (the cursor's start, or the first character on
        screen before there is a cursor), `percent` of the way through the text."""

        def __init__(self, offset: int, percent: int) -> None:
            self.offset = offset
            self.percent = percent
            super().__init__()

    class CursorMoved(Message):
        """The reading cursor or the selection changed: they are now `cursor` and
        `selection` (the mouse selection, else the keyboard one)."""

        def __init__(self, cursor: tuple[int, int] | None,
                     selection: tuple[int, int] | None) -> None:
            self.cursor = cursor
            self.selection = selection
            super().__init__()

    def __init__(
        self,
        article: Article,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(article, name=name, id=id, classes=classes)
        self._moves = CursorMoves(article)
        self._last_reported = -1

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.cursor is not None and self.size.height:
            self._keep_cursor_in_view()
        self._report_position()

    def _report_position(self) -> None:
        """Tell the screen where the reader is: the cursor, else the top of the screen."""
        offset = self.cursor[0] if self.cursor is not None else self.top_offset()
        if offset != self._last_reported:
            self._last_reported = offset
            self.post_message(self.ReadingPosition(offset, self.percent_at(offset)))

    def percent_at(self, offset: int) -> int:
        """How far through the text `offset` is: 100 only for the last sentence."""
        return self._moves.percent_at(offset, self.cursor)

    # --- mouse selection and clicks -------------------------------------------------------

    def _point_to_offset(self, x: int, y: int) -> int:
        lay = self._layout
        y = max(0, min(y, len(lay) - 1))
        start, end = lay.starts[y], lay.ends[y]
        return max(start, min(start + max(0, x), end))

    def selection_range(self, selection: Selection) -> tuple[int, int] | None:
        """The canonical offsets a Textual selection covers, widened to whole words."""
        if not len(self._layout):
            return None
        start = self._point_to_offset(*selection.start) if selection.start else 0
        if selection.end is None:
            end = len(self.article.text)
        else:
            x, y = selection.end
            end = self._point_to_offset(x, y)
        if end <= start:
            return None
        from articles.parsing.segments import snap_to_words

        return snap_to_words(self.article.text, start, end)  # a drag takes whole words

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self.selection_range(selection)
        if span is None:
            return None
        return self.article.text[span[0] : span[1]], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._mouse_selection = self.selection_range(selection) if selection else None
        self.refresh_text()
        self._cursor_moved()

    async def _on_click(self, event: events.Click) -> None:
        await super()._on_click(event)
        offset = event.get_content_offset(self)
        if offset is None or event.chain != 1:
            return
        line = int(self.scroll_y) + offset.y
        if line >= len(self._layout) or self._layout.blocks[line] < 0:
            return
        start, end = self._layout.starts[line], self._layout.ends[line]
        position = cell_to_char(self.article.text, start, end, offset.x - GUTTER)
        if position >= end and end > start:
            position = end - 1
        self.place_cursor(position)
        if self.screen.selections.get(self) is None:
            # Letting go of a drag that selected text is not a click on a name.
            self.post_message(self.OffsetClicked(position))

    # --- reading cursor -------------------------------------------------------------------

    def clear_selection(self) -> None:
        """Drop the mouse and keyboard selections."""
        self.visual_anchor = None
        self._mouse_selection = None
        if self.screen.selections:
            self.screen.clear_selection()
        self.refresh_text()
        self._cursor_moved()

    def _cursor_on_screen(self) -> bool:
        if self.cursor is None:
            return False
        line = self.line_of(self.cursor[0])
        top = int(self.scroll_y)
        return top <= line < top + max(1, self.size.height)

    def place_cursor(self, offset: int, *, scroll: bool = True) -> None:
        """Put the cursor on the sentence holding `offset` (scrolled into view with
        `scroll`)."""
        span = self._moves.sentence_at(offset)
        if span is not None:
            self.move_cursor(span, scroll="into_view" if scroll else "none")

    def move_cursor(self, span: tuple[int, int], *, scroll: ScrollTo = "into_view") -> None:
        """Put the reading cursor on `span`: the one way the cursor moves (keys, clicks, a
        chosen mention or note), so `CursorMoved` and the reading position always follow.
        `scroll`: not at all, as little as shows it, to a third of the way down, or to the
        top."""
        self.cursor = span
        if scroll == "into_view":
            self.ensure_visible(*span)
        self.refresh_text()
        self._cursor_moved()
        self._report_position()
        if scroll in ("third", "top"):
            self.scroll_to_offset(span[0], top=scroll == "top")

    def _cursor_moved(self) -> None:
        self.post_message(self.CursorMoved(self.cursor, self.selected_range()))

    def _keep_cursor_in_view(self) -> None:
        """After a scroll (keys, wheel, scrollbar), bring the cursor onto the screen: to the
        first sentence starting on it when the text moved up, else to the last."""
        assert self.cursor is not None
        lay = self._layout
        if not len(lay) or self._cursor_on_screen():
            return
        top = min(int(self.scroll_y), len(lay) - 1)
        bottom = min(top + self.size.height - 1, len(lay) - 1)
        if self.line_of(self.cursor[0]) < top:
            span = self._moves.sentence_at(lay.starts[top], starting=True)
            if span is None or self.line_of(span[0]) > bottom:
                span = self._moves.sentence_at(lay.starts[top])
        else:
            span = self._moves.sentence_at(lay.starts[bottom])
        if span is not None:
            self.move_cursor(span, scroll="none")

    def action_scroll_home(self) -> None:
        """Go to the top; the cursor to the first sentence."""
        first = self._moves.first_sentence()
        if first is not None:
            self.move_cursor(first, scroll="none")
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """Go to the end; the cursor to the last sentence."""
        last = self._moves.last_sentence()
        if last is not None:
            self.move_cursor(last, scroll="none")
        self.scroll_end(animate=False, immediate=True)

    def _start_cursor(self) -> bool:
        """Start the cursor at the top of the screen if it is not on screen; True if placed."""
        if self._cursor_on_screen():
            return False
        self.place_cursor(self.top_offset())
        return True

    def _move(self, step: int, words: bool = False) -> None:
        """Move the cursor to the next (`step` 1) or previous (-1) sentence or word, crossing
        into the next block when needed."""
        if self._moves.empty or self._start_cursor():
            return
        assert self.cursor is not None
        moves = self._moves
        span = (moves.next_word if words else moves.next_sentence)(self.cursor, step)
        if span is not None:
            self.move_cursor(span)

    def action_next_sentence(self) -> None:
        """Move the cursor to the next sentence."""
        self._move(1)

    def action_previous_sentence(self) -> None:
        """Move the cursor to the previous sentence."""
        self._move(-1)

    def action_next_word(self) -> None:
        """Move the cursor to the next word."""
        self._move(1, words=True)

    def action_previous_word(self) -> None:
        """Move the cursor to the previous word."""
        self._move(-1, words=True)

    def action_toggle_visual(self) -> None:
        """Start (or drop) a keyboard selection at the cursor."""
        if self.visual_anchor is not None:
            self.visual_anchor = None
        else:
            self._start_cursor()
            self.visual_anchor = self.cursor
        self.refresh_text()
        self._cursor_moved()
