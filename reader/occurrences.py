"""What `n` and `N` walk through: the mentions of a chosen person or document, or search hits."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from articles.model import Mention

OccurrenceKind = Literal["person", "document", "search"]


@dataclass(frozen=True, slots=True)
class Span:
    """One occurrence: offsets into the canonical text and how it refers ("name", "role"...)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Occurrences:
    """The occurrences of one chosen thing, in reading order, and which one is current."""

    kind: OccurrenceKind
    key: str
    label: str
    spans: tuple[Span, ...]
    index: int = 0

    @classmethod
    def of_mentions(cls, kind: OccurrenceKind, key: str, label: str,
                    mentions: Iterable[Mention | Span]) -> Occurrences:
        """The mentions of one person or document (in reading order), the first current."""
        return cls(kind, key, label, tuple(Span(m.start, m.end, m.kind) for m in mentions))

    @property
    def current(self) -> Span | None:
        """The current occurrence (None when there are none)."""
        return self.spans[self.index] if self.spans else None

    def step(self, delta: int) -> Occurrences:
        """The next (`delta` 1) or previous (-1) occurrence, wrapping around at the ends."""
        if not self.spans:
            return self
        return Occurrences(
            self.kind, self.key, self.label, self.spans, (self.index + delta) % len(self.spans)
        )

    def at(self, index: int) -> Occurrences:
        """The same occurrences with `index` current."""
        count = max(1, len(self.spans))
        return Occurrences(self.kind, self.key, self.label, self.spans, index % count)

    def first_from(self, offset: int) -> Occurrences:
        """Current set to the first occurrence at or after `offset` (wrapping to the first)."""
        starts = [s.start for s in self.spans]
        i = bisect.bisect_left(starts, offset)
        return self.at(i if i < len(starts) else 0)

    def index_of(self, offset: int) -> int | None:
        """The index of the occurrence holding `offset`."""
        for i, span in enumerate(self.spans):
            if span.start <= offset < span.end:
                return i
        return None

    def status(self) -> str:
        """The status line text: "Nguyen Van Thong 3/10"."""
        if not self.spans:
            return f"{self.label}: not found"
        return f"{self.label} {self.index + 1}/{len(self.spans)}"
