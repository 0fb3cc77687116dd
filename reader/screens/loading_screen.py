"""The screen shown while a web page is fetched: the address, a loading indicator and the
time so far; the fetch runs in a thread, then the article screen takes this one's place (or the
reader ends with the reason the page could not be read)."""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from articles.errors import ArticleError
from articles.sources.loader import Opened
from reader.safe_text import one_line
from reader.session import Session


class LoadingScreen(Screen[None]):
    """Fetches the page at `url` behind a loading message (see the module docstring)."""

    DEFAULT_CSS = """
    LoadingScreen { align: center middle; }
    LoadingScreen > Vertical { width: 80%; height: auto; }
    LoadingScreen Static { width: 100%; content-align: center middle; }
    LoadingScreen LoadingIndicator { height: 3; }
    """

    class Failed(Message):
        """The page could not be opened, for `reason` (one line): the reader ends with it."""

        def __init__(self, reason: str) -> None:
            self.reason = reason
            super().__init__()

    def __init__(self, url: str, session: Session, *, refresh: bool = False) -> None:
        super().__init__()
        self.session = session
        self.url = url
        self.refetch = refresh
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical():
            verb = "Fetching again" if self.refetch else "Fetching"
            yield Static(Text(f"{verb} {one_line(self.url)}"), id="loading-address")
            yield LoadingIndicator()
            yield Static(Text("connecting…", style="dim"), id="loading-status")

    def on_mount(self) -> None:
        self.set_interval(0.5, self._tick)
        self.run_worker(self._fetch, thread=True, exclusive=True, group="fetch")

    def _tick(self) -> None:
        seconds = time.monotonic() - self.started
        self.query_one("#loading-status", Static).update(
            Text(f"{seconds:.0f} s (gives up after 30 s)", style="dim"))

    def _fetch(self) -> None:
        from articles.sources.loader import open_url

        try:
            opened = open_url(self.url, self.session.article_cache, refresh=True)
        except ArticleError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._opened, opened)

    def _failed(self, reason: str) -> None:
        self.post_message(self.Failed(one_line(reason)))

    def _opened(self, opened: Opened) -> None:
        from reader.page_changes import refresh_message
        from reader.screens.article.screen import ArticleScreen

        self.app.switch_screen(ArticleScreen(opened.article, self.session))
        message = refresh_message(self.session.store, opened.before, opened.article) if (
            self.refetch) else None
        if message:
            self.app.notify(message, title="Page refreshed", timeout=10)
