"""What the library screen knows, without Textual: the words of the filter and what each view
lists for them (articles, who's who, documents, notes), the article table's sort and where a
row goes in it, the notes of the library counted per article, the walk a chosen mention or hit
starts, and what the status line says. The panes (`reader/widgets/library/`) show it; every
rule here is tested without an app (`tests/reader/test_library_state.py`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from articles import fold
from articles.library import (
    ArticleSummary,
    Library,
    LibraryDocument,
    LibraryMention,
    LibraryPerson,
)
from reader.safe_text import one_line
from reader.walk import LibraryWalk
from reader.wording import counted

if TYPE_CHECKING:
    from annotations.model import Annotation
    from articles.library.search import LibraryHit

COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Title"),
    ("date", "Date"),
    ("authors", "Authors"),
    ("source", "Source"),
    ("people", "People"),
    ("documents", "Docs"),
    ("notes", "Notes"),
)
"""The article table's columns, in order (F6 goes to the next): (sort key, heading)."""

DESCENDING_FIRST = frozenset({"date", "people", "documents", "notes"})
"""Columns first sorted newest or most first."""


# --- the filter --------------------------------------------------------------------------

def words_of(filter_text: str) -> list[str]:
    """The words of a filter, folded (case and diacritics ignored)."""
    return fold(filter_text).split()


def matching(filter_text: str) -> str:
    """What a status line adds for the filter: ' matching “thong”' (nothing without one)."""
    return f" matching “{one_line(filter_text)}”" if filter_text else ""


def _matches(words: Sequence[str], fields: Iterable[str]) -> bool:
    haystack = fold(" ".join(fields))
    return all(w in haystack for w in words)


def people_matching(library: Library, words: Sequence[str]) -> list[LibraryPerson]:
    """Who's who for the filter: name or a post holds every word; most mentioned first."""
    people = [p for p in library.people if _matches(words, [p.name, *p.roles])]
    return sorted(people, key=lambda p: (-p.mention_count, p.key))


def documents_matching(library: Library, words: Sequence[str]) -> list[LibraryDocument]:
    """The documents for the filter (code, type, issuer, subject); most cited first."""
    docs = [d for d in library.documents
            if _matches(words, [d.code, d.type, d.issuer or "", d.subject or ""])]
    return sorted(docs, key=lambda d: (-len(d.citations), d.key))


def notes_matching(notes: Iterable[Annotation], words: Sequence[str]) -> list[Annotation]:
    """Every note for the filter (note, quote, article title, tags), by article then place."""
    found = [n for n in notes
             if _matches(words, [n.note, n.target.exact, n.article.title, *n.tags])]
    return sorted(found, key=lambda n: (n.article.title, n.target.start))


def article_matches(summary: ArticleSummary, words: Sequence[str]) -> bool:
    """Whether an article's row is listed for the filter (title, authors, source, file name,
    or why it cannot be read)."""
    return not words or _matches(words, [summary.title, " ".join(summary.authors),
                                         summary.source or "", summary.path.name,
                                         summary.error or ""])


# --- walks -------------------------------------------------------------------------------

def walk_of(item: LibraryPerson | LibraryDocument, mention: int) -> LibraryWalk:
    """The walk over an entry's mentions (loaded), at mention number `mention`."""
    if isinstance(item, LibraryPerson):
        return LibraryWalk("person", item.key, item.name, item.mentions, mention)
    return LibraryWalk("document", item.key, item.code, item.mentions, mention)


def search_walk(hits: Sequence[LibraryHit], query: str, index: int) -> LibraryWalk:
    """The walk through every hit of a text search, at hit `index`."""
    mentions = tuple(LibraryMention(h.article, h.start, h.end, "name", h.hit.matched,
                                    "", 0, 0) for h in hits)
    return LibraryWalk("search", query, f"“{one_line(query)}”", mentions, index)


def hits_status(hits: Sequence[LibraryHit] | None, query: str, articles: int,
                limit: int) -> str:
    """What the Text view's status line says: how to search (no search yet), or how many hits
    in how many of the `articles` (at `limit`, there may be more)."""
    if hits is None:
        return "Type a phrase after / and press enter: every article's text is searched."
    shown = one_line(query)
    if not hits:
        return f"no matches for “{shown}” in {articles} articles"
    found_in = len({h.article.path for h in hits})
    more = "+" if len(hits) >= limit else ""
    found = counted(len(hits), "match") if not more else f"{len(hits)}+ matches"
    return (f"{found} for “{shown}” in {counted(found_in, 'article')}"
            " · enter opens · n/N go on across articles")


# --- indexing ------------------------------------------------------------------------------

@dataclass(slots=True)
class IndexProgress:
    """How far the indexing of the library is: files indexed of those to index, and who's who
    and the documents once built (None until then). The screen's indexing sets it; the panes
    of who's who and the documents read it."""

    done: int = 0
    total: int = 0
    library: Library | None = None


# --- the notes of the library --------------------------------------------------------------

