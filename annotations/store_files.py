"""The files of one store, as one process sees them: the notes file (settings, positions, the
layout, and the notes it keeps itself), the catalogue's buckets and the per-article files read
so far, and the journal of an import under way. Only the files an operation needs are read
(see annotations/layout.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from annotations import schema
from annotations.buckets import Buckets
from annotations.catalogue import Catalogue
from annotations.journal import Journal
from annotations.layout import SHARDS, shard_key, shard_path
from annotations.listing import Listed, changed, read_listed
from annotations.model import Annotation, ArticleRef
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
        self.listed: dict[str, Listed] = {}
        """Files read only to list their notes (annotations/listing.py), by key."""
        self.buckets = Buckets(real)
        self.journal = Journal(real)
        self.catalogue = Catalogue()
        self._catalogue_generation = -1
        self.sharded = False

    @property
    def pending(self) -> frozenset[str]:
        """The ids an import under way (or cut short) is adding: not shown until it is done."""
        return self.journal.ids()

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
                                                prepare_next=self.prepare_next,
                                                tables=(schema.IMPORTED,))
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

    def keys_for(self, ref: ArticleRef) -> set[str]:
        """The keys of the files that may hold notes of this article (the store is sharded)."""
        keys = self.catalogue.keys_for(ref)
        if self.catalogue.bucketed:
            keys |= self.buckets.keys_for(ref)
        return keys

    def all_keys(self) -> set[str]:
        """The keys of every per-article file the catalogue names."""
        keys = set(self.catalogue.refs)
        if self.catalogue.bucketed:
            keys |= self.buckets.all_keys()
        return keys

    def sources_for(self, ref: ArticleRef) -> list[NoteFile]:
        """The files that may hold notes of this article, read."""
        self.sync()
        if not self.sharded:
            return [self.main]
        return [self.main, *self._synced(self.keys_for(ref))]

    def all_sources(self) -> list[NoteFile]:
        """Every file of the store, read (listing every note reads them all)."""
        self.sync()
        if not self.sharded:
            return [self.main]
        return [self.main, *self._synced(self.all_keys())]

    def listing(self) -> Iterator[tuple[dict[str, Annotation], frozenset[str]]]:
        """(notes by id, ids marked imported) of the notes file, then of every per-article
        file: those read here already from their index, the others read only to list them."""
        tables = self.sync()
        main = self.main.index
        yield ({i: a for i in main.items if (a := self.main.get(i)) is not None},
               frozenset(tables.get(schema.IMPORTED, {})))
        if not self.sharded:
            return
        for key in sorted(self.all_keys()):
            shard = self.shards.get(key)
            if shard is not None:
                marks = frozenset((shard.sync() or {}).get(schema.IMPORTED, {}))
                yield {i: a for i in shard.index.items if (a := shard.get(i)) is not None}, marks
                continue
            listed = self.listed[key] = read_listed(shard_path(self.db, key),
                                                    self.listed.get(key))
            yield listed.notes, listed.marks

    def locate(self, annotation_id: str, hints: Iterable[ArticleRef] = (), *,
               anywhere: bool = True) -> NoteFile | None:
        """The file that holds this annotation, or None: the notes file, then the files of
        the hinted articles, then (unless not `anywhere`) the files read already, then every
        other."""
        self.sync()
        if annotation_id in self.main.index.items or not self.sharded:
            return self.main if annotation_id in self.main.index.items else None
        seen: set[str] = set()

        def candidates() -> Iterator[str]:
            for ref in hints:
                yield from sorted(self.keys_for(ref) | {shard_key(ref)})
            if not anywhere:
                return
            yield from sorted(self.shards)
            for key in sorted(self.all_keys()):  # when nothing read so far holds it
                if key not in self.shards:
                    listed = self.listed[key] = read_listed(shard_path(self.db, key),
                                                            self.listed.get(key))
                    if annotation_id in listed.notes:
                        yield key  # opened (to be written, or read) only if it holds it

        for key in candidates():
            if key in seen:
                continue
            seen.add(key)
            shard = self.shard(key)
            shard.sync()
            if annotation_id in shard.index.items:
                return shard
        return None

    def changed_on_disk(self) -> bool:
        """Whether the notes file, a bucket or a per-article file read here, or the journal
        of an import changed (one stat each)."""
        return (self.main.changed_on_disk() or self.journal.changed_on_disk()
                or self.buckets.changed_on_disk()
                or any(s.changed_on_disk() for s in self.shards.values())
                or any(changed(shard_path(self.db, k), listed)
                       for k, listed in self.listed.items() if k not in self.shards))

    def settle(self, timeout: float | None) -> bool:
        """Wait for the prepared next versions of every file written here."""
        files = [self.main, *self.shards.values()]
        return all([f.storage.wait_for_next(timeout) for f in files])
