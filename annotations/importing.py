"""Annotations in: our JSON export (or a whole annotations file) and W3C Web Annotation JSON.
Everything is validated before anything is returned, so a bad file adds nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import orjson

from annotations import schema, w3c
from annotations.codec import describe, from_record
from annotations.errors import AnnotationError, ImportFileError, StoreError
from annotations.exporting import JSON_FORMAT_NAME
from annotations.model import Annotation
from annotations.source_offsets import SourceLookup, named_sources
from articles.sources.regular_file import FileTooLarge, NotRegularFile, read_regular

MAX_IMPORT_BYTES = 256 * 1024 * 1024


def read_file(path: Path | str, *, article_files: Iterable[Path | str] = ()
              ) -> list[Annotation]:
    """The annotations in an export file; ImportFileError naming the file and the problem.
    A W3C TextPositionSelector is converted with the text of one of `article_files` (the
    articles the user named) when its `target.source` is that file; no other file an import
    names is ever opened (without the file, the quote re-anchors the note)."""
    p = Path(path)
    try:
        raw = read_regular(p, MAX_IMPORT_BYTES)
    except NotRegularFile as exc:
        raise ImportFileError(p, f"{exc.strerror}, not an export file") from None
    except FileTooLarge:
        raise ImportFileError(p, f"too large to import (over {MAX_IMPORT_BYTES:,} bytes)") from None
    except FileNotFoundError:
        raise ImportFileError(p, "no such file") from None
    except PermissionError:
        raise ImportFileError(p, "permission denied") from None
    except OSError as exc:
        raise ImportFileError(p, exc.strerror or str(exc)) from None
    return parse(raw, p, sources=named_sources(article_files))


def parse(raw: bytes, path: Path | str = "<input>", *, sources: SourceLookup | None = None
          ) -> list[Annotation]:
    """The annotations in the bytes of an export file (ours, a whole annotations file, or W3C).
    `sources` finds the text a W3C TextPositionSelector indexes (see `w3c.from_w3c`)."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ImportFileError(path, f"not valid JSON ({exc})") from None
    try:
        items: list[Annotation] | None = None
        if isinstance(data, Mapping) and data.get("format") == JSON_FORMAT_NAME:
            items = _ours(data, Path(path))
        elif isinstance(data, Mapping) and schema.META in data and schema.ANNOTATIONS in data:
            tables = schema.migrate(schema.check_shape(data, Path(path)), Path(path))
            items = _records(list(tables[schema.ANNOTATIONS].values()))
        elif w3c.is_w3c(data):
            items = w3c.from_w3c(data, sources)
        if items is not None:
            check_unique(items)
            return items
    except (AnnotationError, StoreError) as exc:
        problem = exc.problem if isinstance(exc, StoreError) else str(exc)
        raise ImportFileError(path, problem) from None
    raise ImportFileError(
        path, "not annotations: neither a reader JSON export nor W3C Web Annotation JSON"
    )


def _ours(data: Mapping[str, object], path: Path) -> list[Annotation]:
    version = data.get("schema")
    if type(version) is not int or version < 1:
        raise AnnotationError(f"schema version {version!r} is not a positive integer")
    records = data.get("annotations")
    if not isinstance(records, list):
        raise AnnotationError("'annotations' must be a list")
    if version != schema.SCHEMA_VERSION:
        tables = {
            schema.META: {schema.SCHEMA_DOC: {"version": version}},
            schema.ANNOTATIONS: {str(i): r for i, r in enumerate(records)},
        }
        migrated = schema.migrate(schema.check_shape(tables, path), path)
        records = list(migrated[schema.ANNOTATIONS].values())
    return _records(records)


def _records(records: Sequence[object]) -> list[Annotation]:
    out = []
    for n, record in enumerate(records, 1):
        try:
            out.append(from_record(record))
        except AnnotationError as exc:
            raise AnnotationError(f"record {n} ({describe(record)}): {exc}") from None
    return out


def check_unique(items: Sequence[Annotation]) -> None:
    """AnnotationError when two annotations of one file share an id (a duplicate)."""
    seen: dict[str, int] = {}
    for n, a in enumerate(items, 1):
        first = seen.setdefault(a.id, n)
        if first != n:
            raise AnnotationError(
                f"annotation {n} is a duplicate: its id {a.id} is also annotation {first}'s"
            )
