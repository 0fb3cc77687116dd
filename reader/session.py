"""What the screens of one run of the reader share, owned by the app and handed to each screen
when it is built: the notes store, the one serial worker every store operation goes through
(docs/design.md §6), the settings kept in the store (the highlight colour, the theme) and the
reading positions. No screen reaches back into the app for any of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from textual.notifications import SeverityLevel

from annotations.errors import AnnotationError, StoreError
from annotations.model import COLORS
from articles.errors import ArticleError
from reader.background import SerialWorker

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store
    from articles import Article
    from articles.cache.article_cache import ArticleCache

T = TypeVar("T")


class Notify(Protocol):
    """How the session tells the user something went wrong (the app's `notify`)."""

    def __call__(self, message: str, *, title: str = ..., severity: SeverityLevel = ...,
                 timeout: float | None = ...) -> None:
        """Show `message` as a toast."""


def position_key(article: Article) -> str:
    """Where an article's reading position is kept: its file, else its web address, else its
    content."""
    if article.path:
        return str(Path(article.path).resolve())
    return article.url or article.id


class Session:
    """The store, its serial worker, settings and reading positions of one run."""

    def __init__(self, store: Store, *, deliver: Callable[[Callable[[], None]], None],
                 notify: Notify, article_cache: ArticleCache | None = None) -> None:
        """`deliver` runs a callback on the UI thread; `notify` shows an error to the user."""
        self.store = store
        self.article_cache = article_cache
        self.worker = SerialWorker(deliver)
        self._notify = notify
        # Said once, by the write that moved the notes into one file per article (any thread).
        store.on_notice = lambda message: deliver(
            lambda: notify(message, title="Notes file", timeout=20))
        color = self.setting("highlight_color", COLORS[0], str)
        self.highlight_color = color if color in COLORS else COLORS[0]

    # --- the store, in the background ----------------------------------------------------

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
        self._notify(message, title="Not saved", severity="error", timeout=15)

    def wait_for_saves(self, timeout: float = 10) -> bool:
        """Block until every change handed to the store is on disk (tests, quitting)."""
        return self.worker.wait_idle(timeout)

    def shutdown(self) -> None:
        """Finish every store operation handed over, then stop the worker."""
        self.worker.shutdown()

    # --- reading the store now -------------------------------------------------------------

    def annotations_for(self, article: Article) -> list[Annotation]:
        """The annotations kept for `article` (read now; an error is shown, not raised)."""
        try:
            return self.store.for_article(article)
        except (StoreError, AnnotationError) as error:
            self._notify(str(error), title="Notes unavailable", severity="error", timeout=15)
            return []

    def all_annotations(self) -> list[Annotation]:
        """Every annotation in the store (an error is shown, not raised)."""
        try:
            return self.store.all()
        except (StoreError, AnnotationError) as error:
            self._notify(str(error), title="Notes unavailable", severity="error", timeout=15)
            return []

    def load(self, path: Path) -> Article | None:
        """The article at `path` (through the article cache); an unreadable file is reported
        and gives None."""
        from articles.sources.opening import load_cached as load

        try:
            return load(path, self.article_cache)
        except ArticleError as error:
            self._notify(str(error), title="Cannot open", severity="error", timeout=10)
            return None

    # --- settings and reading positions ----------------------------------------------------

    def setting(self, key: str, default: T, kind: type[T]) -> T:
        """A setting kept in the store (`default` when absent, of another type, or unreadable)."""
        try:
            value = self.store.get_setting(key, None)
        except StoreError:
            return default
        return value if isinstance(value, kind) else default

    def remember(self, key: str, value: object) -> None:
        """Keep a setting (in the background)."""
        self.persist(lambda store: store.set_setting(key, value))

    def set_highlight_color(self, color: str) -> None:
        """Remember the last-used highlight colour."""
        if color in COLORS and color != self.highlight_color:
            self.highlight_color = color
            self.remember("highlight_color", color)

    def saved_position(self, article: Article) -> int:
        """The remembered reading position of an article (0 when none)."""
        try:
            offset = self.store.get_position(position_key(article))
        except StoreError:
            return 0
        return offset if isinstance(offset, int) and 0 <= offset <= len(article.text) else 0

    def save_position(self, article: Article, offset: int) -> None:
        """Remember where the reader is in an article."""
        key = position_key(article)
        self.persist(lambda store: store.set_position(key, offset))
