"""One fingerprint of the parser for every cache that keeps parsed work (the parsed-article
cache and the library index): when it changes, what was parsed before is parsed again."""

from __future__ import annotations

import contextlib
import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
"""The `articles` package, every subpackage included (the parser, the web-page sources, ...)."""


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash of the path, size and modification time of every module of the `articles` package:
    it changes whenever the parser may. Only `stat` is called (reading every module would cost
    a millisecond of every start)."""
    digest = hashlib.blake2b(digest_size=8)
    for source in sorted(PACKAGE.rglob("*.py")):
        with contextlib.suppress(OSError):
            st = source.stat()
            name = source.relative_to(PACKAGE).as_posix()
            digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()
