"""What the article view marks in the text, said as plain data: styled ranges of the canonical
text and where notes start. The article screen's state computes them; the view draws them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Decoration:
    """A styled range of the canonical text; `style` names a component class of the view."""

    start: int
    end: int
    style: str


@dataclass(frozen=True, slots=True)
class Marks:
    """Everything the view marks: the decorations, and the offsets where notes start (the ✎
    in the gutter)."""

    decorations: tuple[Decoration, ...] = ()
    notes: tuple[int, ...] = ()
