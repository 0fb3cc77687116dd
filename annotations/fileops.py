"""Small file operations the durable storage is built from: a file's fingerprint, one-line
problems for OS errors, syncing a directory, making private directories, the background deletion
of replaced versions, and copying a range of a file in the kernel."""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import os
import tempfile
import threading
from pathlib import Path

from articles.sources.regular_file import FileTooLarge, NotRegularFile

Fingerprint = tuple[int, int, int, int]
"""(st_dev, st_ino, st_size, st_mtime_ns) of the file as last read or written."""

TEMP_SUFFIX = ".tmp"
MAX_FILE_BYTES = 1 << 30


def temp_prefix(path: Path) -> str:
    """The name prefix of this file's temporary files (hidden, next to it)."""
    return f".{path.name}."


def fingerprint(st: os.stat_result) -> Fingerprint:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def problem(exc: OSError) -> str:
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


def digest(raw: bytes | bytearray) -> bytes:
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



class Reaper:
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


REAPER = Reaper()


def drain_pending_deletions() -> None:
    """Wait until the replaced versions of files written by this process are deleted."""
    REAPER.drain()


def copy_range(src: int, dst: int, length: int) -> None:
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


def close_and_remove(fd: int | None, name: str | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True



def mkstemp(directory: Path, prefix: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=directory)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` by `payload`, durably and atomically (a temporary file in the same
    directory, synced, renamed over it, the directory synced), mode 0600. For the store's small
    auxiliary files (the catalogue's buckets, the journal of an import); the TinyDB files go
    through `storage.DurableStorage`."""
    fd, tmp = mkstemp(path.parent, temp_prefix(path))
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