class LibraryNotes:
    """The notes the store keeps, counted per article (by content, else by file), and the
    ones on this library's articles (the store holds others' too)."""

    def __init__(self, files: Sequence[Path], summaries: Mapping[Path, ArticleSummary]) -> None:
        self.files = files
        self.summaries = summaries
        self.all: list[Annotation] = []
        self._by_article: dict[str, int] = {}
        self._by_path: dict[str, int] = {}
        self._resolved: dict[Path, str] = {}

    def load(self, notes: list[Annotation]) -> None:
        """Take every note in the store (read again)."""
        self.all = notes
        self._by_article, self._by_path = {}, {}
        for note in notes:
            self._by_article[note.article.id] = self._by_article.get(note.article.id, 0) + 1
            self._by_path[note.article.path] = self._by_path.get(note.article.path, 0) + 1

    def count(self, summary: ArticleSummary) -> int:
        """How many notes the store keeps for an article (by content, else by file)."""
        by_id = self._by_article.get(summary.id, 0) if summary.id else 0
        if by_id or not self._by_path:
            return by_id
        resolved = self._resolved.get(summary.path)
        if resolved is None:
            resolved = self._resolved[summary.path] = str(summary.path.resolve())
        return self._by_path.get(resolved, 0)

    def of_library(self) -> list[Annotation]:
        """The notes on this library's articles."""
        from annotations.note_filter import of_articles

        return of_articles(self.all, (os.path.abspath(p) for p in self.files),
                           (s.id for s in self.summaries.values()))

    def path_of(self, note: Annotation, exists: Callable[[Path], bool] = Path.exists
                ) -> Path | None:
        """The file of a note's article: the one it names, else (moved) the library's article
        of the same content; None when the library has neither."""
        path = Path(note.article.path) if note.article.path else None
        if path is not None and exists(path):
            return path
        match = next((s for s in self.summaries.values() if s.id == note.article.id), None)
        return match.path if match else None


# --- the article table -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Sort:
    """The article table's order: a column, either way."""

    column: str = "date"
    reverse: bool = True

    def clicked(self, column: str) -> Sort:
        """A click on a heading: the other way round on the sorted column, else that column
        (dates and counts newest or most first)."""
        if column == self.column:
            return self.reversed()
        return Sort(column, column in DESCENDING_FIRST)

    def next(self) -> Sort:
        """The next column, the same way."""
        keys = [key for key, _ in COLUMNS]
        return replace(self, column=keys[(keys.index(self.column) + 1) % len(keys)])

    def reversed(self) -> Sort:
        """The same column the other way."""
        return replace(self, reverse=not self.reverse)

    def arrow(self, column: str) -> str:
        """What a heading shows after its name: ▼ or ▲ on the sorted column."""
        return (" ▼" if self.reverse else " ▲") if column == self.column else ""


    def describe(self) -> str:
        """"Date (descending)"."""
        return dict(COLUMNS)[self.column] + (" (descending)" if self.reverse else "")


class Descending:
    """A sort key that orders the other way (for a descending column in one ascending list)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: Descending) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Descending) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]


def sort_value(summary: ArticleSummary, column: str, notes: int) -> tuple[object, ...]:
    """What the article table sorts by in `column` (unreadable files last)."""
    broken = summary.error is not None
    values: dict[str, object] = {
        "title": (summary.title or summary.path.name).casefold(),
        "date": summary.published.isoformat() if summary.published else "",
        "authors": ", ".join(summary.authors).casefold(),
        "source": (summary.source or "").casefold(),
        "people": summary.people_count,
        "documents": summary.documents_count,
        "notes": notes,
    }
    return (broken, values[column], str(summary.path))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a new or changed row goes: `key` (None: not listed for the filter) and the place
    it held (`old`, None: it was not listed); `same` when it stays where it was."""

    key: Any
    old: Any
    same: bool


class ArticleRows:
    """The article table's rows: every article known so far, those listed for the filter in
    the sort's order, and where each one arriving while indexing goes."""

    def __init__(self, count_notes: Callable[[ArticleSummary], int]) -> None:
        self.summaries: dict[Path, ArticleSummary] = {}
        self.sort = Sort()
        self.words: list[str] = []
        self.count_notes = count_notes
        self._listed: dict[Path, bool] = {}
        self._placed: dict[str, Any] = {}

    def listed(self, summary: ArticleSummary) -> bool:
        """Whether the row is listed for the filter (remembered until the row or the filter
        changes)."""
        shown = self._listed.get(summary.path)
        if shown is None:
            shown = self._listed[summary.path] = article_matches(summary, self.words)
        return shown

    def sort_key(self, summary: ArticleSummary) -> Any:
        """Where a row goes: by the sort column, either way; unreadable files last."""
        broken, value, path = sort_value(summary, self.sort.column, self.count_notes(summary))
        return (broken, Descending((value, path)) if self.sort.reverse else (value, path))

    def rows(self, words: list[str] | None = None, sort: Sort | None = None
             ) -> list[tuple[Any, str]]:
        """Every listed row in order (for new filter `words` or `sort`, when given), as
        (sort key, file)."""
        if words is not None and words != self.words:
            self.words = words
            self._listed.clear()
        if sort is not None:
            self.sort = sort
        rows = sorted((self.sort_key(s), str(s.path)) for s in self.summaries.values()
                      if self.listed(s))
        self._placed = {key: sort_key for sort_key, key in rows}
        return rows

    def put(self, summary: ArticleSummary) -> Placement:
        """Take a new or changed row; where it goes."""
        old = self.summaries.get(summary.path)
        self.summaries[summary.path] = summary
        self._listed.pop(summary.path, None)
        key = str(summary.path)
        old_key = self._placed.pop(key, None)
        if not self.listed(summary):
            return Placement(None, old_key, False)
        sort_key = self._placed[key] = self.sort_key(summary)
        return Placement(sort_key, old_key, old is not None and old_key == sort_key)

    def status(self, shown: int, total: int, filter_text: str) -> str:
        """"3 of 40 articles matching “x” · sorted by Date (descending)"."""
        return (f"{shown} of {counted(total, 'article')}{matching(filter_text)} · sorted by "
                f"{self.sort.describe()}")
