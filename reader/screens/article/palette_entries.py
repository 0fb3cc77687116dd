"""What the command palette finds on an article screen: its people, documents, sections and
notes, each with what choosing it does, and the export of its notes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.exporting import Format
    from reader.screens.article.reading import ArticleReading


def palette_entries(screen: ArticleReading) -> Iterator[tuple[str, str, Callable[[], None]]]:
    """(label, help, command) for every person, document, section and note of the article."""
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
        def export(fmt: Format) -> None:
            export_notes(screen.state, screen.session, fmt, ask=screen.app.push_screen,
                         say=screen.status.say)

        for fmt, name in formats:
            yield (f"Export notes as {name}…", "this article's notes, into a file you name",
                   partial(export, fmt))
    for item in screen.anchored:
        a = item.annotation
        label = one_line(a.note or a.target.exact)[:70]
        yield (f"Note: {label}", one_line(a.target.exact)[:80],
               partial(screen.jump_to_annotation, a.id))
