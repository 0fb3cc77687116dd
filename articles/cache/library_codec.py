"""The JSON form of a light `Library` (who's who and the documents without their mentions, as
`build_library(IndexCache.light_entries(...))` gives): what the index keeps prepared in its
`libraries` table, so that opening who's who or the documents of a library met before reads
one record instead of merging every article's people and documents again.

Articles are not copied: the record names each article by its place in a list of paths, and
reading it back takes the summaries the caller already holds (the article table's rows). A
person's posts keep, for each article giving them, only that place (the post's date is the
article's day); a citation keeps its article's place and its number of mentions. Reading
back raises `LibraryFormatError` on anything unexpected, an article the caller does not know
included: the caller then builds the library again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from articles.library.build import (
    Citation,
    Library,
    LibraryDocument,
    LibraryPerson,
    PostDate,
    PostHistory,
    article_order,
)
from articles.library.entry import ArticleSummary

LIBRARY_FORMAT = 1
"""The version of the record below; a record of another version is not read."""


class LibraryFormatError(ValueError):
    """A record that is not a prepared library of these articles (it is built again)."""


def library_to_json(library: Library) -> dict[str, Any]:
    """`library` (light: its mentions are not kept) as plain JSON data."""
    paths = [str(a.path) for a in library.articles]
    place = {a.path: n for n, a in enumerate(library.articles)}
    people = [
        [p.key, p.name, [[h.role, [place[d.article] for d in h.dates]] for h in p.posts],
         [place[a.path] for a in p.articles], p.mention_count]
        for p in library.people
    ]
    documents = [
        [d.key, d.code, d.type, d.issuer, d.date.isoformat() if d.date else None, d.year,
         d.subject, [[place[c.path], c.mention_count] for c in d.citations], d.doubt,
         list(d.candidates)]
        for d in library.documents
    ]
    return {"format": LIBRARY_FORMAT, "paths": paths, "people": people,
            "documents": documents}


def _day(summary: ArticleSummary) -> date | None:
    return summary.published.date() if summary.published else None


def library_from_json(data: Any, summaries: Mapping[Path, ArticleSummary]) -> Library:
    """The library recorded in `data`, over the articles of `summaries` (by file); raises
    `LibraryFormatError` when the record is malformed, of another format, or names an
    article `summaries` does not hold."""
    try:
        if data["format"] != LIBRARY_FORMAT:
            raise LibraryFormatError(f"format {data['format']!r}")
        articles = [summaries[Path(p)] for p in data["paths"]]
        days = [_day(a) for a in articles]
        people = tuple(
            LibraryPerson(
                key=key, name=name,
                posts=tuple(PostHistory(role, tuple(PostDate(days[n], articles[n].path)
                                                    for n in places))
                            for role, places in posts),
                mentions=(), articles=tuple(articles[n] for n in held), mention_count=count)
            for key, name, posts, held, count in data["people"])
        documents = tuple(
            LibraryDocument(
                key=key, code=code, type=kind, issuer=issuer,
                date=date.fromisoformat(day) if day else None, year=year, subject=subject,
                citations=tuple(Citation(articles[n], (), count) for n, count in citations),
                doubt=doubt, candidates=tuple(candidates))
            for key, code, kind, issuer, day, year, subject, citations, doubt, candidates
            in data["documents"])
    except LibraryFormatError:
        raise
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise LibraryFormatError(f"{type(exc).__name__}: {exc}") from exc
    everything = sorted(summaries.values(), key=article_order)
    return Library(articles=tuple(everything), people=people, documents=documents)
