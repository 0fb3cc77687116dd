"""Mentions loaded when shown: a library built from light entries (`IndexCache.light_entries`)
knows how many mentions each person and document has, and `load_mentions` reads them from the
few articles concerned when the library screen shows one of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from articles.library import Citation, LibraryDocument, LibraryPerson
from articles.library_entry import ArticleEntry, ArticleSummary, LibraryMention

EntryLoader = Callable[[ArticleSummary], ArticleEntry | None]
"""Gives the full entry (with mentions) of an article of the library, or None."""


def load_mentions(item: LibraryPerson | LibraryDocument, entry_of: EntryLoader
                  ) -> LibraryPerson | LibraryDocument:
    """`item` with its mentions, read through `entry_of` from the articles concerned only
    (a library of light entries leaves them out); `item` itself when they are all there."""
    if isinstance(item, LibraryPerson):
        if len(item.mentions) == item.mention_count:
            return item
        found: list[LibraryMention] = []
        for article in item.articles:
            entry = entry_of(article)
            for person in entry.people if entry is not None else ():
                if person.key == item.key:
                    found.extend(replace(m, article=article) for m in person.mentions)
        return replace(item, mentions=tuple(found), mention_count=len(found))
    if all(len(c.mentions) == c.mention_count for c in item.citations):
        return item
    code = item.key.split("#", 1)[0]
    citations = []
    taken: dict[Path, int] = {}
    for citation in item.citations:
        entry = entry_of(citation.article)
        cited = [d for d in (entry.documents if entry is not None else ()) if d.key == code]
        n = taken.get(citation.path, 0)
        taken[citation.path] = n + 1
        mentions = cited[n].mentions if n < len(cited) else ()
        citations.append(Citation(citation.article,
                                  tuple(replace(m, article=citation.article) for m in mentions),
                                  len(mentions)))
    return replace(item, citations=tuple(citations))
