"""A mouse drag snaps to word boundaries: starting or ending inside a word selects the whole
word (what a highlight and a copy then take); a drag over whole words is unchanged."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from articles.parsing.segments import snap_to_words
from reader.app import ReaderApp
from tests.reader.helpers import find_on_screen, opened, screen_of
from tests.reader.test_annotating import drag

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


async def test_a_drag_from_inside_words_selects_whole_words(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        phrase = "On the afternoon of April 12"
        x, y = find_on_screen(screen.view, phrase)
        start = x + phrase.index("afternoon") + 3  # inside "afternoon"
        end = x + phrase.index("April") + 2        # inside "April"
        await drag(pilot, (start, y), (end, y))
        span = screen.view.selected_range()
        assert span is not None
        assert screen.article.text[span[0]:span[1]] == "afternoon of April"


def test_snap_to_words() -> None:
    text = "Mr. Nguyễn Văn Thông met 26-NQ/TW delegates."
    assert snap_to_words(text, text.index("guy"), text.index("ăn") + 1) == (
        text.index("Nguyễn"), text.index("Văn") + 3)
    whole = (text.index("met"), text.index("met") + 3)
    assert snap_to_words(text, *whole) == whole
    assert snap_to_words(text, text.index(" met"), text.index(" met") + 1) == (
        text.index(" met"), text.index(" met") + 1)  # a space alone stays a space


@given(st.text(alphabet="ab .\n", max_size=30), st.data())
def test_snapping_only_widens_to_word_edges(text: str, data: st.DataObject) -> None:
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    s, e = snap_to_words(text, start, end)
    assert s <= start and e >= end
    assert s == 0 or not (text[s - 1].isalnum() and text[s].isalnum())
    assert e == len(text) or not (text[e - 1].isalnum() and text[e].isalnum())
