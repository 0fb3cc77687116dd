"""The command palette's article commands: find people, documents, sections and notes of the
article on screen by name (diacritics ignored) and jump there; export its notes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from articles import fold
from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.exporting import Format
    from reader.screens.article_screen import ArticleScreen


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
    """People, documents, sections and notes of the current article."""

    def _screen(self) -> ArticleScreen | None:
        from reader.screens.article_screen import ArticleScreen

        screen = self.screen
        return screen if isinstance(screen, ArticleScreen) else None

    def _entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        screen = self._screen()
        if screen is None:
            return
        article = screen.article
        for i, person in enumerate(article.people):
            roles = "; ".join(person.roles)
            yield (f"Person: {one_line(person.name)}", one_line(roles) or "person",
                   partial(screen.choose_person, i))
        for i, doc in enumerate(article.documents):
            yield (f"Document: {one_line(doc.code)} {one_line(doc.type)}",
                   one_line(" · ".join(x for x in (doc.issuer or "", doc.subject or "") if x))
                   or "document", partial(screen.choose_document, i))
        for i, section in enumerate(article.sections):
            yield (f"Section: {one_line(section.title)}", "jump to this section",
                   partial(screen.jump_to_section, i))
        if screen.anchored:
            from reader.screens.exporting import export_notes

            formats: tuple[tuple[Format, str], ...] = (
                ("markdown", "Markdown"), ("json", "JSON"), ("w3c", "W3C"))
            for fmt, name in formats:
                yield (f"Export notes as {name}…", "this article's notes, into a file you name",
                       partial(export_notes, screen, fmt))
        for item in screen.anchored:
            a = item.annotation
            label = one_line(a.note or a.target.exact)[:70]
            yield (f"Note: {label}", one_line(a.target.exact)[:80],
                   partial(screen.jump_to_annotation, a.id))

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
