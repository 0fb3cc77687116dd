"""The annotations store: one TinyDB file of annotations, settings and reading positions, safe
against crashes (atomic, durable writes), against two processes writing at once (a file lock
around every read-modify-write, and a fresh read whenever the file changed), and against a
corrupt file (one clear error; the file is never overwritten or repaired silently)."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from annotations import paths, schema
from annotations.bulkcheck import check_records
from annotations.clock import format_time, utc_now
from annotations.codec import Record, from_record, to_record
from annotations.errors import (
    AnnotationError,
    CorruptStoreError,
    StoreError,
    StoreLockTimeout,
    StoreReadOnly,
    StoreWriteError,
    UpdateConflict,
)
from annotations.merge import merge
from annotations.model import Annotation, ArticleLike, ArticleRef
from annotations.storage import DurableStorage, fsync_dir, make_private_dirs

if TYPE_CHECKING:
    import filelock

JSONValue = Any
"""A value that orjson can serialise (settings are small UI state: theme name, last colour)."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process to finish its write before giving up."""


class _Table(Table):
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


class _TinyDB(TinyDB):
    table_class = _Table


class _Index:
    """The annotations of one version of the file, indexed for `for_article`: by article
    reference (shared by all notes made on one version of an article), and each reference by
    content hash, path and title. Records are validated in bulk when the file is read and
    turned into Annotation objects when first asked for."""

    def __init__(self) -> None:
        self.items: dict[str, Annotation | Record] = {}
        self.ref_of: dict[str, ArticleRef] = {}
        self.by_ref: dict[ArticleRef, set[str]] = {}
        self.refs_by_id: dict[str, set[ArticleRef]] = {}
        self.refs_by_path: dict[str, set[ArticleRef]] = {}
        self.refs_by_title: dict[str, set[ArticleRef]] = {}
        self.shared: dict[tuple[Any, ...], ArticleRef] = {}

    @classmethod
    def of(cls, tables: schema.Tables | None, path: Path) -> _Index:
        """The index of the annotations table (every record validated)."""
        index = cls()
        records = (tables or {}).get(schema.ANNOTATIONS, {})
        try:
            refs = check_records(records)
        except AnnotationError as exc:
            raise CorruptStoreError(path, str(exc)) from None
        index.shared = dict(refs)
        by_ref: dict[ArticleRef, set[str]] = {ref: set() for ref in refs.values()}
        ref_of = index.ref_of
        for key, record in records.items():
            art = record["article"]
            ref = refs[(art["id"], art["path"], art["title"])]
            ref_of[key] = ref
            by_ref[ref].add(key)
        index.items = dict(records)
        for ref, ids in by_ref.items():
            if ids:
                index.by_ref[ref] = ids
                for lookup, name in index._lookups(ref):
                    lookup.setdefault(name, set()).add(ref)
        return index

    def _lookups(self, ref: ArticleRef) -> Iterator[tuple[dict[str, set[ArticleRef]], str]]:
        for lookup, key in (
            (self.refs_by_id, ref.id),
            (self.refs_by_path, ref.path),
            (self.refs_by_title, ref.title),
        ):
            if key:
                yield lookup, key

    def _place(self, key: str, item: Annotation | Record, ref: ArticleRef) -> None:
        self.items[key] = item
        self.ref_of[key] = ref
        ids = self.by_ref.get(ref)
        if ids is None:
            ids = self.by_ref[ref] = set()
            for lookup, name in self._lookups(ref):
                lookup.setdefault(name, set()).add(ref)
        ids.add(key)

    def add(self, a: Annotation) -> None:
        """Index a new or changed annotation."""
        self.discard(a.id)
        self._place(a.id, a, a.article)

    def discard(self, annotation_id: str) -> None:
        """Forget an annotation."""
        if self.items.pop(annotation_id, None) is None:
            return
        ref = self.ref_of.pop(annotation_id)
        ids = self.by_ref[ref]
        ids.discard(annotation_id)
        if not ids:
            del self.by_ref[ref]
            for lookup, name in self._lookups(ref):
                refs = lookup[name]
                refs.discard(ref)
                if not refs:
                    del lookup[name]

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation (built from its record on first use); AnnotationError if invalid."""
        item = self.items.get(annotation_id)
        if item is None or isinstance(item, Annotation):
            return item
        a = from_record(item, self.shared)
        self.items[annotation_id] = a
        return a

    def ids_for(self, lookup: dict[str, set[ArticleRef]], key: str) -> set[str]:
        """The ids of the annotations whose reference has this hash, path or title."""
        out: set[str] = set()
        for ref in lookup.get(key, ()):
            out |= self.by_ref[ref]
        return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building tens of thousands of small objects runs the cyclic GC for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        self._db = _TinyDB(storage=lambda: self._storage)
        self._tables: dict[str, _Table] = {
            name: cast(_Table, self._db.table(name, cache_size=0))
            for name in (schema.ANNOTATIONS, schema.SETTINGS, schema.POSITIONS)
        }
        self._lock_timeout = lock_timeout
        self._lock: filelock.FileLock | None = None  # made on the first write
        self._mutex = threading.RLock()
        self._index = _Index()
        self._seen_generation = -1

    default_path = staticmethod(paths.default_path)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # Reading ------------------------------------------------------------------------------

    def _sync(self) -> schema.Tables | None:
        """The current data, re-read (and re-validated) only when the file changed."""
        with _gc_paused():
            tables = self._storage.read()
            if self._storage.generation != self._seen_generation:
                self._index = _Index.of(tables, self._real)
                self._seen_generation = self._storage.generation
        return tables

    def _get(self, annotation_id: str) -> Annotation | None:
        try:
            return self._index.get(annotation_id)
        except AnnotationError as exc:
            raise CorruptStoreError(self._real, f"annotation {annotation_id!r}: {exc}") from None

    def _get_all(self, ids: Iterable[str]) -> list[Annotation]:
        with _gc_paused():
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
                    if _moved_away(other.path):
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

    def _annotations(self) -> _Table:
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


def _moved_away(path: str) -> bool:
    """Whether an annotation's article path no longer names a file (the article was moved);
    a web address is never moved away."""
    if path.startswith(("http://", "https://")):
        return False
    return not path or not os.path.isfile(path)


def move_aside(path: Path | str, *, now: datetime | None = None) -> Path:
    """The user's explicit choice for a corrupt file: rename it to
    `<name>.corrupt-<UTC timestamp>` next to it (nothing is deleted) so that a fresh file is
    started on the next change. Returns the new name. Refuses (StoreError) when the file is
    missing, loads fine, is from a newer reader or unreadable, or cannot be moved."""
    store = Store(path)
    real = store._real
    if not real.is_file():
        raise StoreError(real, "no such file; nothing to move aside")
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    with store._locked():
        try:
            store.check()
        except CorruptStoreError:
            pass
        else:
            raise StoreError(real, "the file loads fine (it is not corrupt); nothing was moved")
        names = [f"{real.name}.corrupt-{stamp}"] + [
            f"{real.name}.corrupt-{stamp}-{n}" for n in range(1, 100)
        ]
        target = next(
            (real.with_name(n) for n in names if not os.path.lexists(real.with_name(n))), None
        )
        if target is None:  # pragma: no cover - a hundred corrupt files in one second
            raise StoreError(real, "too many files set aside this second; try again")
        try:
            os.rename(real, target)
            fsync_dir(real.parent)
        except OSError as exc:
            raise StoreWriteError(real, f"cannot move it aside: {exc.strerror or exc}") from None
    return target


resolve_db_path = paths.resolve_db_path
default_path = paths.default_path

__all__ = [
    "JSONValue",
    "Store",
    "default_path",
    "move_aside",
    "resolve_db_path",
]
