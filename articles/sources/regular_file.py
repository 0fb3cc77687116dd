"""Reading a file that must be a regular file, at most N bytes: a FIFO, a device (`/dev/zero`,
`/dev/full`), a directory or a socket is refused after opening (the open itself never blocks),
and a read stops at its limit as it reads, whatever the file's size says."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


class NotRegularFile(OSError):
    """The path names something other than a regular file (a FIFO, a device, a directory)."""

    def __init__(self, kind: str) -> None:
        super().__init__(errno.EINVAL, f"not a regular file (it is {kind})")
        self.kind = kind


class FileTooLarge(OSError):
    """The file holds more bytes than the reader's limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit:,} bytes")
        self.limit = limit


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a plain file"


def open_regular(path: str | Path) -> BinaryIO:
    """`path` opened for reading in binary mode, checked to be a regular file after opening
    (so a file swapped for a FIFO after a listing is caught); NotRegularFile otherwise. The
    open uses O_NONBLOCK (a FIFO with no writer does not hang it); reads then block normally."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile("a directory") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(_kind(st.st_mode))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_at_most(f: BinaryIO, limit: int) -> bytes:
    """Everything left in `f`, refusing (FileTooLarge) as soon as more than `limit` bytes have
    been read: the limit holds while reading, not by the size the file claimed."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = f.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(limit)


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them (see above)."""
    with open_regular(path) as f:
        return read_at_most(f, limit)


__all__ = ["FileTooLarge", "NotRegularFile", "open_regular", "read_at_most", "read_regular"]
