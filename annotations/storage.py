"""A TinyDB Storage that never loses an acknowledged write and never re-reads an unchanged file.

Every write serialises the whole database with orjson into a temporary file in the same
directory, fsyncs it, `os.replace`s it over the target and fsyncs the directory: after a crash
the file holds the old or the new content, never a mix. Reads are skipped while the file's
(device, inode, size, mtime) are what this process last read or wrote; each write stamps the file
with a fresh, strictly increasing nanosecond mtime so that fingerprint changes on every write even
when the inode number is reused. Locking across processes is the caller's job (see store.py):
this class assumes the caller holds the lock around every read-modify-write.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import os
import tempfile
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from annotations import schema
from annotations.errors import CorruptStoreError, StoreReadError, StoreWriteError
from articles.regular_file import FileTooLarge, NotRegularFile, open_regular, read_at_most

Fingerprint = tuple[int, int, int, int]
"""(st_dev, st_ino, st_size, st_mtime_ns) of the file as last read or written."""

TEMP_SUFFIX = ".tmp"
MAX_FILE_BYTES = 1 << 30


def temp_prefix(path: Path) -> str:
    """The name prefix of this file's temporary files (hidden, next to it)."""
    return f".{path.name}."


def _fingerprint(st: os.stat_result) -> Fingerprint:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _problem(exc: OSError) -> str:
    if isinstance(exc, NotRegularFile):
        return f"{exc.strerror}, not an annotations file"
    if isinstance(exc, FileTooLarge):
        return f"too large for an annotations file ({exc.strerror})"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not an annotations file"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)


def _digest(raw: bytes | bytearray) -> bytes:
    return hashlib.sha256(raw).digest()


def fsync_dir(directory: Path) -> None:
    """Make a rename or a new file in `directory` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and any missing parents with owner-only permissions (0700)."""
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{directory} is not a directory")
    missing: list[Path] = []
    d = directory
    while not d.exists():
        missing.append(d)
        if d.parent == d:
            break
        d = d.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            d.mkdir(mode=0o700)
            os.chmod(d, 0o700)  # mkdir's mode is masked by the umask


