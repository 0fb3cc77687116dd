"""Fetched pages kept in the user data directory, keyed by address, so that a page once read is
read again from here, with no network and the same canonical text (so every note's anchor holds).

Layout, under the root (`READER_PAGES_DIR`, else `<user data dir>/reader/pages`):

    <key>/page.html    the body exactly as fetched (decoded from its transfer compression)
    <key>/meta.json    address asked for, final address, fetch time, ETag, Last-Modified, type
    <key>/alias.json   instead of the two above: {"key": <key>} for a final address reached
                       by redirect from the address of <key>

`<key>` is a hash of the normalised address (scheme and host lower-cased, default port and
fragment dropped). The body is written first and meta.json last, each atomically, so a page is
either stored whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import orjson

from articles.cache.files import write_atomic

PAGES_ENV = "READER_PAGES_DIR"
"""Environment variable naming the directory of stored pages (tests set it)."""


def default_root() -> Path:
    """`READER_PAGES_DIR` when set, else the user data directory's `reader/pages`."""
    env = os.environ.get(PAGES_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / "reader" / "pages"
    import platformdirs

    return Path(platformdirs.user_data_dir("reader", appauthor=False)) / "pages"


def normalize_address(url: str) -> str:
    """The address as a key: scheme and host in lower case, no default port, no fragment."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else (
        f"{host}:{port}"
    )
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def address_key(url: str) -> str:
    """The directory name of an address's stored page."""
    return hashlib.sha256(normalize_address(url).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class StoredPage:
    """A page in the store: where its body is, and what was known when it was fetched."""

    body_path: Path
    url: str
    final_url: str
    fetched: datetime
    content_type: str | None
    etag: str | None
    last_modified: str | None

    def body(self) -> bytes:
        """The stored bytes of the page."""
        return self.body_path.read_bytes()


class PageStore:
    """The stored pages (see the module docstring)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_root()

    def _dir(self, url: str) -> Path:
        return self.root / address_key(url)

    def get(self, url: str) -> StoredPage | None:
        """The stored page of `url` (or of an address that redirected to it), or None when it
        was never stored or its entry cannot be read."""
        directory = self._dir(url)
        try:
            alias = directory / "alias.json"
            if alias.exists():
                key = orjson.loads(alias.read_bytes())["key"]
                if not isinstance(key, str) or len(key) != 32 or not key.isalnum():
                    return None
                directory = self.root / key
            meta = orjson.loads((directory / "meta.json").read_bytes())
            body = directory / "page.html"
            if not body.is_file():
                return None
            return StoredPage(
                body_path=body, url=str(meta["url"]), final_url=str(meta["final_url"]),
                fetched=datetime.fromisoformat(meta["fetched"]),
                content_type=meta.get("content_type"), etag=meta.get("etag"),
                last_modified=meta.get("last_modified"),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, url: str, final_url: str, body: bytes, *, fetched: datetime,
            content_type: str | None = None, etag: str | None = None,
            last_modified: str | None = None) -> StoredPage:
        """Store a fetched page under `url` (and its final address); OSError on failure."""
        directory = self._dir(url)
        write_atomic(directory / "page.html", body)
        meta = {"url": url, "final_url": final_url, "fetched": fetched.isoformat(),
                "content_type": content_type, "etag": etag, "last_modified": last_modified}
        write_atomic(directory / "meta.json", orjson.dumps(meta, option=orjson.OPT_INDENT_2))
        (directory / "alias.json").unlink(missing_ok=True)
        if address_key(final_url) != address_key(url):
            other = self._dir(final_url)
            if not (other / "meta.json").exists():
                write_atomic(other / "alias.json", orjson.dumps({"key": directory.name}))
        stored = self.get(url)
        assert stored is not None
        return stored

    def touch(self, url: str, *, fetched: datetime) -> StoredPage:
        """Record that the stored copy of `url` was found current at `fetched` (the server
        answered "304 Not Modified"); OSError on failure, or if there is no stored copy."""
        stored = self.get(url)
        if stored is None:
            raise FileNotFoundError(f"no stored copy of {url}")
        meta = {"url": stored.url, "final_url": stored.final_url,
                "fetched": fetched.isoformat(), "content_type": stored.content_type,
                "etag": stored.etag, "last_modified": stored.last_modified}
        write_atomic(stored.body_path.parent / "meta.json",
                     orjson.dumps(meta, option=orjson.OPT_INDENT_2))
        touched = self.get(url)
        assert touched is not None
        return touched
