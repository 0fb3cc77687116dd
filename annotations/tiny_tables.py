"""TinyDB tables whose document ids are strings (annotation UUIDs, setting names), written
through a `DurableStorage` in one read-modify-write each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Table

from annotations.codec import Record
from annotations.storage import DurableStorage


class StringTable(Table):
    """A TinyDB table whose document ids are strings (annotation UUIDs, setting names)."""

    document_id_class = str  # type: ignore[assignment]

    def _update_table(self, updater: Any) -> None:
        # TinyDB's own version converts every id to document_id_class and back on each write
        # (two passes over 10,000 documents); our ids are strings already, so update in place.
        # On any failure the storage forgets its cache, so the next read sees the file again.
        storage = cast(DurableStorage, self._storage)
        try:
            tables = storage.read() or {}
            updater(tables.setdefault(self.name, {}))
            storage.write(tables)
        except BaseException:
            storage.invalidate()
            raise
        self.clear_cache()

    def put(self, doc_id: str, doc: Record) -> None:
        """Insert or replace one document."""
        self._update_table(lambda table: table.__setitem__(doc_id, doc))

    def append(self, doc_id: str, doc: Record) -> None:
        """Insert a document whose id is new: the storage then only serialises this one."""

        def updater(table: dict[str, Record]) -> None:
            if doc_id in table:
                raise ValueError(f"document {doc_id!r} already exists")
            table[doc_id] = doc

        cast(DurableStorage, self._storage).append_hint = (self.name, doc_id)
        self._update_table(updater)

    def put_many(self, docs: dict[str, Record], also: tuple[str, dict[str, Record]] | None = None
                 ) -> None:
        """Insert or replace several documents in one write; with `also` (another table's
        name and documents), those too, in the same write."""
        if also is None:
            self._update_table(lambda table: table.update(docs))
            return
        storage = cast(DurableStorage, self._storage)
        try:
            tables = storage.read() or {}
            tables.setdefault(self.name, {}).update(docs)
            tables.setdefault(also[0], {}).update(also[1])
            storage.write(tables)
        except BaseException:
            storage.invalidate()
            raise
        self.clear_cache()

    def delete(self, doc_id: str) -> None:
        """Remove one document (which must exist)."""
        self._update_table(lambda table: table.pop(doc_id))

    def rewrite(self, change: Callable[[dict[str, dict[str, Record]]], None]) -> None:
        """Change any of the file's tables (`change` gets them all) in one durable write."""
        storage = cast(DurableStorage, self._storage)
        try:
            tables = storage.read() or {}
            change(tables)
            storage.write(tables)
        except BaseException:
            storage.invalidate()
            raise
        self.clear_cache()


class StringTinyDB(TinyDB):
    """A TinyDB whose tables are `StringTable`s."""

    table_class = StringTable
