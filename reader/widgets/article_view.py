"""The article text: a Line API scroll view that lays out every block once (positions only),
builds styled strips only for the lines on screen, and keeps a reading cursor and selection."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from articles import Article
from articles.model import BODY_KINDS
from reader.decorations import Decoration
from reader.safe_text import visible
from reader.widgets.wrapping import Layout, cell_to_char, layout

GUTTER = 2
MAX_TEXT_WIDTH = 100
CURSOR_KINDS = BODY_KINDS | {"title"}

ScrollTo = Literal["none", "into_view", "third", "top"]
"""How far `ArticleView.move_cursor` scrolls to show the cursor."""


def styled_segments(text: str, spans: Sequence[tuple[int, int, Style]]) -> list[Segment]:
    """`text` cut where the styles of `spans` (start, end, style) change; where spans overlap,
    later ones are laid over earlier ones (as rich's Text does, without its cost)."""
    if len(spans) == 1 and spans[0][0] <= 0 and spans[0][1] >= len(text):
        return [Segment(text, spans[0][2])] if text else []
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s in spans for p in s[:2])})
    segments: list[Segment] = []
    for left, right in itertools.pairwise(cuts):
        covering = [style for start, end, style in spans if start <= left and right <= end]
        segments.append(Segment(text[left:right], Style.combine(covering) if covering else None))
    return segments


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; the screen tells it what to mark (highlights, mentions, matches)."""

    ALLOW_SELECT = True

    COMPONENT_CLASSES = {
        "article--title",
        "article--byline",
        "article--lead",
        "article--paragraph",
        "article--heading",
        "article--caption",
        "article--image",
        "article--footer",
        "article--mention",
        "article--role-mention",
        "article--current",
        "article--search",
        "article--cursor",
        "article--selection",
        "article--note-marker",
        "highlight--yellow",
        "highlight--green",
        "highlight--blue",
        "highlight--pink",
        "highlight--purple",
    }

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
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        self._layout: Layout = layout(article.text, article.blocks, 60)
        self._decorations: list[Decoration] = []
        self._decoration_starts: list[int] = []
        self._longest = 0
        self._note_starts: set[int] = set()
        self._cache: LRUCache[int, Strip] = LRUCache(512)
        self._styles: dict[str, Style] = {}
        self.cursor: tuple[int, int] | None = None
        self.visual_anchor: tuple[int, int] | None = None
        self._mouse_selection: tuple[int, int] | None = None
        self._cursor_blocks = [
            i for i, b in enumerate(article.blocks) if b.kind in CURSOR_KINDS
        ]
        self._pending_offset: int | None = None
        self._pending_top = True
        self._last_reported = -1

    # --- layout ---------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Cells available for text on one line."""
        # The scrollable region leaves out the scrollbar: no word is cut under it.
        width = self.scrollable_content_region.width or self.size.width
        return max(1, min(MAX_TEXT_WIDTH, width - GUTTER))

    @property
    def line_layout(self) -> Layout:
        """The current screen lines."""
        return self._layout

    def _relayout(self) -> None:
        width = self.text_width
        if width == self._layout.width and self.virtual_size.height == len(self._layout):
            return
        top = self.top_offset() if self.size.height else None
        self._layout = layout(self.article.text, self.article.blocks, width)
        self.virtual_size = Size(width + GUTTER, len(self._layout))
        self._cache.clear()
        if self._pending_offset is not None:
            target, self._pending_offset = self._pending_offset, None
            self.scroll_to_offset(target, top=self._pending_top)
        elif top is not None:
            self.scroll_to_offset(top, top=True)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        # Lay the text out as soon as the size is known: the first frame is painted before the
        # Resize event arrives, and should already show the text at its width and position.
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if size.width:
            self._relayout()
        return changed

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def line_of(self, offset: int) -> int:
        """The screen line showing `offset`."""
        starts = self._layout.starts
        line = bisect.bisect_right(starts, offset) - 1
        return max(0, min(line, len(starts) - 1))

    def top_offset(self) -> int:
        """The offset of the first character on screen."""
        if not self._layout.starts:
            return 0
        line = min(int(self.scroll_y), len(self._layout) - 1)
        return self._layout.starts[line]

    def scroll_to_offset(self, offset: int, *, top: bool = False) -> None:
        """Bring `offset` into view: at the top (`top`) or a third of the way down."""
        if not self.size.height or self.virtual_size.height != len(self._layout):
            self._pending_offset, self._pending_top = offset, top
            return
        line = self.line_of(offset)
        y = line if top else max(0, line - self.size.height // 3)
        # Forced: just laid out, the scrollbar may not be shown yet, which forbids scrolling.
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def ensure_visible(self, start: int, end: int) -> None:
        """Scroll as little as needed to show the range."""
        first, last = self.line_of(start), self.line_of(max(start, end - 1))
        height = self.size.height
        if not height:
            self._pending_offset, self._pending_top = start, True
            return
        top = int(self.scroll_y)
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)

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
        if not self._cursor_blocks:
            return 100
        last = self.article.blocks[self._cursor_blocks[-1]]
        if self.cursor is not None and self.cursor[1] >= last.end:
            return 100
        return min(99, offset * 100 // max(1, last.end))

    # --- decorations ----------------------------------------------------------------------

    def set_decorations(self, decorations: Iterable[Decoration], notes: Iterable[int] = ()) -> None:
        """Replace what is marked in the text, and where notes start."""
        self._decorations = sorted(d for d in decorations if d.end > d.start)
        self._decoration_starts = [d.start for d in self._decorations]
        self._longest = max((d.end - d.start for d in self._decorations), default=0)
        self._note_starts = set(notes)
        self.refresh_text()

    def refresh_text(self) -> None:
        """Rebuild the lines on screen (after a change of marks, cursor or selection)."""
        self._cache.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self._blended_style(name)
        return style

    def _blended_style(self, name: str) -> Style:
        """A component's style with its translucent colours laid over the view's background
        (a partial rich style would take them as opaque)."""
        styles = self.get_component_styles(name)
        base = self.styles.background
        background = base + styles.background if styles.has_rule("background") else None
        color = (background or base) + styles.color if styles.has_rule("color") else None
        return Style(color=color.rich_color if color is not None else None,
                     bgcolor=background.rich_color if background is not None else None
                     ) + styles.text_style

    def _base_style(self) -> Style:
        """The view's own style (kept until the styles change, like the component styles)."""
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def _decorations_in(self, start: int, end: int) -> Sequence[Decoration]:
        first = bisect.bisect_left(self._decoration_starts, start - self._longest)
        last = bisect.bisect_left(self._decoration_starts, end)
        return [d for d in self._decorations[first:last] if d.end > start]

    # --- rendering ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(index)
        if strip is None:
            strip = self._build_line(index)
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._base_style())

    def _build_line(self, index: int) -> Strip:
        lay = self._layout
        base = self._base_style()
        if index >= len(lay) or lay.blocks[index] < 0:
            return Strip.blank(GUTTER, base).apply_offsets(0, index) if index < len(lay) else (
                Strip.blank(GUTTER, base)
            )
        start, end = lay.starts[index], lay.ends[index]
        block = self.article.blocks[lay.blocks[index]]
        text = visible(self.article.text[start:end])
        spans = [(0, len(text), base + self._style(f"article--{block.kind}"))]
        for dec in self._decorations_in(start, max(end, start + 1)):
            spans.append((max(dec.start, start) - start, min(dec.end, end) - start,
                          self._style(dec.style)))
        for sel_start, sel_end, style in self._selection_spans():
            if sel_start < end and sel_end > start:
                spans.append((max(sel_start, start) - start, min(sel_end, end) - start,
                               self._style(style)))
        marker = any(start <= n < end for n in self._note_starts) if self._note_starts else False
        gutter = Segment("✎ " if marker else "  ", base + self._style("article--note-marker"))
        # One strip per line (each Strip holds caches that become garbage for the collector):
        # the text's segments carry the offsets Textual's selection reads, as apply_offsets
        # would set them, counted from the text's first character.
        segments = [gutter]
        x = 0
        for segment in styled_segments(text, spans):
            offset = Style.from_meta({"offset": (x, index)})
            styled = segment.style
            segments.append(Segment(segment.text, styled + offset if styled else offset))
            x += len(segment.text)
        return Strip(segments, GUTTER + cell_len(text))

    def _selection_spans(self) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        if self.cursor is not None:
            spans.append((*self.cursor, "article--cursor"))
        visual = self.visual_range()
        if visual is not None:
            spans.append((*visual, "article--selection"))
        if self._mouse_selection is not None:
            spans.append((*self._mouse_selection, "article--selection"))
        return spans

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

    def visual_range(self) -> tuple[int, int] | None:
        """The keyboard selection from where `v` was pressed to the cursor."""
        if self.visual_anchor is None or self.cursor is None:
            return None
        return (
            min(self.visual_anchor[0], self.cursor[0]),
            max(self.visual_anchor[1], self.cursor[1]),
        )

    def selected_range(self) -> tuple[int, int] | None:
        """What a highlight would cover now: the mouse selection, else the keyboard one."""
        return self._mouse_selection or self.visual_range()

    def clear_selection(self) -> None:
        """Drop the mouse and keyboard selections."""
        self.visual_anchor = None
        self._mouse_selection = None
        if self.screen.selections:
            self.screen.clear_selection()
        self.refresh_text()
        self._cursor_moved()

    def _sentences_of(self, block_index: int) -> list[tuple[int, int]]:
        block = self.article.blocks[block_index]
        return self._sentences(block.start, block.end)

    def _block_index_at(self, offset: int) -> int:
        starts = [self.article.blocks[i].start for i in self._cursor_blocks]
        i = bisect.bisect_right(starts, offset) - 1
        return max(0, i)

    def _cursor_on_screen(self) -> bool:
        if self.cursor is None:
            return False
        line = self.line_of(self.cursor[0])
        top = int(self.scroll_y)
        return top <= line < top + max(1, self.size.height)

    def place_cursor(self, offset: int, *, scroll: bool = True) -> None:
        """Put the cursor on the sentence holding `offset` (scrolled into view with
        `scroll`)."""
        span = self._sentence_at(offset)
        if span is not None:
            self.move_cursor(span, scroll="into_view" if scroll else "none")

    def _sentence_at(self, offset: int, *, starting: bool = False) -> tuple[int, int] | None:
        """The sentence holding `offset` (with `starting`, the first that starts at or after
        it, in the same block or the next)."""
        if not self._cursor_blocks:
            return None
        k = self._block_index_at(offset)
        for index in self._cursor_blocks[k:k + 2]:
            for span in self._sentences_of(index):
                if (span[0] >= offset) if starting else (span[0] <= offset < span[1]
                                                          or offset < span[0]):
                    return span
        sentences = self._sentences_of(self._cursor_blocks[k])
        return sentences[-1] if sentences else None

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
            span = self._sentence_at(lay.starts[top], starting=True)
            if span is None or self.line_of(span[0]) > bottom:
                span = self._sentence_at(lay.starts[top])
        else:
            span = self._sentence_at(lay.starts[bottom])
        if span is not None:
            self.move_cursor(span, scroll="none")

    def action_scroll_home(self) -> None:
        """Go to the top; the cursor to the first sentence."""
        if self._cursor_blocks:
            first = self._sentences_of(self._cursor_blocks[0])
            if first:
                self.move_cursor(first[0], scroll="none")
        self.scroll_home(animate=False, immediate=True)

    def action_scroll_end(self) -> None:
        """Go to the end; the cursor to the last sentence."""
        if self._cursor_blocks:
            last = self._sentences_of(self._cursor_blocks[-1])
            if last:
                self.move_cursor(last[-1], scroll="none")
        self.scroll_end(animate=False, immediate=True)

    def _start_cursor(self) -> bool:
        """Start the cursor at the top of the screen if it is not on screen; True if placed."""
        if self._cursor_on_screen():
            return False
        self.place_cursor(self.top_offset())
        return True

    def _move(self, step: int, spans_of: Callable[[int, int], list[tuple[int, int]]]) -> None:
        """Move the cursor to the next (`step` 1) or previous (-1) span, as `spans_of` cuts a
        block's text (sentences or words), crossing into the next block when needed."""
        if not self._cursor_blocks or self._start_cursor():
            return
        assert self.cursor is not None
        k = self._block_index_at(self.cursor[0])
        while 0 <= k < len(self._cursor_blocks):
            block = self.article.blocks[self._cursor_blocks[k]]
            spans = spans_of(block.start, block.end)
            if step > 0:
                # the next span starting after the cursor's start: from a whole sentence,
                # `w` goes to its second word (not to the next sentence's first)
                after = [span for span in spans if span[0] > self.cursor[0]]
                if after:
                    self.move_cursor(after[0])
                    return
            else:
                before = [span for span in spans if span[1] <= self.cursor[0]]
                if before:
                    self.move_cursor(before[-1])
                    return
            k += step

    def _sentences(self, start: int, end: int) -> list[tuple[int, int]]:
        from articles.segments import sentence_spans  # the cursor's first move needs it

        return sentence_spans(self.article.text, start, end)

    def _words(self, start: int, end: int) -> list[tuple[int, int]]:
        from articles.segments import word_spans

        return word_spans(self.article.text, start, end)

    def action_next_sentence(self) -> None:
        """Move the cursor to the next sentence."""
        self._move(1, self._sentences)

    def action_previous_sentence(self) -> None:
        """Move the cursor to the previous sentence."""
        self._move(-1, self._sentences)

    def action_next_word(self) -> None:
        """Move the cursor to the next word."""
        self._move(1, self._words)

    def action_previous_word(self) -> None:
        """Move the cursor to the previous word."""
        self._move(-1, self._words)

    def action_toggle_visual(self) -> None:
        """Start (or drop) a keyboard selection at the cursor."""
        if self.visual_anchor is not None:
            self.visual_anchor = None
        else:
            self._start_cursor()
            self.visual_anchor = self.cursor
        self.refresh_text()
        self._cursor_moved()
