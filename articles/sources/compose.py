"""Building an article's canonical text from a page's pieces: the headline, a byline line
(authors and date), then each piece as a paragraph of its own, the blocks' kinds from markup."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from articles.model import Block, BlockKind
from articles.parsing.credits import Credit
from articles.sources.html_page import PageContent

_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F], " ")


@dataclass(frozen=True, slots=True)
class Composed:
    """The canonical text of a page's article, its blocks and its byline authors (offsets)."""

    text: str
    blocks: tuple[Block, ...]
    authors: tuple[Credit, ...]


def byline_date(when: datetime) -> str:
    """The date as the byline writes it: "March 4, 2025 09:30" (no time when it is midnight)."""
    day = f"{when:%B} {when.day}, {when.year}"
    return day if (when.hour, when.minute) == (0, 0) else f"{day} {when:%H:%M}"


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text.translate(_CONTROLS)).split())


def compose(content: PageContent) -> Composed:
    """The article text: title, byline, then the pieces, separated by blank lines."""
    parts: list[str] = []
    blocks: list[Block] = []
    authors: list[Credit] = []
    pos = 0

    def add(kind: BlockKind, text: str) -> int:
        nonlocal pos
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(text)
        pos += len(text)
        blocks.append(Block(kind, start, pos))
        return start

    meta = content.meta
    title = _clean(meta.title)
    if title:
        add("title", title)
    names = [n for n in (_clean(a) for a in meta.authors) if n]
    line = " - ".join(names)
    if meta.published is not None:
        line = f"{line} - {byline_date(meta.published)}" if line else byline_date(meta.published)
    if line:
        start = add("byline", line)
        offset = start
        for name in names:
            authors.append(Credit(offset, offset + len(name), ("author",)))
            offset += len(name) + 3
    for piece in content.pieces:
        text = _clean(piece.text)
        if text:
            add(piece.kind, text)
    return Composed("".join(parts), tuple(blocks), tuple(authors))


def body_chars(composed: Composed, kinds: Sequence[str] = ("lead", "paragraph")) -> int:
    """How much article text the page gave (lead and paragraphs)."""
    return sum(b.end - b.start for b in composed.blocks if b.kind in kinds)
