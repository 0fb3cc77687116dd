"""The bytes of a notes file: parsing them (with a one-line problem for a bad file) and
serialising the tables, including appending one document without serialising the others."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from annotations import schema
from annotations.errors import CorruptStoreError


def parse_bytes(raw: bytes, path: Path) -> schema.Tables:
    """The tables in a file's bytes, migrated to the current schema; CorruptStoreError (or
    StoreVersionError) naming the problem."""
    if not raw:
        raise CorruptStoreError(
            path, "the file is empty (0 bytes): truncated, or not an annotations file"
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if _looks_truncated(raw, exc):
            raise CorruptStoreError(path, f"truncated JSON ({len(raw):,} bytes; {exc})") from None
        raise CorruptStoreError(path, f"not valid JSON ({exc})") from None
    return schema.migrate(schema.check_shape(data, path), path)


def _looks_truncated(raw: bytes, exc: orjson.JSONDecodeError) -> bool:
    """JSON that was cut short: the parser ran out of data, or it does not end as it began."""
    if "end of data" in str(exc) or exc.pos >= len(raw.rstrip()):
        return True
    head, tail = raw.lstrip()[:1], raw.rstrip()[-1:]
    return head in (b"{", b"[") and tail not in (b"}", b"]")


@dataclass(slots=True)
class Encoded:
    """The bytes of the whole file, and where each table's object sits in them. Appending
    changes the buffer in place (the annotations table ends near the end of the file, so an
    insertion moves only a few bytes); a storage drops it when a write fails."""

    payload: bytearray
    spans: dict[str, tuple[int, int]]
    """Table name -> (start, end): `payload[start:end]` is the table's JSON object."""


def encode(data: schema.Tables) -> Encoded:
    """Serialise the tables (in order) exactly as `orjson.dumps(data)` would."""
    payload = bytearray(b"{")
    spans: dict[str, tuple[int, int]] = {}
    for i, (name, table) in enumerate(data.items()):
        payload += (b"," if i else b"") + orjson.dumps(name) + b":"
        start = len(payload)
        payload += orjson.dumps(table)
        spans[name] = (start, len(payload))
    payload += b"}"
    return Encoded(payload, spans)


def encode_append(encoded: Encoded, table: str, doc_id: str, doc: object) -> Encoded | None:
    """`encoded` with one document appended at the end of one table: the same bytes as
    encoding the whole data again, without serialising every other document. Changes
    `encoded` in place and returns it; None (and no change) when the table is not in it."""
    span = encoded.spans.get(table)
    if span is None:
        return None
    start, end = span
    piece = (b"," if end - start > 2 else b"") + orjson.dumps(doc_id) + b":" + orjson.dumps(doc)
    at = end - 1  # just before the table's closing brace
    encoded.payload[at:at] = piece
    grow = len(piece)
    encoded.spans = {
        name: (s + grow if s > at else s, e + grow if e > at else e)
        for name, (s, e) in encoded.spans.items()
    }
    return encoded
