"""The reader on a web address: a loading screen while the page is fetched (in a thread), then
the article with its address in the header; a failure ends the reader with the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from annotations.store import Store
from articles.cache.article_cache import ArticleCache
from reader.app import ReaderApp
from reader.screens.article.screen import ArticleScreen
from reader.screens.loading_screen import LoadingScreen
from reader.widgets.header import ArticleHeader
from tests.web.conftest import PAGES
from tests.web.server import PageServer


async def _wait_for(pilot: Pilot[None], condition: Callable[[], bool], steps: int = 100
                    ) -> None:
    for _ in range(steps):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def test_a_slow_page_shows_a_loading_screen_then_the_article(
    server: PageServer, tmp_path: Path
) -> None:
    server.set_slow(0.6)
    url = server.url("/slow")
    app = ReaderApp([], Store(tmp_path / "notes.json"), theme="textual-dark",
                    article_cache=ArticleCache(), fetch_url=url)
    async with app.run_test(size=(120, 30)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        shown = str(app.screen.query_one("#loading-address").render())
        assert url in shown
        # The switch happens before the new screen has composed: wait for its header too.
        await _wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen)
                        and bool(app.screen.query(ArticleHeader)))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article.url == url
        header = str(screen.query_one(ArticleHeader).render())
        assert "Ha Tinh sets out plan" in header and url in header
    assert app.fetch_error is None


async def test_a_page_that_cannot_be_fetched_ends_the_reader_with_the_reason(
    server: PageServer, tmp_path: Path
) -> None:
    url = server.url("/pdf")
    app = ReaderApp([], Store(tmp_path / "notes.json"), theme="textual-dark",
                    article_cache=ArticleCache(), fetch_url=url)
    async with app.run_test(size=(120, 30)) as pilot:
        await _wait_for(pilot, lambda: app.fetch_error is not None)
    assert app.fetch_error == f"{url}: not a web page (the server sent application/pdf)"


async def test_a_refresh_in_the_app_tells_what_happened_to_the_notes(
    server: PageServer, tmp_path: Path
) -> None:
    from annotations import actions
    from articles.sources.loader import open_url

    url = server.url("/pages/refreshing.html")
    body = (PAGES / "government_portal.html").read_bytes()
    server.serve("refreshing.html", body)
    store = Store(tmp_path / "notes.json")
    article = open_url(url).article
    actions.add_quote(store, article, "Minister of Home Affairs Pham Thi Thanh Tra")
    actions.add_quote(store, article, "projects below 2,300 billion VND")
    server.serve("refreshing.html", body.replace(b"projects below 2,300 billion VND",
                                                 b"smaller projects"))
    app = ReaderApp([], store, theme="textual-dark", article_cache=ArticleCache(),
                    fetch_url=url, refresh=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await _wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen)
                        and bool(app.screen.query(ArticleHeader)))
        await pilot.pause(0.1)
        messages = [n.message for n in app._notifications]
    assert any("1 note(s) re-anchored, 1 could not be placed" in m for m in messages)
