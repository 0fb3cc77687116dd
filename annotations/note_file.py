"""One TinyDB file of a store (the notes file, or a per-article file) with the index of the
annotations it holds, read again (and validated again) only when the file changed."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import cast

from annotations import schema
from annotations.errors import AnnotationError, CorruptStoreError, StoreReadOnly
from annotations.model import Annotation
from annotations.note_index import NoteIndex, gc_paused
from annotations.storage import DurableStorage
from annotations.tiny_tables import StringTable, StringTinyDB


class NoteFile:
    """A durable TinyDB file and the index of its `annotations` table."""

    def __init__(self, path: Path, *, prepare_next: bool, tables: tuple[str, ...] = ()) -> None:
        self.path = path
        self.storage = DurableStorage(path)
        self.storage.prepare_next = prepare_next
        self._db = StringTinyDB(storage=lambda: self.storage)
        self.tables: dict[str, StringTable] = {
            name: cast(StringTable, self._db.table(name, cache_size=0))
            for name in (schema.ANNOTATIONS, *tables)
        }
        self.index = NoteIndex()
        self._seen_generation = -1

    def sync(self) -> schema.Tables | None:
        """The file's tables, re-read (and the index rebuilt) only when the file changed."""
        with gc_paused():
            tables = self.storage.read()
            if self.storage.generation != self._seen_generation:
                self.index = NoteIndex.of(tables, self.path)
                self._seen_generation = self.storage.generation
        return tables

    def fresh(self) -> schema.Tables | None:
        """Under the lock, before a write: the tables as the file holds them by content."""
        self.storage.verify()
        return self.sync()

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id in this file (as last synced), or None."""
        try:
            return self.index.get(annotation_id)
        except AnnotationError as exc:
            raise CorruptStoreError(self.path, f"annotation {annotation_id!r}: {exc}") from None

    def annotations(self) -> StringTable:
        """The `annotations` table, to write through."""
        return self.tables[schema.ANNOTATIONS]

    def check_writable(self) -> None:
        """StoreReadOnly when the file exists and its owner may not write it."""
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            return  # missing: it is created (other problems surface when writing)
        if not mode & stat.S_IWUSR:
            raise StoreReadOnly(
                self.path,
                f"is read-only (mode {stat.S_IMODE(mode):04o}); nothing was written "
                "(make it writable, e.g. chmod u+w, to change it)",
            )

    def changed_on_disk(self) -> bool:
        """One stat: whether the file changed since it was last read or written here."""
        return self.storage.changed_on_disk()
