"""The library: many articles, one index of the officials and documents across them.

`build_library(entries)` merges per-article entries (`ArticleEntry`, what the index cache keeps
per file) into a `Library`:

- `articles`: one `ArticleSummary` per file, in date order (undated last, then by path); files
  that could not be read are kept, with the reason in `error`.
- `people`: one `LibraryPerson` per identity, the folded full name (diacritic- and
  case-insensitive: "Nguyễn Văn Thông" and "Nguyen Van Thong" are one person). The name shown
  is the form most articles use; on a tie, a form with diacritics (it carries more: "Nguyễn Văn
  Thông" over "Nguyen Van Thong"), then the form of the latest article. Each post the person
  held is a `PostHistory` with the dates of the articles that give it; equivalent wordings of
  one post are merged (`articles.parsing.roles.equivalent`). Posts are ordered by their first
  date, so a change of post over time reads top to bottom; posts only undated articles give
  come last. Same-name people whose posts name different provinces are kept apart
  (`articles.library.who_is_who`).
- `documents`: one `LibraryDocument` per document. A code alone does not identify a document
  (numbering restarts each term: 26-NQ/TW of 2013 on Nghe An, 26-NQ/TW of 2022 on the North
  Central region). The identity rule (in full in `articles.library.document_identity`): citations of
  the same normalised code (folded, no spaces) are one document unless the dates (or years),
  the issuers or the subjects they give conflict (subjects compare by folded word overlap), or
  the citing article is older than the document. Citations that fit more than one document are
  gathered under a doubtful entry (key "<code>#?") whose `doubt` says so.

Mentions everywhere are ordered by (article date, article path, offset), undated articles last:
the order `n`/`N` walk through (`articles.library.mentions.step_mention`).

The library is immutable and holds no article text: only offsets, the mention's text and a
line of context. Open an article with `articles.load(mention.path)` and check that its `id` is
still `mention.article_id` before trusting the offsets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from articles.folding import fold, strip_marks
from articles.library.document_identity import Evidence, content_words, group_citations
from articles.library.entry import (
    ArticleEntry,
    ArticleSummary,
    EntryDocument,
    EntryFormatError,
    EntryPerson,
    LibraryMention,
    entry_from_article,
    error_entry,
    normalise_code,
    provisional_summary,
)
from articles.library.who_is_who import split_by_place
from articles.parsing.roles import equivalent

__all__ = [
    "ArticleEntry",
    "ArticleSummary",
    "Citation",
    "EntryDocument",
    "EntryFormatError",
    "EntryPerson",
    "Library",
    "LibraryDocument",
    "LibraryMention",
    "LibraryPerson",
    "PostDate",
    "PostHistory",
    "build_library",
    "entry_from_article",
    "error_entry",
    "mention_order",
    "normalise_code",
    "provisional_summary",
]

DOUBT_KEY = "?"
"""The disambiguator of the entry holding a code's doubtful citations ("26-NQ/TW#?")."""


def article_order(summary: ArticleSummary) -> tuple[bool, datetime, str]:
    """Sort key of articles: by publication time, undated last, then by path."""
    published = summary.published
    when = published.replace(tzinfo=None) if published is not None else datetime.min
    return (published is None, when, str(summary.path))


def mention_order(m: LibraryMention) -> tuple[bool, datetime, str, int]:
    """Sort key of mentions across the library: article date (undated last), path, offset."""
    return (*article_order(m.article), m.start)


class PostDate(NamedTuple):
    """One article giving a post: the article's date (None if undated) and its path."""

    date: date | None
    article: Path


@dataclass(frozen=True, slots=True)
class PostHistory:
    """A post a person held, with the articles that give it, in date order (undated last)."""

    role: str
    dates: tuple[PostDate, ...]

    @property
    def first(self) -> date | None:
        """The earliest date an article gives this post (None if no article is dated)."""
        return self.dates[0].date if self.dates else None

    @property
    def last(self) -> date | None:
        """The latest dated article giving this post."""
        dated = [d.date for d in self.dates if d.date is not None]
        return dated[-1] if dated else None


@dataclass(frozen=True, slots=True)
class LibraryPerson:
    """A person across the library: every post held, every mention in every article."""

    key: str
    name: str
    posts: tuple[PostHistory, ...]
    mentions: tuple[LibraryMention, ...]
    articles: tuple[ArticleSummary, ...]
    mention_count: int = 0
    """How many mentions, also when `mentions` were left out (a library of light entries:
    `load_mentions` fetches them)."""

    @property
    def roles(self) -> tuple[str, ...]:
        """The posts' names, in the order of `posts`."""
        return tuple(p.role for p in self.posts)


