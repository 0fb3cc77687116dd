"""Reading every per-article file of a store to list all its notes (`notes list`, an export of
everything, the library's Notes tab, an id looked up without its article), as cheaply as that
can be: each file is read, validated in bulk and turned into annotations once, with no index
and no TinyDB tables kept, and kept by the file's status, so listing again reads only the files
that changed. (Opening one article never lists: it reads only its own files, store_files.py.)"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from annotations import schema
from annotations.bulkcheck import annotations_of
from annotations.encoding import parse_bytes
from annotations.errors import AnnotationError, CorruptStoreError, StoreReadError
from annotations.fileops import MAX_FILE_BYTES, Fingerprint, fingerprint, problem
from annotations.model import Annotation
from annotations.watched_file import stat_or_none
from articles.sources.regular_file import open_regular, read_at_most


@dataclass(frozen=True, slots=True)
class Listed:
    """The notes of one file as last read, and the ids it marks as imported."""

    fingerprint: Fingerprint | None
    notes: dict[str, Annotation]
    marks: frozenset[str]


EMPTY = Listed(None, {}, frozenset())


def read_listed(path: Path, before: Listed | None) -> Listed:
    """The notes of the file at `path` (`before` when its status is unchanged)."""
    st = stat_or_none(path)
    if st is None:
        return EMPTY
    if before is not None and before.fingerprint == fingerprint(st):
        return before
    try:
        with open_regular(path) as f:
            st = os.fstat(f.fileno())
            raw = read_at_most(f, MAX_FILE_BYTES)
    except FileNotFoundError:
        return EMPTY
    except OSError as exc:
        raise StoreReadError(path, problem(exc)) from None
    tables = parse_bytes(raw, path)
    records = tables.get(schema.ANNOTATIONS, {})
    try:
        notes = annotations_of(records)
    except AnnotationError as exc:
        raise CorruptStoreError(path, str(exc)) from None
    return Listed(fingerprint(st), notes, frozenset(tables.get(schema.IMPORTED, {})))


def changed(path: Path, listed: Listed) -> bool:
    """One stat: whether the file changed since it was listed."""
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    return (fingerprint(st) if st is not None else None) != listed.fingerprint
