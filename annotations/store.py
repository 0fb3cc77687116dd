"""The annotations store: one TinyDB file of annotations, settings and reading positions, safe
against crashes (atomic, durable writes), against two processes writing at once (a file lock
around every read-modify-write, and a fresh read whenever the file changed), and against a
corrupt file (one clear error; the file is never overwritten or repaired silently)."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import orjson

from annotations import paths, schema
from annotations.clock import format_time, utc_now
from annotations.codec import to_record
from annotations.errors import (
    AnnotationError,
    CorruptStoreError,
    StoreLockTimeout,
    StoreReadOnly,
    StoreWriteError,
    UpdateConflict,
)
from annotations.merge import merge
from annotations.model import Annotation, ArticleLike, ArticleRef
from annotations.note_index import NoteIndex, gc_paused, moved_away
from annotations.set_aside import move_aside
from annotations.storage import DurableStorage, make_private_dirs
from annotations.tiny_tables import StringTable, StringTinyDB

if TYPE_CHECKING:
    import filelock

JSONValue = Any
"""A value that orjson can serialise (settings are small UI state: theme name, last colour)."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process to finish its write before giving up."""


class Store:
    """Annotations, settings and reading positions kept in one TinyDB file.

    Nothing touches the disk until the first change: creating a Store or reading from it never
    writes (a missing file reads as empty). Every change returns only once it is durable. Safe to
    use from several threads, and from several processes on the same file.
    """

    def __init__(self, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT,
                 prepare_next: bool = True) -> None:
        """A store on `path` (created on the first write). With `prepare_next`, the next version
        of the file is prepared in the background after each write, so that adding a note
        syncs only the bytes it adds (see `storage.NextVersion`)."""
        self.path = Path(path)
        self._real = Path(os.path.realpath(self.path))  # a symlinked file stays a symlink
        self._storage = DurableStorage(self._real)
        self._storage.prepare_next = prepare_next
        self._db = StringTinyDB(storage=lambda: self._storage)
        self._tables: dict[str, StringTable] = {
            name: cast(StringTable, self._db.table(name, cache_size=0))
            for name in (schema.ANNOTATIONS, schema.SETTINGS, schema.POSITIONS)
        }
        self._lock_timeout = lock_timeout
        self._lock: filelock.FileLock | None = None  # made on the first write
        self._mutex = threading.RLock()
        self._index = NoteIndex()
        self._seen_generation = -1

    default_path = staticmethod(paths.default_path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # Reading ------------------------------------------------------------------------------

    def _sync(self) -> schema.Tables | None:
        """The current data, re-read (and re-validated) only when the file changed."""
        with gc_paused():
            tables = self._storage.read()
            if self._storage.generation != self._seen_generation:
                self._index = NoteIndex.of(tables, self._real)
                self._seen_generation = self._storage.generation
        return tables

    def _get(self, annotation_id: str) -> Annotation | None:
        try:
            return self._index.get(annotation_id)
        except AnnotationError as exc:
            raise CorruptStoreError(self._real, f"annotation {annotation_id!r}: {exc}") from None

    def _get_all(self, ids: Iterable[str]) -> list[Annotation]:
        with gc_paused():
            found = [self._get(i) for i in ids]
        return [a for a in found if a is not None]

    def settle(self, timeout: float | None = 10.0) -> bool:
        """Wait until the work a write starts in the background (preparing the next version
        of the file) has finished; True if it has. Nothing durable depends on it."""
        return self._storage.wait_for_next(timeout)

    def check(self) -> None:
        """Load and validate the whole file; StoreError when it cannot be used. Never writes."""
        with self._mutex:
            self._sync()

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, or None."""
        with self._mutex:
            self._sync()
            return self._get(annotation_id)

    def all(self) -> list[Annotation]:
        """Every annotation, oldest first."""
        with self._mutex:
            self._sync()
            items = self._get_all(list(self._index.items))
        return sorted(items, key=lambda a: (a.created, a.id))

    def __len__(self) -> int:
        with self._mutex:
            self._sync()
            return len(self._index.items)

    def match_ids(self, prefix: str) -> list[str]:
        """The ids that start with `prefix` (for commands that accept a shortened id)."""
        with self._mutex:
            self._sync()
            if prefix in self._index.items:
                return [prefix]
            return sorted(i for i in self._index.items if i.startswith(prefix.lower()))

    def for_article(self, article: ArticleLike) -> list[Annotation]:
        """The annotations of `article`, in text order: those made on this exact text (same
        content hash), those made on this file (same resolved path, before an edit), and those
        made on a file of the same title that no longer exists (the article was moved)."""
        ref = ArticleRef.of(article)
        with self._mutex:
            self._sync()
            index = self._index
            ids = index.ids_for(index.refs_by_id, ref.id)
            if ref.path:
                ids |= index.ids_for(index.refs_by_path, ref.path)
            if ref.title:
                for other in index.refs_by_title.get(ref.title, ()):
                    if moved_away(other.path):
                        ids |= index.by_ref[other]
            found = self._get_all(ids)
        return sorted(found, key=lambda a: (a.target.start, a.target.end, a.created, a.id))

    # Changing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the thread mutex and the cross-process lock (creating the directory first)."""
        with self._mutex:
            try:
                make_private_dirs(self._real.parent)
            except OSError as exc:
                raise StoreWriteError(
                    self._real, f"cannot create the directory: {exc.strerror or exc}"
                ) from None
            import filelock  # imported on the first write: opening the reader needs no lock

            if self._lock is None:
                self._lock = filelock.FileLock(f"{self._real}.lock", timeout=self._lock_timeout,
                                               mode=0o600, thread_local=False)
            lock = self._lock
            try:
                lock.acquire()
            except filelock.Timeout:
                raise StoreLockTimeout(
                    self._real,
                    f"another process has held the lock for over {self._lock_timeout:g} s",
                ) from None
            except OSError as exc:
                raise StoreWriteError(self._real, f"cannot lock: {exc.strerror or exc}") from None
            try:
                yield
            finally:
                lock.release()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Locked, with the data freshly read: the start of every read-modify-write. A file
        that cannot be used (a directory, corrupt, unreadable, read-only) is refused before the
        lock is taken, so bad input leaves no lock file behind."""
        if self._real.parent.is_dir():  # else creating the directory fails, with its message
            with self._mutex:
                self._sync()
                self._check_writable()
        with self._locked():
            self._storage.verify()
            self._sync()
            self._check_writable()
            yield

    def _check_writable(self) -> None:
        try:
            mode = os.stat(self._real).st_mode
        except OSError:
            return  # missing: it is created (other problems surface when writing)
        if not mode & stat.S_IWUSR:
            raise StoreReadOnly(
                self._real,
                f"is read-only (mode {stat.S_IMODE(mode):04o}); nothing was written "
                "(make it writable, e.g. chmod u+w, to change it)",
            )

    def _annotations(self) -> StringTable:
        return self._tables[schema.ANNOTATIONS]

    def add(self, a: Annotation) -> Annotation:
        """Store a new annotation; returns it once the write is durable. ValueError when an
        annotation with the same id exists."""
        with self._writing():
            if a.id in self._index.items:
                raise ValueError(f"an annotation with id {a.id} already exists")
            self._annotations().append(a.id, to_record(a))
            self._index.add(a)
        return a

    def add_many(self, items: Iterable[Annotation], *, imported: bool = False
                 ) -> tuple[list[Annotation], list[Annotation]]:
        """Store the annotations whose ids are not stored yet, in one durable write. Returns
        (added, skipped): importing the same annotations twice adds nothing the second time.
        With `imported`, they are marked as coming from an import file (`imported_ids`)."""
        with self._writing():
            added: dict[str, Annotation] = {}
            skipped: list[Annotation] = []
            for a in items:
                if a.id in self._index.items or a.id in added:
                    skipped.append(a)
                else:
                    added[a.id] = a
            if added:
                records = {i: to_record(a) for i, a in added.items()}
                stamp = {"at": format_time(utc_now())}
                marks = (schema.IMPORTED, {i: dict(stamp) for i in added}) if imported else None
                self._annotations().put_many(records, also=marks)
                for a in added.values():
                    self._index.add(a)
        return list(added.values()), skipped

    def update(self, a: Annotation, *, base: Annotation | None = None) -> Annotation:
        """Replace the stored annotation with the same id (durably); returns what was written.
        KeyError when there is none (another window may have deleted it).

        With `base` (the version the caller's edit started from) the change is checked against
        what the file holds now: when that is not `base` any more, the two edits are merged
        field by field (`merge.merge`); UpdateConflict when they changed the same field
        differently, or when the annotation was deleted elsewhere (`theirs` is None)."""
        with self._writing():
            if a.id not in self._index.items:
                if base is not None:
                    raise UpdateConflict(a, None)
                raise KeyError(a.id)
            if base is not None:
                theirs = self._get(a.id)
                if theirs is not None and theirs != base:
                    merged = merge(base, a, theirs)
                    if merged is None:
                        raise UpdateConflict(a, theirs)
                    a = merged
            self._annotations().put(a.id, to_record(a))
            self._index.add(a)
        return a

    def remove(self, annotation_id: str, *, base: Annotation | None = None) -> bool:
        """Delete an annotation (durably); False when there was none with this id. With
        `base` (the version the caller saw), UpdateConflict when it was changed elsewhere since
        (`mine` is `base`, `theirs` what the file holds): nothing is deleted then."""
        with self._writing():
            if annotation_id not in self._index.items:
                return False
            if base is not None:
                theirs = self._get(annotation_id)
                if theirs is not None and theirs != base:
                    raise UpdateConflict(base, theirs)
            self._annotations().delete(annotation_id)
            self._index.discard(annotation_id)
        return True

    def imported_ids(self) -> frozenset[str]:
        """The ids of the annotations that came from an import file (their article paths are
        someone else's: an export never opens them)."""
        with self._mutex:
            tables = self._sync() or {}
            return frozenset(tables.get(schema.IMPORTED, {}))

    def changed_on_disk(self) -> bool:
        """A cheap hint (one stat, no read) that the file changed since this store last read
        or wrote it: another process added, changed or removed something. The next read
        (`for_article`, `get`, `all`) then reads the fresh data."""
        with self._mutex:
            return self._storage.changed_on_disk()

    # Settings and reading positions ---------------------------------------------------------

    def _doc(self, table: str, key: str) -> dict[str, Any] | None:
        with self._mutex:
            tables = self._sync() or {}
            doc = tables.get(table, {}).get(key)
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
        with self._writing():
            if self._doc(schema.SETTINGS, key) == {"value": value}:
                return
            self._tables[schema.SETTINGS].put(key, {"value": value})

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
        with self._writing():
            if self.get_position(article_key) == offset:
                return
            self._tables[schema.POSITIONS].put(
                article_key, {"offset": offset, "updated": format_time(utc_now())}
            )

    def move_aside(self) -> Path:
        """See `move_aside`."""
        return move_aside(self.path)


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key or len(key) > 4096:
        raise ValueError(f"{key!r} is not a key (a non-empty string)")


resolve_db_path = paths.resolve_db_path
default_path = paths.default_path

__all__ = [
    "JSONValue",
    "Store",
    "default_path",
    "move_aside",
    "resolve_db_path",
]
