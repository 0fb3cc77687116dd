"""Finding where an annotation belongs in the current text of its article, as Hypothesis does
(docs/design.md §4): the stored position when the text there still equals the quote; else the best
exact occurrence of the quote; else the best approximate match; else the annotation is an orphan
(kept, and listed as "Unanchored"; never dropped).

Candidates are scored like Hypothesis's client: quote similarity 50, prefix 20, suffix 20,
nearness to the stored position 2, normalised by 92. A candidate is accepted when its score is
at least MIN_SCORE (the quote and most of one side of its context agree), or when the quote
alone is convincing although the context changed on both sides (a paragraph or heading that
was moved): at least LONG_QUOTE characters, at most 10% edits, no other candidate that good,
and the context *within its own block of text* unchanged (the context beyond a line break may
change when blocks move; a copy of the words inside another paragraph does not qualify).
Limitation: a passage whose exact words and context also occur elsewhere (a
repeated "Photo: Thanh Duy" caption) cannot be told apart from its copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from annotations.model import Annotation, Target
from annotations.textsearch import Match, SearchText, align_span, edit_distance, similarity

Status = Literal["exact", "moved", "fuzzy", "orphan"]
"""How an annotation was anchored: at its stored position; elsewhere with the same text; to
text that differs a little from the quote; or not at all."""

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50.0, 20.0, 20.0, 2.0
_TOTAL = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

MIN_SCORE = 0.75
"""The least score accepted on its own: the quote and most of one side of its context agree."""

LONG_QUOTE = 20
"""A quote at least this long, found with at most QUOTE_ALONE errors and nowhere else as well,
with its context inside its own block unchanged, is accepted even when the rest of its context
changed on both sides (its paragraph was moved)."""

LOCAL_CONTEXT = 0.8
"""How similar the context inside the passage's own block must stay for that."""

QUOTE_ALONE = 0.9

MAX_CANDIDATES = 1000


@dataclass(frozen=True, slots=True)
class Anchored:
    """Where an annotation sits in the current text. `start`/`end` are None for an orphan."""

    annotation: Annotation
    start: int | None
    end: int | None
    status: Status
    score: float

    @property
    def is_orphan(self) -> bool:
        """Whether the annotation could not be anchored."""
        return self.status == "orphan"


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    quote_score: float
    score: float
    local_context: bool
    """The context inside the passage's own block (up to a line break) is unchanged."""


class _Anchorer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.search_text = SearchText(text)

    def anchor(self, annotation: Annotation) -> Anchored:
        target = annotation.target
        text = self.text
        if text[target.start : target.end] == target.exact:
            return Anchored(annotation, target.start, target.end, "exact", 1.0)
        exact = [
            self._score(target, s, s + len(target.exact), 0)
            for s in _occurrences(text, target.exact)
        ]
        chosen = _choose(exact, target)
        if chosen is None:
            seen = {(c.start, c.end) for c in exact}
            fuzzy = [
                self._score(target, m.start, m.end, m.distance)
                for m in self._fuzzy_matches(target)
                if (m.start, m.end) not in seen
            ]
            chosen = _choose(exact + fuzzy, target)
            if chosen is None:
                best = max((c.score for c in exact + fuzzy), default=0.0)
                return Anchored(annotation, None, None, "orphan", round(best, 4))
        status: Status = "moved" if text[chosen.start : chosen.end] == target.exact else "fuzzy"
        return Anchored(annotation, chosen.start, chosen.end, status, round(chosen.score, 4))

    def _fuzzy_matches(self, target: Target) -> list[Match]:
        """Approximate matches of the quote alone, and of the quote with its context (which
        finds an edited passage even where the unedited words also occur elsewhere)."""
        quote = target.exact
        matches = self.search_text.search(quote, len(quote) // 2, MAX_CANDIDATES)
        context = target.prefix + quote + target.suffix
        if len(context) > len(quote):
            q_start, q_end = len(target.prefix), len(target.prefix) + len(quote)
            for m in self.search_text.search(context, len(context) // 2, 20):
                span = align_span(context, self.text[m.start : m.end], q_start, q_end)
                if span is not None:
                    start, end = m.start + span[0], m.start + span[1]
                    matches.append(Match(start, end, edit_distance(quote, self.text[start:end])))
        return [m for m in matches if m.distance <= len(quote) // 2]

    def _score(self, target: Target, start: int, end: int, distance: int) -> _Candidate:
        text = self.text
        quote = 1.0 - distance / len(target.exact)
        prefix = similarity(target.prefix, text[max(0, start - len(target.prefix)) : start])
        suffix = similarity(target.suffix, text[end : end + len(target.suffix)])
        position = 1.0 - min(1.0, abs(start - target.start) / max(1, len(text)))
        score = (
            QUOTE_WEIGHT * quote
            + PREFIX_WEIGHT * prefix
            + SUFFIX_WEIGHT * suffix
            + POSITION_WEIGHT * position
        ) / _TOTAL
        before = text[max(0, start - len(target.prefix)) : start]
        after = text[end : end + len(target.suffix)]
        local = (
            _local_similarity(target.prefix.rsplit("\n", 1)[-1], before.rsplit("\n", 1)[-1], True)
            >= LOCAL_CONTEXT
            and _local_similarity(target.suffix.split("\n", 1)[0], after.split("\n", 1)[0], False)
            >= LOCAL_CONTEXT
        )
        return _Candidate(start, end, quote, score, local)


def _local_similarity(expected: str, actual: str, before: bool) -> float:
    """How well the context inside the block agrees: both empty (the passage starts or ends
    the block, now as then) is full agreement; otherwise compare the nearest characters."""
    if not expected or not actual:
        return 1.0 if expected == actual else 0.0
    actual = actual[-len(expected) :] if before else actual[: len(expected)]
    return similarity(expected, actual)


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    i = text.find(quote)
    while i >= 0 and len(found) < MAX_CANDIDATES:
        found.append(i)
        i = text.find(quote, i + 1)
    return found


def _choose(candidates: Sequence[_Candidate], target: Target) -> _Candidate | None:
    """The best candidate if it is good enough (see the module docstring), else None."""
    if not candidates:
        return None
    ranked = sorted(candidates, key=lambda c: (-c.score, abs(c.start - target.start), c.start))
    if ranked[0].score >= MIN_SCORE:
        return ranked[0]
    if len(target.exact) >= LONG_QUOTE:
        strong = [c for c in ranked if c.quote_score >= QUOTE_ALONE]
        if (
            strong
            and strong[0].local_context
            and all(c.start < strong[0].end and strong[0].start < c.end for c in strong)
        ):
            return strong[0]
    return None


def anchor(text: str, annotation: Annotation) -> Anchored:
    """Anchor one annotation in `text` (the canonical text of its article)."""
    return _Anchorer(text).anchor(annotation)


def anchor_all(text: str, annotations: Iterable[Annotation]) -> list[Anchored]:
    """Anchor each annotation in `text`, in the order given (sharing the search index)."""
    anchorer = _Anchorer(text)
    return [anchorer.anchor(a) for a in annotations]