@dataclass(frozen=True, slots=True)
class Citation:
    """One article citing a document, with its mentions there (in offset order)."""

    article: ArticleSummary
    mentions: tuple[LibraryMention, ...]
    mention_count: int = 0

    @property
    def path(self) -> Path:
        """The citing article's file."""
        return self.article.path

    @property
    def date(self) -> datetime | None:
        """The citing article's publication time."""
        return self.article.published


@dataclass(frozen=True, slots=True)
class LibraryDocument:
    """A document across the library and every article citing it (in article date order).

    `key` is unique in the library: the normalised code when only one document has that code,
    else the code + "#" + the date (or year, or a number) that tells it apart, and "#?" for the
    entry gathering the citations that could not be told apart; that entry has a `doubt`
    sentence and `candidates`, the keys of the documents it might be.
    """

    key: str
    code: str
    type: str
    issuer: str | None
    date: date | None
    year: int | None
    subject: str | None
    citations: tuple[Citation, ...]
    doubt: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def mentions(self) -> tuple[LibraryMention, ...]:
        """Every mention in every citing article, in library order."""
        return tuple(m for c in self.citations for m in c.mentions)

    @property
    def mention_count(self) -> int:
        """How many mentions in all (also when they were left out: see `load_mentions`)."""
        return sum(c.mention_count for c in self.citations)


@dataclass(frozen=True, eq=False)
class Library:
    """Articles, people and documents of a set of files (see the module docstring)."""

    articles: tuple[ArticleSummary, ...]
    people: tuple[LibraryPerson, ...]
    documents: tuple[LibraryDocument, ...]
    _people: dict[str, LibraryPerson] = field(default_factory=dict, repr=False)
    _documents: dict[str, LibraryDocument] = field(default_factory=dict, repr=False)
    _articles: dict[Path, ArticleSummary] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._people.update((p.key, p) for p in self.people)
        self._documents.update((d.key, d) for d in self.documents)
        self._articles.update((a.path, a) for a in self.articles)

    def person(self, key: str) -> LibraryPerson | None:
        """The person with this key (or any form of the full name: it is folded). People of
        one name told apart by place have keys "<name>#<place>" (`articles.library.who_is_who`)."""
        return self._people.get(key) or self._people.get(fold(key))

    def document(self, key: str) -> LibraryDocument | None:
        """The document with this key ("26-NQ/TW#2013-07-30", or a code with one document)."""
        return self._documents.get(key) or self._documents.get(normalise_code(key))

    def documents_with_code(self, code: str) -> tuple[LibraryDocument, ...]:
        """Every document (and doubtful entry) sharing this code."""
        wanted = normalise_code(code)
        return tuple(d for d in self.documents if d.key.split("#", 1)[0] == wanted)

    def article(self, path: Path) -> ArticleSummary | None:
        """The summary of the article file at `path`."""
        return self._articles.get(path)

    def mentions_of_person(self, key: str) -> tuple[LibraryMention, ...]:
        """Every mention of the person across the library, in library order."""
        person = self.person(key)
        return person.mentions if person is not None else ()

    def mentions_of_document(self, key: str) -> tuple[LibraryMention, ...]:
        """Every mention of the document across the library, in library order."""
        document = self.document(key)
        return document.mentions if document is not None else ()

    @property
    def readable(self) -> tuple[ArticleSummary, ...]:
        """The articles that were read and parsed."""
        return tuple(a for a in self.articles if a.error is None)

    @property
    def unreadable(self) -> tuple[ArticleSummary, ...]:
        """The files that could not be read, each with its `error`."""
        return tuple(a for a in self.articles if a.error is not None)


_equivalent = lru_cache(maxsize=65536)(equivalent)
"""`articles.parsing.roles.equivalent`, remembered: a library compares the same wordings many
times."""


def _day(summary: ArticleSummary) -> date | None:
    return summary.published.date() if summary.published else None


def _pick_name(forms: list[tuple[str, ArticleSummary]]) -> str:
    counts = Counter(name for name, _ in forms)
    latest = {name: i for i, (name, _) in enumerate(forms)}
    return max(counts, key=lambda n: (counts[n], strip_marks(n) != n, latest[n]))


def _merge_person(key: str, parts: list[tuple[ArticleSummary, EntryPerson]]) -> LibraryPerson:
    # `parts` come in article order (build_library walks the entries in that order).
    posts: list[tuple[Counter[str], list[PostDate]]] = []
    for summary, person in parts:
        for role in person.roles:
            for wordings, dates in posts:
                if role in wordings or any(_equivalent(role, w) for w in wordings):
                    wordings[role] += 1
                    dates.append(PostDate(_day(summary), summary.path))
                    break
            else:
                posts.append((Counter({role: 1}), [PostDate(_day(summary), summary.path)]))
    histories = []
    for wordings, dates in posts:
        # The wording most articles use; on a tie, the first seen (Counter keeps that order).
        role = max(wordings, key=lambda w: wordings[w])
        histories.append(PostHistory(role, tuple(dict.fromkeys(dates))))
    histories.sort(key=lambda h: (h.first is None, h.first or date.min))
    mentions = tuple(m for _, person in parts for m in person.mentions)
    return LibraryPerson(
        key=key,
        name=_pick_name([(p.name, s) for s, p in parts]),
        posts=tuple(histories),
        mentions=mentions,
        articles=tuple({id(s): s for s, _ in parts}.values()),  # one summary object per file
        mention_count=sum(person.mention_count for _, person in parts),
    )


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], len(v)))


