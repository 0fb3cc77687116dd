"""The command palette on the library screen: its people, documents, articles and notes by
name (diacritics ignored), as the article screen's palette offers the article's. A person or
document is shown in who's who or the documents view; an article or a note opens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from articles import fold
from reader.palette import _safe_highlight, plain_help
from reader.safe_text import one_line
from reader.widgets.library.open_article import OpenArticle

if TYPE_CHECKING:
    from reader.screens.library_screen import LibraryScreen

DISCOVERY_LIMIT = 200
"""How many entries the palette lists before anything is typed (a library has thousands)."""


def _open(screen: LibraryScreen, path: Path) -> None:
    screen.post_message(OpenArticle(path))


class LibraryCommands(Provider):
    """People, documents, articles and notes of the library on screen."""

    def _screen(self) -> LibraryScreen | None:
        from reader.screens.library_screen import LibraryScreen

        screen = self.screen
        return screen if isinstance(screen, LibraryScreen) else None

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        screen = self._screen()
        if screen is None:
            return
        library = screen.library
        if library is not None:
            for person in library.people:
                yield (f"Person: {one_line(person.name)}",
                       one_line("; ".join(person.roles)) or "person",
                       partial(screen.show_entry, "people", person.key))
            for doc in library.documents:
                yield (f"Document: {one_line(doc.code)} {one_line(doc.type)}",
                       one_line(doc.subject or "") or "document",
                       partial(screen.show_entry, "documents", doc.key))
        for summary in sorted(screen.summaries.values(), key=lambda s: s.title):
            if summary.error is None:
                yield (f"Article: {one_line(summary.title)}", one_line(str(summary.path)),
                       partial(_open, screen, summary.path))
        for note in screen.notes.of_library():
            label = one_line(note.note or note.target.exact)[:70]
            yield (f"Note: {label}", one_line(note.article.title or "")[:80],
                   partial(screen.open_note, note))

    async def discover(self) -> Hits:
        for n, (label, help_text, command) in enumerate(self._entries()):
            if n >= DISCOVERY_LIMIT:
                return
            yield DiscoveryHit(Content(label), command, text=label, help=plain_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for label, help_text, command in self._entries():
            score, offsets = matcher.fuzzy_search.match(matcher.query, fold(label))
            if score > 0:
                yield Hit(score, _safe_highlight(label, tuple(offsets)), command, text=label,
                          help=plain_help(help_text))
