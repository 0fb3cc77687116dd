"""One article's annotations anchored in its current text: the one place that says which notes
are placed where, which is at an offset, and which are orphans ("Unanchored", never dropped).
The command line lists them and the reader draws and walks them from here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the reader's first frame does without the anchoring machinery
    from annotations.anchoring import Anchored
    from articles import Article


def placed_span(item: Anchored) -> tuple[int, int] | None:
    """Where an anchored annotation is now, or None for an orphan."""
    if item.status == "orphan" or item.start is None or item.end is None:
        return None
    return item.start, item.end


@dataclass(frozen=True, slots=True)
class ArticleNotes:
    """An article's annotations anchored in its current text: placed ones in text order, then
    the orphans (never dropped)."""

    article: Article
    anchored: list[Anchored]

    @property
    def placed(self) -> list[Anchored]:
        """Annotations anchored somewhere in the text, in text order."""
        found = [x for x in self.anchored if placed_span(x) is not None]
        return sorted(found, key=lambda x: (x.start or 0, x.end or 0, x.annotation.created))

    @property
    def orphans(self) -> list[Anchored]:
        """Annotations whose passage is no longer in the text ("Unanchored")."""
        return [x for x in self.anchored if placed_span(x) is None]

    def get(self, annotation_id: str) -> Anchored | None:
        """The annotation with this id, if this article has it."""
        return next((x for x in self.anchored if x.annotation.id == annotation_id), None)

    def at(self, offset: int) -> Anchored | None:
        """The shortest annotation covering `offset` (the innermost of nested highlights)."""
        best: tuple[int, Anchored] | None = None
        for item in self.anchored:
            span = placed_span(item)
            if span is not None and span[0] <= offset < span[1] and (
                best is None or span[1] - span[0] < best[0]
            ):
                best = (span[1] - span[0], item)
        return best[1] if best else None

    def replacing(self, annotation_id: str, items: Iterable[Anchored]) -> ArticleNotes:
        """These notes with annotation `annotation_id` taken out and `items` put in (its new
        version, or nothing for a removal)."""
        kept = [x for x in self.anchored if x.annotation.id != annotation_id]
        return ArticleNotes(self.article, [*kept, *items])