def _document(key: str, parts: list[tuple[ArticleSummary, EntryDocument]]) -> LibraryDocument:
    given = [d.issuer for _, d in parts if d.issuer_given]
    dates = Counter(d.date for _, d in parts if d.date)
    years = Counter(d.year for _, d in parts if d.year)
    return LibraryDocument(
        key=key,
        code=_most_common(d.code for _, d in parts) or key,
        type=_most_common(d.type for _, d in parts) or "",
        issuer=_most_common(given) or _most_common(d.issuer for _, d in parts),
        date=dates.most_common(1)[0][0] if dates else None,
        year=years.most_common(1)[0][0] if years else None,
        subject=_most_common(d.subject for _, d in parts),
        citations=tuple(Citation(s, d.mentions, d.mention_count) for s, d in parts),
    )


def _doubt_sentence(code: str, documents: int, parts: list[tuple[ArticleSummary, EntryDocument]],
                    evidence: list[Evidence]) -> str:
    shared = f"{code}: {documents} documents share this code; "
    some = any(e.informative for e in evidence)
    if len(parts) == 1:
        return shared + ("the issuer or subject this article gives fits more than one" if some
                         else "this article gives no date, issuer or subject to tell which")
    return shared + (f"what these {len(parts)} articles give fits more than one" if some
                     else f"these {len(parts)} articles give no date, issuer or subject to tell "
                     "which")


def _code_documents(code: str, parts: list[tuple[ArticleSummary, EntryDocument]]
                    ) -> list[LibraryDocument]:
    # `parts` come in article order (build_library walks the entries in that order).
    evidence = [
        Evidence(
            date=d.date, year=d.year,
            issuer=content_words(d.issuer) if d.issuer_given else frozenset(),
            subject=content_words(d.subject), published=_day(s),
        )
        for s, d in parts
    ]
    grouping = group_citations(evidence)
    if len(grouping.documents) == 1 and not grouping.doubtful:
        return [_document(code, parts)]
    documents = [_document(code, [parts[i] for i in members]) for members in grouping.documents]
    seen: set[str] = set()
    named = []
    for n, doc in enumerate(documents, 1):
        tag = doc.date.isoformat() if doc.date else str(doc.year) if doc.year else str(n)
        key = f"{code}#{tag}" if f"{code}#{tag}" not in seen else f"{code}#{tag}-{n}"
        seen.add(key)
        named.append(replace(doc, key=key))
    if grouping.doubtful:
        doubt_parts = [parts[i] for i in grouping.doubtful]
        doubtful = _document(f"{code}#{DOUBT_KEY}", doubt_parts)
        named.append(
            replace(
                doubtful, date=None, year=None,
                doubt=_doubt_sentence(doubtful.code, len(grouping.candidates), doubt_parts,
                                      [evidence[i] for i in grouping.doubtful]),
                candidates=tuple(named[i].key for i in grouping.candidates),
            )
        )
    return named


def build_library(entries: Iterable[ArticleEntry]) -> Library:
    """Merge per-article entries into the library (an entry per file; a later entry for the
    same path replaces an earlier one)."""
    by_path: dict[Path, ArticleEntry] = {}
    for entry in entries:
        by_path[entry.summary.path] = entry
    ordered = sorted(by_path.values(), key=lambda e: article_order(e.summary))
    people: dict[str, list[tuple[ArticleSummary, EntryPerson]]] = {}
    codes: dict[str, list[tuple[ArticleSummary, EntryDocument]]] = {}
    for entry in ordered:
        for person in entry.people:
            people.setdefault(person.key, []).append((entry.summary, person))
        for document in entry.documents:
            codes.setdefault(document.key, []).append((entry.summary, document))
    merged_people = tuple(sorted(
        (_merge_person(k, group) for name, parts in people.items()
         for k, group in split_by_place(name, [(part, part[1].roles) for part in parts])),
        key=lambda p: p.key,
    ))
    documents: list[LibraryDocument] = []
    for code, parts in codes.items():
        documents.extend(_code_documents(code, parts))
    documents.sort(key=lambda d: (d.key.split("#", 1)[0], d.doubt is not None,
                                  d.date or date.max, d.key))
    return Library(
        articles=tuple(e.summary for e in ordered),
        people=merged_people,
        documents=tuple(documents),
    )
