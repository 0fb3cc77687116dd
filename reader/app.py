"""The Textual application: opens the article screen, owns the annotations store and saves to
it in the background, remembers the theme, the highlight colour and reading positions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from annotations.errors import AnnotationError, StoreError
from annotations.model import COLORS
from articles.errors import ArticleError
from reader.background import SerialWorker
from reader.palette import ArticleCommands
from reader.safe_text import one_line, visible
from reader.screens.article_screen import ArticleScreen
from reader.screens.panels import PanelScreen
from reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store
    from articles import Article
    from articles.article_cache import ArticleCache
    from reader.walk import LibraryWalk

T = TypeVar("T")
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
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {ArticleCommands}
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
        self.article_cache = article_cache
        self.articles = articles
        self.library_files = library
        self.store = store
        self.worker = SerialWorker(self._deliver)
        self.poll_seconds = POLL_SECONDS
        self._forced_theme = theme
        self._started = False
        self.highlight_color = self._setting("highlight_color", COLORS[0], str)
        if self.highlight_color not in COLORS:
            self.highlight_color = COLORS[0]
        # The theme is set before the first screen is composed, so it is styled only once.
        theme = self._forced_theme or self._setting("theme", DEFAULT_THEME, str)
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
            return ArticleScreen(self.articles[0])
        return super().get_default_screen()

    def on_mount(self) -> None:
        self._started = True
        from reader.watching import StoreWatcher

        self.set_interval(self.poll_seconds, StoreWatcher(self).poll)
        if self.library_files is not None:
            from reader.screens.library_screen import LibraryScreen

            self.push_screen(LibraryScreen(self.library_files))
        elif self.fetch_url is not None and not self.articles:
            from reader.screens.loading_screen import LoadingScreen

            self.push_screen(LoadingScreen(self.fetch_url, refresh=self.refresh_page))

    def open_article(self, path: Path, *, walk: LibraryWalk | None = None,
                     at: int | None = None, replace: bool = False) -> ArticleScreen | None:
        """Open an article of the library (at a walk's mention, or at offset `at`); with
        `replace`, in place of the article on screen. An unreadable file is reported."""
        from articles.article_cache import load

        try:
            article = load(path, self.article_cache)
        except ArticleError as error:
            self.notify(str(error), title="Cannot open", severity="error", timeout=10)
            return None
        screen = ArticleScreen(article, walk=walk, start_at=at)
        if replace and isinstance(self.screen, ArticleScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return screen

    def watch_theme(self, theme: str) -> None:
        if self._forced_theme is None and self._started:
            self.persist(lambda store: store.set_setting("theme", theme))

    async def action_quit(self) -> None:
        """Save the reading position and everything pending, then quit."""
        for screen in self.screen_stack:
            if isinstance(screen, ArticleScreen):
                self.save_position(screen.article, screen.reading_offset)
        self.worker.wait_idle(10)
        self.exit()

    def on_unmount(self) -> None:
        self.worker.shutdown()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A toast whose message and title are plain text, always: they name files and quote
        notes, so they are never read as markup, and control characters are shown visibly."""
        super().notify(visible(message), title=one_line(title), severity=severity,
                       timeout=timeout, markup=False)

    # --- the store, in the background ----------------------------------------------------

    def _deliver(self, callback: Callable[[], None]) -> None:
        self.post_message(Delivered(callback))

    def on_delivered(self, message: Delivered) -> None:
        message.callback()

    def persist(self, operation: Callable[[Store], T],
                on_done: Callable[[T], None] | None = None,
                on_error: Callable[[Exception], None] | None = None) -> None:
        """Run a store operation on the background thread, in order; `on_done` gets its result
        on the UI thread once it has returned (a change is then on disk). An error goes to
        `on_error`, or is shown."""
        self.worker.submit(lambda: operation(self.store), on_done,
                           on_error or self._store_failed)

    def _store_failed(self, error: Exception) -> None:
        message = str(error) if isinstance(error, StoreError) else f"could not save: {error}"
        self.notify(message, title="Not saved", severity="error", timeout=15)

    def wait_for_saves(self, timeout: float = 10) -> bool:
        """Block until every change handed to the store is on disk (tests, quitting)."""
        return self.worker.wait_idle(timeout)

    def store_annotations(self, article: Article) -> list[Annotation]:
        """The annotations kept for `article` (read now; an error is shown, not raised)."""
        try:
            return self.store.for_article(article)
        except (StoreError, AnnotationError) as error:
            self.notify(str(error), title="Notes unavailable", severity="error", timeout=15)
            return []

    def all_annotations(self) -> list[Annotation]:
        """Every annotation in the store (an error is shown, not raised)."""
        try:
            return self.store.all()
        except (StoreError, AnnotationError) as error:
            self.notify(str(error), title="Notes unavailable", severity="error", timeout=15)
            return []

    def _setting(self, key: str, default: T, kind: type[T]) -> T:
        try:
            value = self.store.get_setting(key, None)
        except StoreError:
            return default
        return value if isinstance(value, kind) else default

    def set_highlight_color(self, color: str) -> None:
        """Remember the last-used highlight colour."""
        if color in COLORS and color != self.highlight_color:
            self.highlight_color = color
            self.persist(lambda store: store.set_setting("highlight_color", color))

    @staticmethod
    def position_key(article: Article) -> str:
        """Where an article's reading position is kept: its file, else its web address, else
        its content."""
        if article.path:
            return str(Path(article.path).resolve())
        return article.url or article.id

    def saved_position(self, article: Article) -> int:
        """The remembered reading position of an article (0 when none)."""
        try:
            offset = self.store.get_position(self.position_key(article))
        except StoreError:
            return 0
        return offset if isinstance(offset, int) and 0 <= offset <= len(article.text) else 0

    def save_position(self, article: Article, offset: int) -> None:
        """Remember where the reader is in an article."""
        key = self.position_key(article)
        self.persist(lambda store: store.set_position(key, offset))

    # --- help and commands ----------------------------------------------------------------

    def help_groups(self, screen: Screen[Any]) -> list[tuple[str, list[BindingType]]]:
        """Every binding, by where it works, for the help screen."""
        return [
            ("Reading", list(ArticleView.BINDINGS)),
            ("Article", list(type(screen).BINDINGS)),
            ("Panels", list(PanelScreen.BINDINGS)),
            # The footer's short "Palette" is spelt out here, once.
            ("Everywhere", [replace(b, description="Command palette")
                            if isinstance(b, Binding) and b.key == "ctrl+p" else b
                            for b in self.BINDINGS]),
        ]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ArticleScreen):
            yield SystemCommand("Search the article", "Find text (diacritics ignored)",
                                screen.action_search)
            yield SystemCommand("Highlight colour", "Pick the colour for new highlights",
                                screen.action_highlight_with_color)
            yield SystemCommand("Show keys", "Every key of the reader", screen.action_help)
