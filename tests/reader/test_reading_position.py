"""One reading position: the cursor is always shown (a bold italic tint), follows the
view when it scrolls, search, n, h and a start from it, and the percentage is where it is."""

from __future__ import annotations

from collections.abc import Callable

from articles import Article
from articles.parsing.search import find_all
from reader.app import ReaderApp
from tests.reader.helpers import on_screen, opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]


async def test_the_cursor_is_shown_from_the_start_as_a_tint(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        assert view.cursor is not None and view.cursor[0] == 0
        style = view._style("article--cursor")
        # Bold italic on a tint: no highlight is bold italic, and no underline (mentions).
        assert style.bgcolor is not None and style.bold and style.italic and not style.underline
        first = view._build_line(0)
        assert any(seg.style is not None and seg.style.bgcolor == style.bgcolor
                   for seg in first)
        await pilot.press("1")  # the cursor stays shown while the sidebar has the focus
        assert any(seg.style is not None and seg.style.bgcolor == style.bgcolor
                   for seg in view._build_line(0))


async def test_scrolling_brings_the_cursor_along(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        for keys in (("space",), ("space", "space"), ("j",) * 30, ("k",) * 45,
                     ("pagedown",) * 3, ("pageup",)):
            await pilot.press(*keys)
            assert view.cursor is not None
            assert on_screen(view, view.cursor[0]), keys
        view.scroll_to(y=5, animate=False, immediate=True)  # the wheel, the scrollbar
        await pilot.pause()
        assert view.cursor is not None and on_screen(view, view.cursor[0])


async def test_g_G_move_the_cursor_and_the_percentage_follows(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        assert screen.status.progress == 0
        await pilot.press("G")
        await pilot.pause()
        assert screen.status.progress == 100
        assert screen.view.cursor is not None and on_screen(screen.view, screen.view.cursor[0])
        await pilot.press("left")
        await pilot.pause()
        assert 50 < screen.status.progress < 100
        await pilot.press("g")
        await pilot.pause()
        assert screen.status.progress == 0 and screen.view.cursor == (
            0, screen.view.cursor[1])


async def test_search_after_G_right_g_starts_at_the_cursor(make_app: AppFactory,
                                                          sample: Article) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("G", "right", "g", "slash")
        await pilot.press(*"thong", "enter")
        await pilot.pause()
        hits = find_all(sample.text, "thong")
        assert screen.occurrences is not None and screen.occurrences.index == 0
        assert screen.status.message.startswith(f"“thong” 1/{len(hits)}")


async def test_n_goes_on_from_the_cursor(make_app: AppFactory, sample: Article) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("1", "down", "enter")  # the second person, at mention 1
        occ = screen.occurrences
        assert occ is not None and occ.index == 0
        await pilot.press("pagedown", "pagedown", "pagedown")
        cursor = screen.view.cursor
        assert cursor is not None
        await pilot.press("n")
        expected = min(i for i, s in enumerate(occ.spans) if s.start >= cursor[0])
        assert screen.occurrences is not None and screen.occurrences.index == expected
        await pilot.press("n")  # the cursor is on the mention now: n steps on from it
        assert screen.occurrences.index == expected + 1
        await pilot.press("pagedown", "pagedown")
        cursor = screen.view.cursor
        assert cursor is not None
        await pilot.press("N")
        before = max(i for i, s in enumerate(occ.spans) if s.start < cursor[0])
        assert screen.occurrences.index == before


async def test_h_at_start_up_highlights_the_first_sentence(make_app: AppFactory,
                                                          sample: Article) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("h")
        await settle(pilot)
        assert len(screen.anchored) == 1
        assert screen.anchored[0].annotation.target.exact == sample.title
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteEditor"