def parse_bytes(raw: bytes, path: Path) -> schema.Tables:
    """The tables in a file's bytes, migrated to the current schema; CorruptStoreError (or
    StoreVersionError) naming the problem."""
    if not raw:
        raise CorruptStoreError(
            path, "the file is empty (0 bytes): truncated, or not an annotations file"
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if _looks_truncated(raw, exc):
            raise CorruptStoreError(path, f"truncated JSON ({len(raw):,} bytes; {exc})") from None
        raise CorruptStoreError(path, f"not valid JSON ({exc})") from None
    return schema.migrate(schema.check_shape(data, path), path)


def _looks_truncated(raw: bytes, exc: orjson.JSONDecodeError) -> bool:
    """JSON that was cut short: the parser ran out of data, or it does not end as it began."""
    if "end of data" in str(exc) or exc.pos >= len(raw.rstrip()):
        return True
    head, tail = raw.lstrip()[:1], raw.rstrip()[-1:]
    return head in (b"{", b"[") and tail not in (b"}", b"]")


@dataclass(slots=True)
class Encoded:
    """The bytes of the whole file, and where each table's object sits in them. Appending
    changes the buffer in place (the annotations table ends near the end of the file, so an
    insertion moves only a few bytes); a storage drops it when a write fails."""

    payload: bytearray
    spans: dict[str, tuple[int, int]]
    """Table name -> (start, end): `payload[start:end]` is the table's JSON object."""


def encode(data: schema.Tables) -> Encoded:
    """Serialise the tables (in order) exactly as `orjson.dumps(data)` would."""
    payload = bytearray(b"{")
    spans: dict[str, tuple[int, int]] = {}
    for i, (name, table) in enumerate(data.items()):
        payload += (b"," if i else b"") + orjson.dumps(name) + b":"
        start = len(payload)
        payload += orjson.dumps(table)
        spans[name] = (start, len(payload))
    payload += b"}"
    return Encoded(payload, spans)


def encode_append(encoded: Encoded, table: str, doc_id: str, doc: object) -> Encoded | None:
    """`encoded` with one document appended at the end of one table: the same bytes as
    encoding the whole data again, without serialising every other document. Changes
    `encoded` in place and returns it; None (and no change) when the table is not in it."""
    span = encoded.spans.get(table)
    if span is None:
        return None
    start, end = span
    piece = (b"," if end - start > 2 else b"") + orjson.dumps(doc_id) + b":" + orjson.dumps(doc)
    at = end - 1  # just before the table's closing brace
    encoded.payload[at:at] = piece
    grow = len(piece)
    encoded.spans = {
        name: (s + grow if s > at else s, e + grow if e > at else e)
        for name, (s, e) in encoded.spans.items()
    }
    return encoded


class _Reaper:
    """Deletes replaced versions of the file in the background: freeing a large file's blocks
    takes milliseconds, and nothing needs to wait for it (the new file is already durable).
    Pending deletions finish before the interpreter exits; any left by a killed process are
    removed with the stale temporary files."""

    def __init__(self) -> None:
        self._pending: set[threading.Thread] = set()
        self._mutex = threading.Lock()
        atexit.register(self.drain)

    def discard(self, path: Path) -> None:
        thread = threading.Thread(target=self._unlink, args=(path,), daemon=True)
        with self._mutex:
            self._pending.add(thread)
        thread.start()

    def _unlink(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            os.unlink(path)
        with self._mutex:
            self._pending.discard(threading.current_thread())

    def drain(self) -> None:
        """Wait for the pending deletions."""
        with self._mutex:
            pending = list(self._pending)
        for thread in pending:
            thread.join()


_REAPER = _Reaper()


def drain_pending_deletions() -> None:
    """Wait until the replaced versions of files written by this process are deleted."""
    _REAPER.drain()


TAKE_WAIT_SECONDS = 0.5
"""How long a write waits for a next version still being prepared before writing everything."""
NEXT_SUFFIX = ".next"
"""Suffix of a prepared next version of the file (see `NextVersion`)."""


class NextVersion:
    """The next version of the file, prepared in the background after each write: a temporary
    file that already holds, and has synced to disk, the file's bytes up to where the next note
    will be inserted. Adding a note then writes and syncs only the few kilobytes after that
    point before the atomic rename, instead of the whole file; the write is exactly as durable
    (the temporary file is complete and synced before it replaces the old one). When it is not
    ready, or the file changed, the write falls back to writing everything."""

    def __init__(self, source: Path, fingerprint: Fingerprint, table: str, length: int) -> None:
        self.source = source
        self.fingerprint = fingerprint
        self.table = table
        self.length = length
        self._fd: int | None = None
        self._path: Path | None = None
        self._done = threading.Event()
        self._mutex = threading.Lock()
        self._dropped = False
        _LIVE_NEXT.add(self)
        threading.Thread(target=self._build, daemon=True, name="annotations-next").start()

    def _build(self) -> None:
        fd: int | None = None
        name: str | None = None
        try:
            src = os.open(self.source, os.O_RDONLY)
            try:
                if _fingerprint(os.fstat(src)) != self.fingerprint:
                    return  # replaced meanwhile: nothing to prepare from
                prefix = f"{temp_prefix(self.source)}{os.getpid()}."
                fd, name = tempfile.mkstemp(prefix=prefix, suffix=NEXT_SUFFIX,
                                            dir=self.source.parent)
                _copy_range(src, fd, self.length)
                os.fsync(fd)
            finally:
                os.close(src)
            with self._mutex:
                if not self._dropped:
                    self._fd, self._path, fd, name = fd, Path(name), None, None
        except OSError:
            pass
        finally:
            _close_and_remove(fd, name)
            self._done.set()

    def take(self, fingerprint: Fingerprint, table: str, at: int) -> tuple[int, Path] | None:
        """The prepared file (its descriptor and name) if it fits a write that inserts into
        `table` at byte `at` of the file with `fingerprint`; else None. A version still being
        prepared is waited for: its remaining work is less than writing the file anew."""
        if (fingerprint, table, at) != (self.fingerprint, self.table, self.length):
            return None
        if not self._done.wait(TAKE_WAIT_SECONDS):
            return None
        with self._mutex:
            if self._dropped or self._fd is None or self._path is None:
                return None
            taken = (self._fd, self._path)
            self._fd, self._path, self._dropped = None, None, True
        return taken

    def drop(self) -> None:
        """Give up this version; its file is removed (now, or when it is finished)."""
        _LIVE_NEXT.discard(self)
        with self._mutex:
            self._dropped = True
            fd, path, self._fd, self._path = self._fd, self._path, None, None
        _close_and_remove(fd, str(path) if path else None)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the preparation has finished (tests, benchmarks)."""
        return self._done.wait(timeout)

    def __del__(self) -> None:
        # A store that is dropped takes its prepared file with it.
        fd, path = self._fd, self._path
        if fd is not None:
            _close_and_remove(fd, str(path) if path else None)


_LIVE_NEXT: weakref.WeakSet[NextVersion] = weakref.WeakSet()


@atexit.register
def _drop_unused_next_versions() -> None:
    """At exit, remove every prepared next version, waiting for one still being copied (a
    daemon thread killed mid-copy would leave a full-size hidden file behind)."""
    versions = list(_LIVE_NEXT)
    for version in versions:
        version.drop()
    for version in versions:
        version.wait(5.0)


def _copy_range(src: int, dst: int, length: int) -> None:
    """Copy the first `length` bytes of `src` to `dst`, in the kernel where it can."""
    copied = 0
    while copied < length:
        try:
            n = os.copy_file_range(src, dst, length - copied, copied, copied)
        except (AttributeError, OSError):
            n = 0
        if n <= 0:
            chunk = os.pread(src, min(1 << 20, length - copied), copied)
            if not chunk:
                raise OSError(errno.EIO, "the file became shorter while it was copied")
            n = os.pwrite(dst, chunk, copied)
        copied += n


def _close_and_remove(fd: int | None, name: str | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class DurableStorage(Storage):
    """TinyDB storage over one JSON file with atomic, durable writes and a change-aware cache."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._data: schema.Tables | None = None
        self._fingerprint: Fingerprint | None = None
        self._missing = False
        self._cleaned = False
        self._encoded: Encoded | None = None
        self.append_hint: tuple[str, str] | None = None
        """Set by the table just before a write that only appends one document to one table
        (table name, document id): write() then splices it into the previous bytes."""
        self._digest: bytes | None = None
        """SHA-256 of the file's bytes as last read (see `verify`; after a write the bytes
        written are compared instead)."""
        self.generation = 0
        """Bumped whenever the data was (re)loaded from disk; not by this process's own writes."""
        self._next: NextVersion | None = None
        self._given_up: list[NextVersion] = []
        """Next versions dropped while still being copied (their files go when they finish)."""
        self.prepare_next = True
        """Prepare the next version of the file in the background after each write."""

    # Reading ------------------------------------------------------------------------------

    def _stat(self) -> os.stat_result | None:
        try:
            return os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreReadError(self.path, _problem(exc)) from None

    def read(self) -> schema.Tables | None:
        """The whole database (None when the file does not exist yet). Returns the cached data
        when the file is unchanged; TinyDB may modify it in place just before calling write()."""
        st = self._stat()
        if st is None:
            self._encoded = None
            if not self._missing:
                self._data, self._fingerprint, self._missing = None, None, True
                self.generation += 1
            return None
        if self._data is not None and _fingerprint(st) == self._fingerprint:
            return self._data
        self._load()
        return self._data

    def _load(self) -> None:
        try:
            with open_regular(self.path) as f:
                st = os.fstat(f.fileno())
                raw = read_at_most(f, MAX_FILE_BYTES)
        except FileNotFoundError:
            self._data, self._fingerprint, self._missing = None, None, True
            self._encoded = None
            self.generation += 1
            return
        except OSError as exc:
            raise StoreReadError(self.path, _problem(exc)) from None
        self._take(raw, st)

    def _take(self, raw: bytes, st: os.stat_result) -> None:
        """Make `raw` (the file's bytes, `st` its status) the cached data."""
        data = parse_bytes(raw, self.path)
        self._data, self._fingerprint, self._missing = data, _fingerprint(st), False
        self._digest = _digest(raw)
        self._encoded = None
        self._drop_next()
        self.generation += 1

    def changed_on_disk(self) -> bool:
        """Whether the file's status differs from what this process last read or wrote (one
        stat; a hint only: `verify` compares the content)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return not self._missing
        except OSError:
            return True
        return self._data is None or _fingerprint(st) != self._fingerprint

    def verify(self) -> None:
        """Before a write (under the lock): make sure the cached data is what the file holds
        by its content, not only by its status: an edit that kept the size and restored the
        mtime is read, never overwritten. Reads the file when the status matches."""
        st = self._stat()
        if st is None or self._data is None or _fingerprint(st) != self._fingerprint:
            return  # read() loads it afresh anyway
        try:
            with open_regular(self.path) as f:
                raw = read_at_most(f, MAX_FILE_BYTES)
                st = os.fstat(f.fileno())
        except FileNotFoundError:
            self.invalidate()
            return
        except OSError as exc:
            raise StoreReadError(self.path, _problem(exc)) from None
        if self._encoded is not None:
            same = raw == self._encoded.payload
        else:
            same = self._digest is not None and _digest(raw) == self._digest
        if not same:
            self._take(raw, st)

    def invalidate(self) -> None:
        """Forget the cached data: the next read() reads the file again."""
        self._data, self._fingerprint, self._missing = None, None, False
        self._digest = None
        self._encoded, self.append_hint = None, None
        self._drop_next()

    def _drop_next(self) -> None:
        if self._next is not None:
            self._next.drop()
            self._given_up = [v for v in self._given_up if not v.wait(0)] + [self._next]
            self._next = None

    def wait_for_next(self, timeout: float | None = None) -> bool:
        """Wait until the next version of the file is prepared, and until versions given up
        while still being copied have removed their files (benchmarks, tests)."""
        given_up, self._given_up = self._given_up, []
        for version in given_up:
            if not version.wait(timeout):
                self._given_up.append(version)
        done = not self._given_up
        return (self._next.wait(timeout) if self._next is not None else True) and done

    @property
    def exists(self) -> bool:
        """Whether the file existed at the last read."""
        return not self._missing

    # Writing ------------------------------------------------------------------------------

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with `data`, durably. The caller holds the store's lock."""
        hint, self.append_hint = self.append_hint, None
        try:
            # The schema version first, so a person opening the file sees it at once.
            meta = {schema.SCHEMA_DOC: {"version": schema.SCHEMA_VERSION}}
            data = {schema.META: meta, **{k: v for k, v in data.items() if k != schema.META}}
            encoded = None
            prepared: tuple[int, Path, int] | None = None
            if hint is not None and self._encoded is not None:
                table, doc_id = hint
                span = self._encoded.spans.get(table)
                if span is not None and self._next is not None and self._fingerprint is not None:
                    # The new note goes just before the table's closing brace: every byte
                    # before that point is already in the prepared file.
                    taken = self._next.take(self._fingerprint, table, span[1] - 1)
                    if taken is not None:
                        prepared = (*taken, span[1] - 1)
                encoded = encode_append(self._encoded, table, doc_id, data[table][doc_id])
            if encoded is None:
                if prepared is not None:
                    _close_and_remove(prepared[0], str(prepared[1]))
                    prepared = None
                encoded = encode(data)
            self._drop_next()
            fingerprint = self._replace(encoded.payload, prepared)
        except BaseException:
            self.invalidate()
            raise
        self._data, self._fingerprint, self._missing = data, fingerprint, False
        self._digest = None  # the bytes written are kept in `encoded`: verify compares them
        self._encoded = encoded
        span = encoded.spans.get(schema.ANNOTATIONS)
        if self.prepare_next and span is not None:
            self._next = NextVersion(self.path, fingerprint, schema.ANNOTATIONS, span[1] - 1)

    def _replace(self, payload: bytes | bytearray,
                 prepared: tuple[int, Path, int] | None = None) -> Fingerprint:
        """Write `payload` to a temporary file, sync it, rename it over the file, sync the
        directory. With `prepared` (a next version's descriptor, name and length, holding
        `payload[:length]` already synced), only the bytes after `length` are written."""
        directory = self.path.parent
        try:
            make_private_dirs(directory)
            if not self._cleaned:
                self.remove_stale_temp_files()
                self._cleaned = True
            if prepared is not None:
                fd, tmp_name, written = prepared[0], str(prepared[1]), prepared[2]
            else:
                fd, tmp_name = _mkstemp(directory, temp_prefix(self.path))
                written = 0
        except OSError as exc:
            raise StoreWriteError(self.path, f"cannot write: {_problem(exc)}") from None
        tmp = Path(tmp_name)
        try:
            try:
                view = memoryview(payload)[written:]
                while view:
                    n = os.pwrite(fd, view, written)
                    view, written = view[n:], written + n
                os.ftruncate(fd, written)
                stamp = self._next_mtime()
                os.utime(fd, ns=(stamp, stamp))
                os.fsync(fd)
                st = os.fstat(fd)
            finally:
                os.close(fd)
            previous = self._keep_previous(directory)
            try:
                os.replace(tmp, self.path)
            except BaseException:
                if previous is not None:
                    _REAPER.discard(previous)  # the file it names is still current: just a name
                raise
        except BaseException as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if isinstance(exc, OSError):
                raise StoreWriteError(self.path, f"cannot write: {_problem(exc)}") from None
            raise
        try:
            fsync_dir(directory)
        except OSError as exc:
            raise StoreWriteError(
                self.path, f"cannot sync the directory: {_problem(exc)}"
            ) from None
        if previous is not None:
            _REAPER.discard(previous)
        return _fingerprint(st)

    def _keep_previous(self, directory: Path) -> Path | None:
        """Give the current file a second (temporary) name, so that the rename over it does
        not have to free its blocks; the reaper deletes it after the write. None when there is
        no current file or the file system has no hard links (the rename then frees it)."""
        name = directory / f"{temp_prefix(self.path)}{uuid.uuid4().hex}.old{TEMP_SUFFIX}"
        try:
            os.link(self.path, name)
        except OSError:
            return None
        return name

    def _next_mtime(self) -> int:
        now = time.time_ns()
        last = self._fingerprint[3] if self._fingerprint is not None else 0
        return max(now, last + 1)

    def remove_stale_temp_files(self) -> None:
        """Delete temporary files left by a writer that was killed mid-write (done before this
        process's first write). Safe only under the lock: no other writer can be using one."""
        prefix = temp_prefix(self.path)
        try:
            names = os.listdir(self.path.parent)
        except OSError:
            return
        for name in names:
            if not name.startswith(prefix):
                continue
            if name.endswith(NEXT_SUFFIX):
                # A prepared next version is another running process's until it exits.
                pid = name[len(prefix):].split(".", 1)[0]
                if not pid.isdigit() or _pid_alive(int(pid)):
                    continue
            elif not name.endswith(TEMP_SUFFIX):
                continue
            with contextlib.suppress(OSError):
                os.unlink(self.path.parent / name)

    def close(self) -> None:
        """Give up the prepared next version (its temporary file is removed)."""
        self._drop_next()


def _mkstemp(directory: Path, prefix: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=directory)
