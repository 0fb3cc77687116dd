"""Approximate string search with edlib (Myers' bit-vector algorithm): infix search of a quote in
a long text, edit distance, and mapping positions through an alignment.

edlib works on bytes with at most 256 distinct symbols. Texts are mapped to one byte per code
point, so offsets stay code-point offsets: when the text has at most 254 distinct characters one
mapping serves every query; otherwise each query gets its own mapping (its characters get codes,
every other character of the text maps to one code that no query character has, which gives the
same edit distances). Chosen over rapidfuzz after measuring both on a 1 MB text
(tests/benchmarks/bench_anchoring.py): edlib returns every best location with a true infix edit
distance and variable-length matches; rapidfuzz's partial_ratio_alignment returns one window of
the quote's length, scored by Indel distance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import edlib

_RUN = re.compile(r"(\d+)([=XIDM])")
_OTHER = 0
"""The code of every text character that does not occur in the query."""


@dataclass(frozen=True, slots=True)
class Match:
    """`text[start:end]` is within `distance` edits of the query."""

    start: int
    end: int
    distance: int


class SearchText:
    """A text prepared for repeated approximate searches (encoded lazily, once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._distinct: list[str] | None = None
        self._codes: dict[str, int] | None = None
        self._encoded: bytes | None = None

    def _prepare(self) -> None:
        if self._distinct is not None:
            return
        self._distinct = sorted(set(self.text))
        if len(self._distinct) <= 254:
            self._codes = {c: i + 1 for i, c in enumerate(self._distinct)}
            self._encoded = _translate(self.text, self._codes)

    def _encode(self, query: str) -> tuple[bytes, bytes]:
        self._prepare()
        if self._codes is not None and self._encoded is not None:
            codes = self._codes
            return bytes(codes.get(c, 255) for c in query), self._encoded
        query_codes = _codes_for(query)
        assert self._distinct is not None
        table = {c: query_codes.get(c, _OTHER) for c in self._distinct}
        return bytes(query_codes[c] for c in query), _translate(self.text, table)

    def search(self, query: str, max_edits: int, limit: int = 1000) -> list[Match]:
        """The best-scoring places where `query` occurs within `max_edits` edits (all with the
        same, smallest distance; at most `limit`); [] when there is none."""
        if not query or not self.text:
            return []
        q, t = self._encode(query)
        result = edlib.align(q, t, mode="HW", task="locations", k=max(0, max_edits))
        distance = result["editDistance"]
        if distance < 0:
            return []
        matches = []
        for start, end in result["locations"][:limit]:
            if start is not None and end >= start:
                matches.append(Match(start, end + 1, distance))
        return matches


def _translate(text: str, codes: dict[str, int]) -> bytes:
    return text.translate({ord(c): code for c, code in codes.items()}).encode("latin-1")


def _codes_for(text: str) -> dict[str, int]:
    """A code in 1..255 for each distinct character of `text` (shared beyond 255 of them,
    which can only make a distance smaller)."""
    codes: dict[str, int] = {}
    for c in text:
        if c not in codes:
            codes[c] = len(codes) % 255 + 1
    return codes


def edit_distance(a: str, b: str) -> int:
    """The Levenshtein distance between two strings."""
    if not a or not b:
        return max(len(a), len(b))
    if a == b:
        return 0
    codes = _codes_for(a + b)
    result = edlib.align(
        bytes(codes[c] for c in a), bytes(codes[c] for c in b), mode="NW", task="distance"
    )
    distance: int = result["editDistance"]
    return distance


def similarity(expected: str, actual: str) -> float:
    """1.0 when `actual` equals `expected`, falling to 0.0 with edits (relative to `expected`);
    1.0 when nothing was expected (no context is no evidence either way)."""
    if not expected:
        return 1.0
    return max(0.0, 1.0 - edit_distance(expected, actual) / len(expected))


def align_span(query: str, target: str, q_start: int, q_end: int) -> tuple[int, int] | None:
    """Align all of `query` to all of `target` and return the span of `target` aligned to
    `query[q_start:q_end]`, excluding text inserted at its edges; None when nothing aligns."""
    if not query or not target:
        return None
    codes = _codes_for(query + target)
    result = edlib.align(
        bytes(codes[c] for c in query), bytes(codes[c] for c in target), mode="NW", task="path"
    )
    cigar = result.get("cigar")
    if not cigar:
        return None
    qi = ti = 0
    start: int | None = None
    end: int | None = None
    for count_text, op in _RUN.findall(cigar):
        count = int(count_text)
        consumes_query = op in "=XMI"
        consumes_target = op in "=XMD"
        if consumes_query:
            if start is None and qi <= q_start < qi + count:
                start = ti + (q_start - qi if consumes_target else 0)
            if end is None and qi <= q_end - 1 < qi + count:
                end = ti + (q_end - qi if consumes_target else 0)
            qi += count
        if consumes_target:
            ti += count
    if start is None or end is None or end <= start:
        return None
    return start, end
