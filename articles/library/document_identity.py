"""Telling documents apart across articles when they share a code.

A code alone does not identify a document: numbering restarts with each term, so 26-NQ/TW of
2013 (on Nghe An) and 26-NQ/TW of 2022 (on the North Central region) are two documents.

The rule. Each article that cites a code gives a *citation*: the date, year, issuer and subject
it writes for that code (any of them may be missing), and the article's own publication date.
Two citations of the same normalised code (folded, no spaces) are the same document unless
what they give **conflicts**:

- dates: both give a date and the dates differ, or both give a year and the years differ;
- issuers: both name a particular body (not just the generic body of the issuer code, such as
  "Party Central Committee" for TW) and neither's words are contained in the other's
  ("Politburo" vs "Secretariat" conflict; "Provincial Party Standing Committee" and
  "Standing Committee of the Provincial Party Committee" do not);
- subjects: both give a subject and fewer than half of the words of the shorter one (folded,
  without small words) occur in the other;
- time: a document cannot be issued after an article that cites it, so a citation that gives
  no date of its own, in an article published before a document's date (or year), cannot be
  that document. (When the citation gives a date, that date decides: a wrong byline date
  must not split a document.)

Citations are grouped in this order: those giving a date first, then those giving a year,
issuer or subject; each joins the one document it does not conflict with, or starts a new one
when it conflicts with all. A citation that fits two or more documents (it gives nothing, or
too little, to choose) is *doubtful*: the doubtful citations of a code are gathered in one
entry with a `doubt` sentence and the candidate documents, never silently assigned.
When a code has only one document, every citation belongs to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from articles.folding import fold

_SMALL_WORDS = frozenset(
    {"the", "of", "and", "on", "for", "to", "in", "a", "an", "with", "by", "at", "from", "its",
     "until", "about", "regarding", "s"}
)
_WORD = re.compile(r"[^\W_]+")
SUBJECT_OVERLAP = 0.5
"""Subjects conflict when less than this share of the shorter one's words is in the other."""


def content_words(text: str | None) -> frozenset[str]:
    """The folded words of `text` that carry meaning (no small words like "of", "the")."""
    if not text:
        return frozenset()
    return frozenset(w for w in _WORD.findall(fold(text)) if w not in _SMALL_WORDS)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one article gives about a code it cites."""

    date: dt.date | None
    year: int | None
    issuer: frozenset[str]
    subject: frozenset[str]
    published: dt.date | None

    @property
    def informative(self) -> bool:
        """Whether it gives anything that can tell two documents apart."""
        return bool(self.date or self.year or self.issuer or self.subject)


@dataclass(slots=True)
class Cluster:
    """The citations found to be one document, and what they say about it together."""

    members: list[int] = field(default_factory=list)
    date: dt.date | None = None
    year: int | None = None
    issuers: list[frozenset[str]] = field(default_factory=list)
    subject: frozenset[str] = frozenset()

    def conflicts(self, e: Evidence) -> bool:
        """Whether citation `e` cannot be this document."""
        if self.date and e.date and self.date != e.date:
            return True
        if self.year and e.year and self.year != e.year:
            return True
        if e.published is not None and e.date is None:
            if self.date and self.date > e.published:
                return True
            if e.year is None and self.year and self.year > e.published.year:
                return True
        if e.issuer and any(not (e.issuer <= i or i <= e.issuer) for i in self.issuers):
            return True
        if e.subject and self.subject:
            shared = len(e.subject & self.subject)
            if shared < SUBJECT_OVERLAP * min(len(e.subject), len(self.subject)):
                return True
        return False

    def add(self, index: int, e: Evidence) -> None:
        """Make citation `index` part of this document."""
        self.members.append(index)
        self.date = self.date or e.date
        self.year = self.year or e.year or (e.date.year if e.date else None)
        if e.issuer and e.issuer not in self.issuers:
            self.issuers.append(e.issuer)
        self.subject = self.subject | e.subject


@dataclass(frozen=True, slots=True)
class Grouping:
    """The documents one code stands for: lists of citation indexes, and the doubtful ones
    with the indexes (into `documents`) of the documents each might be."""

    documents: tuple[tuple[int, ...], ...]
    doubtful: tuple[int, ...]
    candidates: tuple[int, ...]


def _rank(e: Evidence) -> int:
    if e.date:
        return 0
    return 1 if e.informative else 2


def group_citations(evidence: list[Evidence]) -> Grouping:
    """Group the citations of one code into documents (see the module docstring for the
    rule); `evidence` is in article date order, and each group keeps that order."""
    clusters: list[Cluster] = []
    deferred: list[int] = []
    for i in sorted(range(len(evidence)), key=lambda i: _rank(evidence[i])):
        e = evidence[i]
        if not e.informative:
            deferred.append(i)
            continue
        fitting = [c for c in clusters if not c.conflicts(e)]
        if len(fitting) == 1:
            fitting[0].add(i, e)
        elif not fitting:
            new = Cluster()
            new.add(i, e)
            clusters.append(new)
        else:
            deferred.append(i)
    doubtful: list[int] = []
    candidates: set[int] = set()
    for i in deferred:
        e = evidence[i]
        fits = [n for n, c in enumerate(clusters) if not c.conflicts(e)]
        if len(fits) == 1:
            clusters[fits[0]].add(i, e)
        elif not fits:
            new = Cluster()
            new.add(i, e)
            clusters.append(new)
        else:
            doubtful.append(i)
            candidates.update(fits)
    return Grouping(
        documents=tuple(tuple(sorted(c.members)) for c in clusters),
        doubtful=tuple(sorted(doubtful)),
        candidates=tuple(sorted(candidates)),
    )
