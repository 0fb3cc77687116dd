"""The article data model: plain dataclasses with code-point offsets into one canonical text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

BlockKind = Literal["title", "byline", "lead", "paragraph", "heading", "caption", "image", "footer"]
"""What a block of the article is; see docs/design.md §1."""

MentionKind = Literal["name", "role", "code", "reference"]
"""How an entity is mentioned: a person by `name` or by `role` (a title-only reference);
a document by its full `code` or by a short back-`reference` ("Resolution No. 26")."""

BODY_KINDS: frozenset[str] = frozenset({"lead", "paragraph", "heading", "caption", "image"})
"""Block kinds of the article's body: sections, people and documents come from these."""


def iso_day(when: datetime | date | None) -> str | None:
    """The day of `when` as ISO YYYY-MM-DD (None for None): the one date format of the
    exports, the command line's tables and the library screen (docs/design.md §2)."""
    if when is None:
        return None
    return (when.date() if isinstance(when, datetime) else when).isoformat()


@dataclass(frozen=True, slots=True)
class Block:
    """One contiguous piece of the article: `text[start:end]` is the block."""

    kind: BlockKind
    start: int
    end: int

    def text(self, article_text: str) -> str:
        """The block's text, cut from the article's canonical text."""
        return article_text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Section:
    """The lead section (no heading) or a section opened by a heading block."""

    heading: Block | None
    blocks: tuple[Block, ...]
    title: str

    @property
    def start(self) -> int:
        """Offset of the section's first character (its heading, or first block)."""
        if self.heading is not None:
            return self.heading.start
        return self.blocks[0].start if self.blocks else 0

    @property
    def end(self) -> int:
        """Offset just past the section's last block."""
        if self.blocks:
            return self.blocks[-1].end
        return self.heading.end if self.heading is not None else 0


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a person or document: `text[start:end]`, and how it refers."""

    start: int
    end: int
    kind: MentionKind


@dataclass(frozen=True, slots=True)
class Person:
    """An official or other named person, merged across every form of the name."""

    key: str
    name: str
    roles: tuple[str, ...]
    mentions: tuple[Mention, ...]

    @property
    def name_mentions(self) -> tuple[Mention, ...]:
        """Mentions by any form of the name."""
        return tuple(m for m in self.mentions if m.kind == "name")

    @property
    def role_mentions(self) -> tuple[Mention, ...]:
        """Title-only mentions resolved to this person."""
        return tuple(m for m in self.mentions if m.kind == "role")


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A numbered Party or State document the article cites (Resolution No. 26-NQ/TW, ...)."""

    key: str
    code: str
    number: str
    type: str
    issuer: str | None
    date: date | None
    subject: str | None
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class EntityAt:
    """What a point of the text mentions: person (or document) number `index` of the article,
    by its mention number `mention`."""

    kind: Literal["person", "document"]
    index: int
    mention: int


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: metadata, blocks, sections, people and documents over `text`."""

    id: str
    path: Path | None
    title: str | None
    """The headline; None when the text has none (never the lead, never "")."""
    authors: tuple[str, ...]
    published: datetime | None
    source: str | None
    text: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    people: tuple[Person, ...]
    documents: tuple[DocumentRef, ...]
    url: str | None = None
    """The web address of an article read from a page (shown in the header, cited in exports);
    None for a text file."""
    entities_found: bool = True
    """False for an article parsed for its layout only (`parse(..., entities=False)`): its people
    and documents are still to be found (`find_entities`)."""
    _block_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_block_starts", tuple(b.start for b in self.blocks))

    def block_at(self, offset: int) -> Block | None:
        """The block holding `offset`, or None when the offset falls between blocks."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def section_at(self, offset: int) -> Section | None:
        """The section whose span holds `offset` (None for title, byline and footer)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None

    def entity_at(self, offset: int) -> EntityAt | None:
        """The person, else the document, mentioned at `offset` (a click on the text)."""
        for i, person in enumerate(self.people):
            for j, m in enumerate(person.mentions):
                if m.start <= offset < m.end:
                    return EntityAt("person", i, j)
        for i, doc in enumerate(self.documents):
            for j, m in enumerate(doc.mentions):
                if m.start <= offset < m.end:
                    return EntityAt("document", i, j)
        return None

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        """The blocks of the article's body, without title, byline and footer."""
        return tuple(b for b in self.blocks if b.kind in BODY_KINDS)
