"""The journal of an import under way (`<notes file>.journal`, see annotations/batch.py): which
notes it is adding to which per-article files. It exists only while an import that writes more
than one file runs; while it exists, the notes it names are not shown, and the next writer
takes them out again (a crash cut the import short). Its removal is the import's commit."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from annotations import schema
from annotations.encoding import parse_bytes
from annotations.errors import CorruptStoreError, StoreWriteError
from annotations.fileops import (
    fingerprint,
    fsync_dir,
    problem,
)
from annotations.layout import JOURNAL_SUFFIX, KEY_PATTERN
from annotations.watched_file import WatchedFile

ADDING = "adding"
"""The journal's table: file key -> {"ids": [annotation id, ...]}."""


class Journal(WatchedFile):
    """The journal file of one store, read again only when its status changed."""

    def __init__(self, db: Path) -> None:
        super().__init__(db.with_name(db.name + JOURNAL_SUFFIX))
        self._adding: dict[str, list[str]] = {}
        self._ids: frozenset[str] = frozenset()

    def adding(self) -> dict[str, list[str]]:
        """File key -> the ids being added to it (empty when no import is under way)."""
        st = self._stat()
        if st is not None and fingerprint(st) == self._fingerprint:
            return self._adding
        read = self._read_bytes() if st is not None else None
        if read is None:
            self._fingerprint, self._adding, self._ids = None, {}, frozenset()
            return self._adding
        st, raw = read
        self._adding = _checked(parse_bytes(raw, self.path), self.path)
        self._ids = frozenset(i for ids in self._adding.values() for i in ids)
        self._fingerprint = fingerprint(st)
        return self._adding

    def ids(self) -> frozenset[str]:
        """Every id an import under way is adding (one stat when there is none)."""
        self.adding()
        return self._ids

    def begin(self, adding: dict[str, list[str]]) -> None:
        """Write the journal, durably, before the first file of the import is written."""
        data: dict[str, Any] = {
            schema.META: {schema.SCHEMA_DOC: {"version": schema.SCHEMA_VERSION}},
            ADDING: {key: {"ids": ids} for key, ids in adding.items()},
        }
        self._replace(orjson.dumps(data))
        self.adding()

    def end(self) -> None:
        """Remove the journal, durably: the import is done (or taken out again)."""
        try:
            os.unlink(self.path)
            fsync_dir(self.path.parent)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreWriteError(self.path, f"cannot remove: {problem(exc)}") from None
        self._fingerprint, self._adding, self._ids = None, {}, frozenset()


def _checked(tables: schema.Tables, path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, doc in tables.get(ADDING, {}).items():
        ids = doc.get("ids")
        if (not KEY_PATTERN.fullmatch(key) or doc.keys() != {"ids"} or type(ids) is not list
                or not all(type(i) is str for i in ids)):
            raise CorruptStoreError(path, f"journal entry {key[:40]!r} is not a journal entry")
        out[key] = ids
    return out
