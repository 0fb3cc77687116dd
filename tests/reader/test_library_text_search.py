"""Pilot tests of the library's full-text search: `/` then a phrase and enter (in the Text
view, F8, or when no title matches) lists every hit with article, date and context; enter opens
the article at the hit, a third down the screen; n/N there go on through the hits across
articles; a phrase found nowhere says so."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from articles import fold, load
from reader.screens.article.screen import ArticleScreen
from reader.screens.library_screen import LibraryScreen
from tests.reader.helpers import on_screen, opened
from tests.reader.test_library_screen import FIXTURES, indexed, library_app

SIZE = (150, 42)


async def hits_listed(pilot, screen: LibraryScreen) -> list[str]:  # type: ignore[no-untyped-def]
    for _ in range(300):
        if screen.search_pane.hits is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    options = screen.query_one("#search-hits", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_phrase_is_found_across_articles_and_n_goes_on(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f8", "slash", *"nguyen van thong", "enter")
        rows = await hits_listed(pilot, screen)
        hits = screen.search_pane.hits
        assert hits is not None
        assert len({h.article.path for h in hits}) >= 2  # in several articles
        assert {fold(h.hit.matched) for h in hits} == {"nguyen van thong"}
        assert any(h.hit.matched == "Nguyễn Văn Thông" for h in hits)  # diacritics ignored
        assert any("2016-11-08" in r for r in rows)  # the article's heading with its date
        status = str(screen.query_one("#library-status", Static).render())
        assert f"{len(hits)} matches for “nguyen van thong”" in status
        await pilot.press("enter")  # the first hit
        await opened(pilot)
        article_screen = app.screen
        assert isinstance(article_screen, ArticleScreen)
        first = hits[0]
        assert article_screen.view.cursor == (first.start, first.end)
        assert on_screen(article_screen.view, first.start)
        line = article_screen.view.line_of(first.start) - int(article_screen.view.scroll_y)
        assert line > 0 or article_screen.view.scroll_y == 0  # in context, not at the top
        assert article_screen.status.message.startswith("“nguyen van thong” 1/")
        # n through the hits of this article, then on into the next article
        for _ in range(len([h for h in hits if h.article.path == first.article.path])):
            await pilot.press("n")
            await pilot.pause()
        await opened(pilot)
        now = app.screen
        assert isinstance(now, ArticleScreen)
        assert now.article.path is not None
        assert Path(now.article.path).resolve() != Path(first.article.path).resolve()
        cursor = now.view.cursor
        assert cursor is not None
        assert fold(load(now.article.path).text[cursor[0]:cursor[1]]) == "nguyen van thong"


async def test_no_title_matching_searches_the_text_and_nothing_found_says_so(
        db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash", *"chaired", "enter")  # in no title, in one article's text
        rows = await hits_listed(pilot, screen)
        assert screen.query_one("#library-tabs").active == "search"
        assert rows and screen.search_pane.hits
        screen.search_pane.hits = None
        await pilot.press("slash")
        screen.query_one("#library-filter", Input).value = ""
        await pilot.press(*"zebra crossing", "enter")
        rows = await hits_listed(pilot, screen)
        assert rows == ["No matches for “zebra crossing”."]
        status = str(screen.query_one("#library-status", Static).render())
        assert status.startswith("no matches for “zebra crossing”")


def test_fixture_phrase_is_where_the_tests_expect() -> None:
    texts = [load(p).text for p in sorted(FIXTURES.glob("0[1-6]*.txt"))]
    assert sum("Nguyễn Văn Thông" in t for t in texts) >= 2
