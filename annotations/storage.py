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
import os
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from annotations import schema
from annotations.errors import CorruptStoreError, StoreReadError, StoreWriteError

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
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not an annotations file"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)


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
        self.generation = 0
        """Bumped whenever the data was (re)loaded from disk; not by this process's own writes."""

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
            with open(self.path, "rb") as f:
                st = os.fstat(f.fileno())
                if st.st_size > MAX_FILE_BYTES:
                    raise CorruptStoreError(
                        self.path, f"too large for an annotations file ({st.st_size:,} bytes)"
                    )
                raw = f.read()
        except FileNotFoundError:
            self._data, self._fingerprint, self._missing = None, None, True
            self._encoded = None
            self.generation += 1
            return
        except OSError as exc:
            raise StoreReadError(self.path, _problem(exc)) from None
        data = parse_bytes(raw, self.path)
        self._data, self._fingerprint, self._missing = data, _fingerprint(st), False
        self._encoded = None
        self.generation += 1

    def invalidate(self) -> None:
        """Forget the cached data: the next read() reads the file again."""
        self._data, self._fingerprint, self._missing = None, None, False
        self._encoded, self.append_hint = None, None

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
            if hint is not None and self._encoded is not None:
                table, doc_id = hint
                encoded = encode_append(self._encoded, table, doc_id, data[table][doc_id])
            if encoded is None:
                encoded = encode(data)
            fingerprint = self._replace(encoded.payload)
        except BaseException:
            self.invalidate()
            raise
        self._data, self._fingerprint, self._missing = data, fingerprint, False
        self._encoded = encoded

    def _replace(self, payload: bytes | bytearray) -> Fingerprint:
        directory = self.path.parent
        try:
            make_private_dirs(directory)
            if not self._cleaned:
                self.remove_stale_temp_files()
                self._cleaned = True
            fd, tmp_name = _mkstemp(directory, temp_prefix(self.path))
        except OSError as exc:
            raise StoreWriteError(self.path, f"cannot write: {_problem(exc)}") from None
        tmp = Path(tmp_name)
        try:
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
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
            if name.startswith(prefix) and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(self.path.parent / name)

    def close(self) -> None:
        """Nothing to close: no file stays open between operations."""


def _mkstemp(directory: Path, prefix: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=directory)
