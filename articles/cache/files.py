"""What the caches on disk share: where they live, and writing a file all at once."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

CACHE_ENV = "READER_CACHE_DIR"
"""Environment variable naming the cache directory (tests set it to a temporary one)."""


def user_cache_root() -> Path:
    """The user's cache directory for the reader: the XDG rule on Linux and the BSDs (without
    importing platformdirs, which costs milliseconds of every start), platformdirs elsewhere."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        return Path(base) / "reader"
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader", appauthor=False))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` all at once: a temporary file in the same directory, then
    `os.replace`; the directory is made if missing. Not synced (a cache can be rebuilt).
    OSError on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
