"""The annotations store: the notes file the user names (and, once it holds many notes, one
file per article beside it, see annotations/layout.py), safe against crashes (atomic, durable
writes), against two processes writing at once (a file lock around every read-modify-write, and
a fresh read whenever a file changed), and against a corrupt file (one clear error; the file is
never overwritten or repaired silently)."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from annotations import paths, schema
from annotations.batch import add_to_shards, recover
from annotations.clock import format_time, utc_now
from annotations.codec import to_record
from annotations.errors import UpdateConflict
from annotations.layout import SHARD_AT, remove_stale_temp_files, shard_key
from annotations.merge import merge
from annotations.model import Annotation, ArticleLike, ArticleRef
from annotations.note_file import NoteFile
from annotations.note_index import gc_paused
from annotations.sharding import move_catalogue_to_buckets, move_notes_to_shards
from annotations.storage import DurableStorage
from annotations.store_files import StoreFiles
from annotations.store_lock import StoreLock

JSONValue = Any
"""A value that orjson can serialise (settings are small UI state: theme name, last colour)."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process to finish its write before giving up."""


class Store:
    """Annotations, settings and reading positions kept in a notes file (and per-article files).

    Nothing touches the disk until the first change: creating a Store or reading from it never
    writes (a missing file reads as empty). Every change returns only once it is durable. Safe to
    use from several threads, and from several processes on the same file.
    """

    def __init__(self, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT,
                 prepare_next: bool = True) -> None:
        """A store on `path` (created on the first write). With `prepare_next`, the next version
        of a file is prepared in the background after each write, so that adding a note
        syncs only the bytes it adds (see `storage.NextVersion`)."""
        self.path = Path(path)
        self._real = Path(os.path.realpath(self.path))  # a symlinked file stays a symlink
        self._files = StoreFiles(self._real, prepare_next=prepare_next)
        self._lock = StoreLock(self._real, lock_timeout)
        self._mutex = threading.RLock()
        self._cleaned = False
        self.on_notice: Callable[[str], None] | None = None
        """Told once, in a sentence, when a write moved the notes into per-article files."""

    default_path = staticmethod(paths.default_path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # Reading ------------------------------------------------------------------------------

    def _sync(self) -> schema.Tables:
        return self._files.sync()

    @staticmethod
    def _get_all(source: NoteFile, ids: Iterable[str], pending: frozenset[str]
                 ) -> list[Annotation]:
        """These notes of a file, but none an import under way is adding (`pending`)."""
        with gc_paused():
            found = [source.get(i) for i in ids if i not in pending]
        return [a for a in found if a is not None]

    def settle(self, timeout: float | None = 10.0) -> bool:
        """Wait until the work a write starts in the background (preparing the next version
        of a file) has finished; True if it has. Nothing durable depends on it."""
        with self._mutex:
            return self._files.settle(timeout)

    def check(self) -> None:
        """Load and validate every file of the store; StoreError when one cannot be used.
        Never writes. (Opening an article checks only the files it reads: `check_notes_file`.)"""
        with self._mutex:
            self._files.all_sources()

    def check_notes_file(self) -> None:
        """Load and validate the notes file itself (settings, catalogue, and the notes it keeps);
        not the per-article files, each checked when its article is read."""
        with self._mutex:
            self._sync()
            self._files.catalogue.check()

    def get(self, annotation_id: str, *, article: ArticleRef | None = None) -> Annotation | None:
        """The annotation with this id, or None. With `article`, looked for only in the files
        that may hold notes of that article (never every file of the store)."""
        with self._mutex:
            hints = [article] if article is not None else []
            source = self._files.locate(annotation_id, hints, anywhere=article is None)
            if source is None or annotation_id in self._files.pending:
                return None
            return source.get(annotation_id)

    def all(self) -> list[Annotation]:
        """Every annotation, oldest first (reads every file of the store)."""
        with self._mutex, gc_paused():
            items = [a for notes, _ in self._files.listing() for a in notes.values()]
            pending = self._files.pending
            if pending:
                items = [a for a in items if a.id not in pending]
            items.sort(key=lambda a: (a.created, a.id))
        return items

    def __len__(self) -> int:
        with self._mutex, gc_paused():
            ids = [notes.keys() for notes, _ in self._files.listing()]
            pending = self._files.pending
            return sum(len(i - pending) if pending else len(i) for i in ids)

    def match_ids(self, prefix: str) -> list[str]:
        """The ids that start with `prefix` (for commands that accept a shortened id)."""
        with self._mutex, gc_paused():
            ids = {i for notes, _ in self._files.listing() for i in notes}
            ids -= self._files.pending
        if prefix in ids:
            return [prefix]
        return sorted(i for i in ids if i.startswith(prefix.lower()))

    def for_article(self, article: ArticleLike) -> list[Annotation]:
        """The annotations of `article`, in text order: those made on this exact text (same
        content hash), those made on this file (same resolved path, before an edit), and those
        made on a file of the same title that no longer exists (the article was moved). Reads
        only the files that may hold them."""
        ref = ArticleRef.of(article)
        with self._mutex:
            sources = self._files.sources_for(ref)
            pending = self._files.pending
            found = [a for s in sources for a in self._get_all(s, s.index.matching(ref), pending)]
        return sorted(found, key=lambda a: (a.target.start, a.target.end, a.created, a.id))

    # Changing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the thread mutex and the cross-process lock (creating the directory first)."""
        with self._mutex, self._lock.held():
            yield

    @contextlib.contextmanager
    def _writing(self) -> Iterator[StoreFiles]:
        """Locked, with the notes file freshly read (by content when it is the file written;
        see `_main_fresh`): the start of every read-modify-write. A file that cannot be used
        (a directory, corrupt, unreadable, read-only) is refused before the lock is taken, so
        bad input leaves no lock file."""
        files = self._files
        if self._real.parent.is_dir():  # else creating the directory fails, with its message
            with self._mutex:
                files.sync()
                files.catalogue.check()
                files.main.check_writable()
        with self._locked():
            if not self._cleaned:
                remove_stale_temp_files(self._real)
                self._cleaned = True
            files.sync()
            if not files.sharded:  # every write rewrites it: compared by content first
                files.main.fresh()
                files.sync()
            files.catalogue.check()  # never rewrite a notes file whose catalogue is bad
            files.main.check_writable()
            recover(files)  # an import a crash cut short is taken out first
            if files.sharded and files.catalogue.legacy:
                self._main_fresh(files)
                self._tell(move_catalogue_to_buckets(files),
                           "now keep their catalogue in small files beside it")
            yield files

    def _tell(self, backup: Path | None, what: str) -> None:
        if backup is not None and self.on_notice is not None:
            self.on_notice(f"The notes in {self._real} {what}; "
                           f"the file as it was is kept as {backup}")

    def _make_room(self, files: StoreFiles, adding: int) -> None:
        """Move the notes into per-article files when the notes file would hold too many."""
        if files.sharded or len(files.main.index.items) + adding < SHARD_AT:
            return
        self._tell(move_notes_to_shards(files), "are now kept in one file per article beside it")

    @staticmethod
    def _main_fresh(files: StoreFiles) -> None:
        """Before writing the notes file of a store of per-article files: make sure it is what
        the file holds by its content (an add to an article's file does not read it)."""
        if files.sharded:
            files.main.fresh()
            files.sync()
            files.catalogue.check()

    @staticmethod
    def _list_in_catalogue(files: StoreFiles, key: str, refs: set[ArticleRef]) -> None:
        """Make the catalogue's buckets list `key` for these references (written first, so a
        note is never in a file the catalogue does not point to)."""
        files.buckets.add({key: refs})

    def _shard_for_writing(self, files: StoreFiles, key: str) -> NoteFile:
        shard = files.shard(key)
        shard.fresh()
        shard.check_writable()
        return shard

    def add(self, a: Annotation) -> Annotation:
        """Store a new annotation; returns it once the write is durable. ValueError when an
        annotation with the same id exists (in the notes file or its article's file)."""
        with self._writing() as files:
            self._make_room(files, 1)
            target = files.main
            if files.sharded:
                key = shard_key(a.article)
                self._list_in_catalogue(files, key, {a.article})
                target = self._shard_for_writing(files, key)
            if a.id in target.index.items or a.id in files.main.index.items:
                raise ValueError(f"an annotation with id {a.id} already exists")
            target.annotations().append(a.id, to_record(a))
            target.index.add(a)
        return a

    def add_many(self, items: Iterable[Annotation], *, imported: bool = False
                 ) -> tuple[list[Annotation], list[Annotation]]:
        """Store the annotations whose ids are not stored yet (one durable write per file).
        Returns (added, skipped): importing the same annotations twice adds nothing the second
        time. With `imported`, they are marked as coming from an import file (`imported_ids`)."""
        with self._writing() as files:
            with gc_paused():
                present = {i for notes, _ in files.listing() for i in notes}
            added: dict[str, Annotation] = {}
            skipped: list[Annotation] = []
            for a in items:
                if a.id in present or a.id in added:
                    skipped.append(a)
                else:
                    added[a.id] = a
            if added:
                self._make_room(files, len(added))
                stamp = {"at": format_time(utc_now())} if imported else None
                if files.sharded:  # all or nothing across files (annotations/batch.py)
                    groups: dict[str, dict[str, Annotation]] = {}
                    for a in added.values():
                        groups.setdefault(shard_key(a.article), {})[a.id] = a
                    add_to_shards(files, groups, stamp,
                                  lambda key: self._shard_for_writing(files, key))
                else:
                    marks = (schema.IMPORTED, {i: dict(stamp) for i in added}) if stamp else None
                    files.main.annotations().put_many(
                        {i: to_record(a) for i, a in added.items()}, also=marks)
                    for a in added.values():
                        files.main.index.add(a)
        return list(added.values()), skipped

    def _source_for_writing(self, files: StoreFiles, annotation_id: str,
                            hints: list[ArticleRef]) -> NoteFile | None:
        source = files.locate(annotation_id, hints)
        if source is files.main and files.sharded:
            self._main_fresh(files)
            if annotation_id not in files.main.index.items:
                return None
        if source is not None and source is not files.main:
            source.fresh()
            source.check_writable()
            if annotation_id not in source.index.items:  # removed just now elsewhere
                return None
        return source

    def update(self, a: Annotation, *, base: Annotation | None = None) -> Annotation:
        """Replace the stored annotation with the same id (durably); returns what was written.
        KeyError when there is none (another window may have deleted it).

        With `base` (the version the caller's edit started from) the change is checked against
        what the file holds now: when that is not `base` any more, the two edits are merged
        field by field (`merge.merge`); UpdateConflict when they changed the same field
        differently, or when the annotation was deleted elsewhere (`theirs` is None)."""
        with self._writing() as files:
            hints = [a.article] + ([base.article] if base is not None else [])
            source = self._source_for_writing(files, a.id, hints)
            if source is None:
                if base is not None:
                    raise UpdateConflict(a, None)
                raise KeyError(a.id)
            if base is not None:
                theirs = source.get(a.id)
                if theirs is not None and theirs != base:
                    merged = merge(base, a, theirs)
                    if merged is None:
                        raise UpdateConflict(a, theirs)
                    a = merged
            key = files.key_of(source)
            if key is not None:
                self._list_in_catalogue(files, key, {a.article})
            source.annotations().put(a.id, to_record(a))
            source.index.add(a)
        return a

    def remove(self, annotation_id: str, *, base: Annotation | None = None) -> bool:
        """Delete an annotation (durably); False when there was none with this id. With
        `base` (the version the caller saw), UpdateConflict when it was changed elsewhere since
        (`mine` is `base`, `theirs` what the file holds): nothing is deleted then."""
        with self._writing() as files:
            hints = [base.article] if base is not None else []
            source = self._source_for_writing(files, annotation_id, hints)
            if source is None:
                return False
            if base is not None:
                theirs = source.get(annotation_id)
                if theirs is not None and theirs != base:
                    raise UpdateConflict(base, theirs)
            source.annotations().delete(annotation_id)
            source.index.discard(annotation_id)
        return True

    def imported_ids(self) -> frozenset[str]:
        """The ids of the annotations that came from an import file (their article paths are
        someone else's: an export never opens them)."""
        with self._mutex, gc_paused():  # each file keeps its own notes' marks
            marked = {i for _, marks in self._files.listing() for i in marks}
            return frozenset(marked - self._files.pending)

    def changed_on_disk(self) -> bool:
        """A cheap hint (a stat of the notes file and of each per-article file read here, no
        read) that another process added, changed or removed something since this store last
        read or wrote. The next read (`for_article`, `get`, `all`) then reads the fresh data."""
        with self._mutex:
            return self._files.changed_on_disk()

    # Settings and reading positions ---------------------------------------------------------

    def _doc(self, table: str, key: str) -> dict[str, Any] | None:
        with self._mutex:
            doc = self._sync().get(table, {}).get(key)
            return orjson.loads(orjson.dumps(doc)) if doc is not None else None

    def get_setting(self, key: str, default: JSONValue = None) -> JSONValue:
        """A small piece of UI state (theme name, last colour), or `default`."""
        doc = self._doc(schema.SETTINGS, key)
        return doc["value"] if doc is not None and "value" in doc else default

    def set_setting(self, key: str, value: JSONValue) -> None:
        """Keep a setting (durably; nothing is written when the value is unchanged)."""
        _check_key(key)
        try:
            value = orjson.loads(orjson.dumps(value))
        except TypeError as exc:
            raise ValueError(f"setting {key!r}: not a JSON value ({exc})") from None
        with self._writing() as files:
            self._main_fresh(files)
            if self._doc(schema.SETTINGS, key) == {"value": value}:
                return
            files.main.tables[schema.SETTINGS].put(key, {"value": value})

    def get_position(self, article_key: str) -> int | None:
        """The reading position (an offset into the canonical text) kept for an article, or
        None (also when the stored value is not a valid offset: it is only UI state)."""
        doc = self._doc(schema.POSITIONS, article_key)
        offset = doc.get("offset") if doc is not None else None
        return offset if type(offset) is int and offset >= 0 else None

    def set_position(self, article_key: str, offset: int) -> None:
        """Keep the reading position of an article (durably, so call it when the reader leaves
        an article or pauses, not on every scroll step; nothing is written when unchanged)."""
        _check_key(article_key)
        if type(offset) is not int or offset < 0:
            raise ValueError(f"position {offset!r} is not an offset (an integer >= 0)")
        with self._writing() as files:
            self._main_fresh(files)
            if self.get_position(article_key) == offset:
                return
            files.main.tables[schema.POSITIONS].put(
                article_key, {"offset": offset, "updated": format_time(utc_now())}
            )


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key or len(key) > 4096:
        raise ValueError(f"{key!r} is not a key (a non-empty string)")


resolve_db_path = paths.resolve_db_path
default_path = paths.default_path

__all__ = [
    "DurableStorage",
    "JSONValue",
    "Store",
    "default_path",
    "resolve_db_path",
]
