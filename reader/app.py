"""The Textual application: opens the first screen (an article, the library or a page being
fetched), owns the session the screens share (reader/session.py) and remembers the theme."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reader.library_palette import LibraryCommands
from reader.palette import ArticleCommands
from reader.safe_text import one_line, visible
from reader.screens.article.screen import ArticleScreen
from reader.session import Session

if TYPE_CHECKING:
    from annotations.store import Store
    from articles import Article
    from articles.cache.article_cache import ArticleCache
    from reader.screens.loading_screen import LoadingScreen

DEFAULT_THEME = "textual-dark"
POLL_SECONDS = 1.5
"""How often the notes file is checked for changes made elsewhere (see reader.watching)."""


class Delivered(Message):
    """A callback from the background store thread, to run on the UI thread."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback = callback
        super().__init__()


class ReaderApp(App[None]):
    """The reader: one article (or, later, a library) and the notes kept about it."""

    CSS_PATH = Path(__file__).parent / "reader.tcss"
    TITLE = "reader"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {ArticleCommands, LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+p", "command_palette", "Palette", show=False),
    ]

    def __init__(self, articles: list[Article], store: Store, *,
                 theme: str | None = None, library: list[Path] | None = None,
                 article_cache: ArticleCache | None = None, fetch_url: str | None = None,
                 refresh: bool = False) -> None:
        """Open `articles[0]`, or (with `library`, the files of a directory or several paths)
        the library screen, or (with `fetch_url`) the web page at that address once fetched.
        Parsed articles are kept in `article_cache` when given."""
        super().__init__()
        self.fetch_url = fetch_url
        self.refresh_page = refresh
        self.fetch_error: str | None = None
        """Why the page at `fetch_url` could not be opened (the reader then ends)."""
        self.articles = articles
        self.library_files = library
        self.session = Session(store, deliver=self._deliver, notify=self.notify,
                               article_cache=article_cache)
        self.poll_seconds = POLL_SECONDS
        self._forced_theme = theme
        self._started = False
        # The theme is set before the first screen is composed, so it is styled only once.
        theme = self._forced_theme or self.session.setting("theme", DEFAULT_THEME, str)
        if theme in self.available_themes:
            self.theme = theme

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The highlight colours, for themes that do not set their own (`highlight-yellow`...):
        the view lays them, translucent, over the theme's background."""
        from reader.swatches import SWATCHES

        return {**super().get_theme_variable_defaults(),
                **{f"highlight-{name}": value for name, value in SWATCHES.items()}}

    # --- start and stop -------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        # One article is the first screen itself, so it is composed and painted with the app.
        if self.library_files is None and self.articles:
            return ArticleScreen(self.articles[0], self.session)
        return super().get_default_screen()

    def on_mount(self) -> None:
        self._started = True
        from reader.watching import StoreWatcher

        self.set_interval(self.poll_seconds, StoreWatcher(self, self.session).poll)
        if self.library_files is not None:
            from reader.screens.library_screen import LibraryScreen

            self.push_screen(LibraryScreen(self.library_files, self.session))
        elif self.fetch_url is not None and not self.articles:
            from reader.screens.loading_screen import LoadingScreen

            self.push_screen(LoadingScreen(self.fetch_url, self.session,
                                           refresh=self.refresh_page))

    def on_loading_screen_failed(self, message: LoadingScreen.Failed) -> None:
        """The page could not be fetched: the reader ends, saying why."""
        self.fetch_error = message.reason
        self.exit()

    def watch_theme(self, theme: str) -> None:
        if self._forced_theme is None and self._started:
            self.session.remember("theme", theme)

    async def action_quit(self) -> None:
        """Save the reading position and everything pending, then quit."""
        for screen in self.screen_stack:
            if isinstance(screen, ArticleScreen):
                screen.save_position()
        self.session.wait_for_saves(10)
        self.exit()

    def on_unmount(self) -> None:
        self.session.shutdown()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A toast whose message and title are plain text, always: they name files and quote
        notes, so they are never read as markup, and control characters are shown visibly."""
        super().notify(visible(message), title=one_line(title), severity=severity,
                       timeout=timeout, markup=False)

    # --- the store's worker delivers here -------------------------------------------------

    def _deliver(self, callback: Callable[[], None]) -> None:
        self.post_message(Delivered(callback))

    def on_delivered(self, message: Delivered) -> None:
        message.callback()

    # --- commands ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ArticleScreen):
            yield SystemCommand("Search the article", "Find text (diacritics ignored)",
                                screen.action_search)
            yield SystemCommand("Highlight colour", "Pick the colour for new highlights",
                                screen.action_highlight_with_color)
            yield SystemCommand("Show keys", "Every key of the reader", screen.action_help)
