"""The article text as lines: every block laid out once (positions only), styled strips
built only for the lines on screen and cached, with the marks, the cursor and the selections
drawn over them. The article view (`article_view.py`) adds the keys, the mouse and the cursor's
moves."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from articles import Article
from reader.decorations import Decoration
from reader.safe_text import visible
from reader.widgets.wrapping import Layout, layout

GUTTER = 2
MAX_TEXT_WIDTH = 100


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


class ArticleLines(ScrollView):
    """One article's text, laid out and drawn line by line with its marks."""

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
        self._pending_offset: int | None = None
        self._pending_top = True

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
