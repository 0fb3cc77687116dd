"""The files of one store, as one process sees them: the notes file (settings, positions, import
marks, the catalogue, and the notes it keeps itself) and the per-article files read so far.
Only the files an operation needs are read (see annotations/layout.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotations import schema
from annotations.catalogue import Catalogue
from annotations.layout import SHARDS, shard_key, shard_path
from annotations.model import ArticleRef
from annotations.note_file import NoteFile

PREPARE_FROM_BYTES = 256 << 10
"""An article's file is prepared for the next add only from this size (a few hundred notes):
below it, writing it whole costs less than an add waiting for the prepared version."""


class StoreFiles:
    """The notes file and the per-article files of a store. Not thread-safe: the store holds
    its mutex around every use."""

    def __init__(self, real: Path, *, prepare_next: bool) -> None:
        self.db = real
        self.prepare_next = prepare_next
        self.main = NoteFile(real, prepare_next=prepare_next,
                             tables=(schema.SETTINGS, schema.POSITIONS, schema.IMPORTED, SHARDS))
        self.shards: dict[str, NoteFile] = {}
        self.catalogue = Catalogue()
        self._catalogue_generation = -1
        self.sharded = False

    def sync(self) -> schema.Tables:
        """The notes file's tables (re-read only when it changed), and its catalogue."""
        tables = self.main.sync() or {}
        generation = self.main.storage.generation
        if generation != self._catalogue_generation:
            self.catalogue = Catalogue(tables.get(SHARDS), self.db)
            self._catalogue_generation = generation
        self.sharded = SHARDS in tables
        # A notes file that only holds the catalogue is rarely written: no prepared version.
        self.main.storage.prepare_next = self.prepare_next and not self.sharded
        return tables

    def catalogue_written(self) -> None:
        """This process changed the catalogue: read it again from the written tables."""
        self._catalogue_generation = -1
        self.sync()

    def shard(self, key: str) -> NoteFile:
        """The per-article file of `key` (opened, not read)."""
        found = self.shards.get(key)
        if found is None:
            found = self.shards[key] = NoteFile(shard_path(self.db, key),
                                                prepare_next=self.prepare_next)
            found.storage.prepare_from_bytes = PREPARE_FROM_BYTES
        return found

    def key_of(self, note_file: NoteFile) -> str | None:
        """The key of a per-article file (None for the notes file)."""
        return next((k for k, f in self.shards.items() if f is note_file), None)

    def _synced(self, keys: Iterable[str]) -> list[NoteFile]:
        out = []
        for key in sorted(keys):
            shard = self.shard(key)
            shard.sync()
            out.append(shard)
        return out

    def sources_for(self, ref: ArticleRef) -> list[NoteFile]:
        """The files that may hold notes of this article, read."""
        self.sync()
        if not self.sharded:
            return [self.main]
        return [self.main, *self._synced(self.catalogue.keys_for(ref))]

    def all_sources(self) -> list[NoteFile]:
        """Every file of the store, read (listing every note reads them all)."""
        self.sync()
        return [self.main, *self._synced(self.catalogue.refs)]

    def locate(self, annotation_id: str, hints: Iterable[ArticleRef] = ()) -> NoteFile | None:
        """The file that holds this annotation, or None: the notes file, then the files of
        the hinted articles, then the files read already, then every other."""
        self.sync()
        if annotation_id in self.main.index.items or not self.sharded:
            return self.main if annotation_id in self.main.index.items else None
        keys: list[str] = []
        for ref in hints:
            keys += sorted(self.catalogue.keys_for(ref) | {shard_key(ref)})
        keys += sorted(self.shards) + sorted(self.catalogue.refs)
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                continue
            seen.add(key)
            shard = self.shard(key)
            shard.sync()
            if annotation_id in shard.index.items:
                return shard
        return None

    def changed_on_disk(self) -> bool:
        """Whether the notes file or a per-article file read here changed (one stat each)."""
        return self.main.changed_on_disk() or any(
            s.changed_on_disk() for s in self.shards.values()
        )

    def settle(self, timeout: float | None) -> bool:
        """Wait for the prepared next versions of every file written here."""
        files = [self.main, *self.shards.values()]
        return all([f.storage.wait_for_next(timeout) for f in files])
