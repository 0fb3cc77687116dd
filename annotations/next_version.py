"""The prepared next version of a file (see `NextVersion`)."""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
import weakref
from pathlib import Path

from annotations.fileops import Fingerprint, close_and_remove, copy_range, fingerprint, temp_prefix

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
                if fingerprint(os.fstat(src)) != self.fingerprint:
                    return  # replaced meanwhile: nothing to prepare from
                prefix = f"{temp_prefix(self.source)}{os.getpid()}."
                fd, name = tempfile.mkstemp(prefix=prefix, suffix=NEXT_SUFFIX,
                                            dir=self.source.parent)
                copy_range(src, fd, self.length)
                os.fsync(fd)
            finally:
                os.close(src)
            with self._mutex:
                if not self._dropped:
                    self._fd, self._path, fd, name = fd, Path(name), None, None
        except OSError:
            pass
        finally:
            close_and_remove(fd, name)
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
        close_and_remove(fd, str(path) if path else None)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the preparation has finished (tests, benchmarks)."""
        return self._done.wait(timeout)

    def __del__(self) -> None:
        # A store that is dropped takes its prepared file with it.
        fd, path = self._fd, self._path
        if fd is not None:
            close_and_remove(fd, str(path) if path else None)


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
