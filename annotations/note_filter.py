"""Filtering a list of notes by tag and by colour (the Notes tab's filter): which tags and
colours the notes have, with counts, and the notes a filter keeps. Pure: no user interface."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from annotations.model import COLORS, Annotation


class HasAnnotation(Protocol):
    """Anything that carries an annotation (`Anchored`, for one)."""

    @property
    def annotation(self) -> Annotation: ...


T = TypeVar("T", bound=HasAnnotation)


@dataclass(frozen=True, slots=True)
class NoteFilter:
    """Keep the notes that have tag `tag` (when given) and colour `color` (when given)."""

    tag: str | None = None
    color: str | None = None

    @property
    def active(self) -> bool:
        """Whether the filter leaves anything out."""
        return self.tag is not None or self.color is not None

    def keeps(self, a: Annotation) -> bool:
        """Whether `a` passes the filter (tags compare without regard to case)."""
        if self.color is not None and a.color != self.color:
            return False
        return self.tag is None or self.tag.casefold() in {t.casefold() for t in a.tags}

    def apply(self, items: Iterable[T]) -> list[T]:
        """The items whose annotation passes, in the order given."""
        return [i for i in items if self.keeps(i.annotation)]

    def describe(self) -> str:
        """"#tag · green", or "all" when nothing is filtered."""
        parts = ([f"#{self.tag}"] if self.tag is not None else []) + (
            [self.color] if self.color is not None else [])
        return " · ".join(parts) or "all"

    def without_missing(self, items: Sequence[HasAnnotation]) -> NoteFilter:
        """This filter with a tag or colour no item has any more dropped (its last note was
        deleted or re-tagged), so the list never stays empty for a filter nothing can pass."""
        tags = {t.casefold() for i in items for t in i.annotation.tags}
        colors = {i.annotation.color for i in items}
        return NoteFilter(
            self.tag if self.tag is not None and self.tag.casefold() in tags else None,
            self.color if self.color in colors else None)


def of_articles(notes: Iterable[Annotation], paths: Iterable[str], ids: Iterable[str]
                ) -> list[Annotation]:
    """The notes on the articles at `paths` (absolute) or with content ids `ids` (a file
    moved or copied into the library): a library's notes, not every note in the store."""
    wanted_paths, wanted_ids = set(paths), {i for i in ids if i}
    return [n for n in notes
            if n.article.id in wanted_ids
            or (n.article.path and os.path.abspath(n.article.path) in wanted_paths)]


def tag_counts(items: Iterable[HasAnnotation]) -> list[tuple[str, int]]:
    """Every tag the items have (tags differing only in case are one, spelled as first seen),
    with how many have it, most used first, then by name."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for i in items:
        for key in dict.fromkeys(t.casefold() for t in i.annotation.tags):
            counts[key] += 1
        for t in i.annotation.tags:
            spelling.setdefault(t.casefold(), t)
    return sorted(((spelling[k], n) for k, n in counts.items()),
                  key=lambda kv: (-kv[1], kv[0].casefold()))


def color_counts(items: Iterable[HasAnnotation]) -> list[tuple[str, int]]:
    """Every colour the items have, with how many, in the order of the palette."""
    counts = Counter(i.annotation.color for i in items)
    return [(c, counts[c]) for c in COLORS if counts[c]]


__all__ = ["HasAnnotation", "NoteFilter", "color_counts", "of_articles", "tag_counts"]
