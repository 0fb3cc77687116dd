"""Full-text search of a library: the hits of `articles.cache.fulltext` with the article each is
in, in the library's order (by date, undated last, then path), then in reading order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from articles.cache.fulltext import FullTextIndex, TextHit
from articles.library.build import article_order
from articles.library.entry import ArticleSummary


@dataclass(frozen=True, slots=True)
class LibraryHit:
    """One occurrence of a phrase in one article of the library."""

    article: ArticleSummary
    hit: TextHit

    @property
    def start(self) -> int:
        """Where the occurrence starts in the article's canonical text."""
        return self.hit.start

    @property
    def end(self) -> int:
        """Where it ends."""
        return self.hit.end


def search_library(index: FullTextIndex, query: str, articles: Iterable[ArticleSummary],
                   limit: int = 10_000) -> list[LibraryHit]:
    """Every occurrence of the phrase `query` in the `articles` that are not unreadable (a row
    still being indexed counts: the index holds its text once read), at most `limit`, in the
    library's order."""
    ordered = sorted((a for a in articles if a.error is None), key=article_order)
    by_path = {a.path: a for a in ordered}
    hits = index.search(query, [a.path for a in ordered], limit=limit)
    return [LibraryHit(by_path[h.path], h) for h in hits]
