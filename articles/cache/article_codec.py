"""A compact JSON form of a parsed article without its text (offsets only), for the article
cache: `encode` and `decode` are exact inverses for any article whose entities were found."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, cast, get_args

from articles.model import (
    Article,
    Block,
    BlockKind,
    DocumentRef,
    Mention,
    MentionKind,
    Person,
    Section,
)

FORMAT = 2
"""The version of the encoded form; a cache keeps each version apart."""

_BLOCK_KINDS = frozenset(get_args(BlockKind))
_MENTION_KINDS = frozenset(get_args(MentionKind))


class CodecError(ValueError):
    """An encoded article that cannot be decoded (damaged, or for another text)."""


def encode(article: Article) -> dict[str, Any]:
    """The article without its text, as JSON-ready lists and strings."""
    index = {id(block): i for i, block in enumerate(article.blocks)}
    return {
        "format": FORMAT,
        "id": article.id,
        "length": len(article.text),
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "blocks": [[b.kind, b.start, b.end] for b in article.blocks],
        "sections": [
            [index[id(s.heading)] if s.heading is not None else None,
             [index[id(b)] for b in s.blocks], s.title]
            for s in article.sections
        ],
        "people": [[p.key, p.name, list(p.roles), _mentions(p.mentions)] for p in article.people],
        "documents": [
            [d.key, d.code, d.number, d.type, d.issuer, d.date.isoformat() if d.date else None,
             d.subject, _mentions(d.mentions)]
            for d in article.documents
        ],
    }


def decode(data: object, text: str, path: Path | None) -> Article:
    """The article `encode` gave, over `text` (its canonical text); CodecError when `data` is
    damaged or was made for another text."""
    try:
        return _decode(cast(dict[str, Any], data), text, path)
    except CodecError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise CodecError(f"damaged entry: {type(exc).__name__}: {exc}") from None


def _mentions(mentions: tuple[Mention, ...]) -> list[list[object]]:
    return [[m.start, m.end, m.kind] for m in mentions]


def _span(start: object, end: object, length: int) -> tuple[int, int]:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length):
        raise CodecError(f"offsets {start!r}..{end!r} outside the text")
    return start, end


def _decode_mentions(items: list[list[Any]], length: int) -> tuple[Mention, ...]:
    mentions = []
    for start, end, kind in items:
        if kind not in _MENTION_KINDS:
            raise CodecError(f"unknown mention kind {kind!r}")
        mentions.append(Mention(*_span(start, end, length), kind))
    return tuple(mentions)


def _optional_str(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise CodecError(f"expected a string, got {value!r}")
    return value


def _decode(data: dict[str, Any], text: str, path: Path | None) -> Article:
    if data["format"] != FORMAT:
        raise CodecError(f"format {data['format']!r}, not {FORMAT}")
    length = len(text)
    if data["length"] != length:
        raise CodecError("made for a text of another length")
    blocks = []
    for kind, start, end in data["blocks"]:
        if kind not in _BLOCK_KINDS:
            raise CodecError(f"unknown block kind {kind!r}")
        blocks.append(Block(kind, *_span(start, end, length)))
    sections = tuple(
        Section(blocks[heading] if heading is not None else None,
                tuple(blocks[i] for i in members), str(title))
        for heading, members, title in data["sections"]
    )
    people = tuple(
        Person(str(key), str(name), tuple(str(r) for r in roles),
               _decode_mentions(mentions, length))
        for key, name, roles, mentions in data["people"]
    )
    documents = tuple(
        DocumentRef(str(key), str(code), str(number), str(kind), _optional_str(issuer),
                    date.fromisoformat(day) if day is not None else None,
                    _optional_str(subject), _decode_mentions(mentions, length))
        for key, code, number, kind, issuer, day, subject, mentions in data["documents"]
    )
    published = data["published"]
    return Article(
        id=str(data["id"]),
        path=path,
        title=_optional_str(data["title"]) or None,
        authors=tuple(str(a) for a in data["authors"]),
        published=datetime.fromisoformat(published) if published is not None else None,
        source=_optional_str(data["source"]),
        url=_optional_str(data.get("url")),
        text=text,
        blocks=tuple(blocks),
        sections=sections,
        people=people,
        documents=documents,
        entities_found=True,
    )
