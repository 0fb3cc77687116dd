"""A TinyDB Storage that never loses an acknowledged write and never re-reads an unchanged file.

Every write serialises the whole database with orjson into a temporary file in the same
directory, fsyncs it, `os.replace`s it over the target and fsyncs the directory: after a crash
the file holds the old or the new content, never a mix. Reads are skipped while the file's
(device, inode, size, mtime) are what this process last read or wrote; each write stamps the file
with a fresh, strictly increasing nanosecond mtime so that fingerprint changes on every write even
when the inode number is reused. Locking across processes is the caller's job (see store.py):
this class assumes the caller holds the lock around every read-modify-write.
"""


import contextlib
import os
import time
import uuid
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from annotations import schema
from annotations.encoding import Encoded, encode, encode_append, parse_bytes
from annotations.errors import StoreReadError, StoreWriteError
from annotations.fileops import (
    MAX_FILE_BYTES,
    REAPER,
    TEMP_SUFFIX,
    Fingerprint,
    close_and_remove,
    drain_pending_deletions,
    fsync_dir,
    make_private_dirs,
    mkstemp,
    pid_alive,
    temp_prefix,
)
from annotations.fileops import digest as _digest
from annotations.fileops import fingerprint as _fingerprint
from annotations.fileops import problem as _problem
from annotations.next_version import NEXT_SUFFIX, NextVersion
from annotations.watched_file import stat_or_none
from articles.sources.regular_file import open_regular, read_at_most

KEEP_PREVIOUS_FROM = 1 << 20
"""Files from this size keep their previous version under a second name while replaced."""


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
        self.prepare_from_bytes = 0
        """...but only for a file at least this large: a small file is written whole faster
        than a back-to-back add could wait for its prepared version."""

    # Reading ------------------------------------------------------------------------------

    def _stat(self) -> os.stat_result | None:
        return stat_or_none(self.path)

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
                    close_and_remove(prepared[0], str(prepared[1]))
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
        if self.prepare_next and span is not None and (
            len(encoded.payload) >= self.prepare_from_bytes
        ):
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
                fd, tmp_name = mkstemp(directory, temp_prefix(self.path))
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
                    REAPER.discard(previous)  # the file it names is still current: just a name
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
            REAPER.discard(previous)
        return _fingerprint(st)

    def _keep_previous(self, directory: Path) -> Path | None:
        """Give the current file a second (temporary) name, so that the rename over it does
        not have to free its blocks; the reaper deletes it after the write. None when there is
        no current file or the file system has no hard links (the rename then frees it), and
        for a small file (freeing it costs less than starting the reaper's thread)."""
        if self._fingerprint is not None and self._fingerprint[2] < KEEP_PREVIOUS_FROM:
            return None
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
                if not pid.isdigit() or pid_alive(int(pid)):
                    continue
            elif not name.endswith(TEMP_SUFFIX):
                continue
            with contextlib.suppress(OSError):
                os.unlink(self.path.parent / name)

    def close(self) -> None:
        """Give up the prepared next version (its temporary file is removed)."""
        self._drop_next()


__all__ = [
    "MAX_FILE_BYTES",
    "NEXT_SUFFIX",
    "TEMP_SUFFIX",
    "DurableStorage",
    "Encoded",
    "Fingerprint",
    "NextVersion",
    "drain_pending_deletions",
    "encode",
    "encode_append",
    "fsync_dir",
    "make_private_dirs",
    "parse_bytes",
    "temp_prefix",
]
