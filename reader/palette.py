"""The command palette's article commands: find people, documents, sections and notes of the
article on screen by name (diacritics ignored) and jump there; export its notes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol, cast, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from articles import fold

Entry = tuple[str, str, Callable[[], None]]
"""(label, help, command) of one thing the palette can find."""


@runtime_checkable
class PaletteSource(Protocol):
    """A screen with things to find by name: the article screen."""

    def palette_entries(self) -> Iterator[Entry]:
        """What the palette finds on this screen."""


def _safe_highlight(candidate: str, offsets: tuple[int, ...]) -> Content:
    """`candidate` as plain text (never markup) with the matched characters reversed."""
    content = Content(candidate)
    for offset in offsets:
        if offset < len(candidate) and not candidate[offset].isspace():
            content = content.stylize("reverse", offset, offset + 1)
    return content


def plain_help(text: str) -> str:
    """Help text for a palette hit that is never read as markup. The palette builds the help
    line with `Content.from_markup(help)`, which returns a Content as it is: so a Content goes
    in where a string is declared, and a quote like "[@click=1+]" stays text."""
    return cast(str, Content(text))


class ArticleCommands(Provider):
    """People, documents, sections and notes of the current article (of any screen that
    is a `PaletteSource`)."""

    def _entries(self) -> Iterator[Entry]:
        screen = self.screen
        if isinstance(screen, PaletteSource):
            yield from screen.palette_entries()

    async def discover(self) -> Hits:
        for label, help_text, command in self._entries():
            yield DiscoveryHit(Content(label), command, text=label, help=plain_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for label, help_text, command in self._entries():
            folded = fold(label)
            score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
            if score > 0:
                display = _safe_highlight(label, tuple(offsets))
                yield Hit(score, display, command, text=label, help=plain_help(help_text))
