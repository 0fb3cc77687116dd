"""The article view's lines are cut into styled segments without rich's Text: the result must be
what Text gives, character by character."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from reader.widgets.text_lines import styled_segments

STYLES = [Style(bold=True), Style(color="red"), Style(italic=True, color="blue"),
          Style(bgcolor="yellow"), Style(underline=True), Style(color="green", bold=False)]


def per_character(segments: list[Segment]) -> list[tuple[str, Style | None]]:
    return [(ch, seg.style or Style()) for seg in segments for ch in seg.text]


def with_rich(text: str, spans: list[tuple[int, int, Style]]) -> list[Segment]:
    rich_text = Text(text)
    for start, end, style in spans:
        rich_text.stylize(style, start, end)
    return list(rich_text.render(Console(width=400)))


@st.composite
def lines(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, Style]]]:
    text = draw(st.text(alphabet="abc xyzĐế", min_size=0, max_size=40))
    spans = [(0, len(text), draw(st.sampled_from(STYLES)))]
    for _ in range(draw(st.integers(0, 5))):
        start = draw(st.integers(0, max(0, len(text))))
        end = draw(st.integers(start, max(start, len(text))))
        spans.append((start, end, draw(st.sampled_from(STYLES))))
    return text, spans


@given(lines())
@settings(max_examples=300, deadline=None)
def test_segments_style_each_character_as_rich_text_does(
    line: tuple[str, list[tuple[int, int, Style]]],
) -> None:
    text, spans = line
    ours = styled_segments(text, spans)
    assert "".join(seg.text for seg in ours) == text
    assert per_character(ours) == per_character(with_rich(text, spans))


def test_one_style_over_the_whole_line_is_one_segment() -> None:
    bold = Style(bold=True)
    assert styled_segments("Nguyen Van Thong", [(0, 16, bold)]) == [
        Segment("Nguyen Van Thong", bold)]
    assert styled_segments("", [(0, 0, bold)]) == []


def test_a_later_span_is_laid_over_an_earlier_one() -> None:
    base, red = Style(bold=True), Style(color="red")
    segments = styled_segments("Mr. Thong said", [(0, 14, base), (4, 9, red)])
    assert [seg.text for seg in segments] == ["Mr. ", "Thong", " said"]
    assert segments[1].style == base + red
