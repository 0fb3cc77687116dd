"""The library's index cache on disk, so reopening a library does not parse its articles again.

Layout, under the cache directory (`READER_CACHE_DIR`, else the user cache dir's
`reader/index`):

    v<entry format>-<parser fingerprint>/
        files.json              {absolute path: [size, mtime_ns, content hash]}
        entries/<hash>.json     one `ArticleEntry` (JSON) per distinct file content

- Entries are keyed by a hash of the file's bytes, so an unchanged file is never parsed again,
  a copied or moved file is found under its new path, and a changed file (new hash) is
  re-parsed. Unreadable files are cached the same way, so they are not retried until changed.
- `files.json` lets reopening skip reading and hashing a file whose size and mtime are as
  recorded. A record made within `RACY_SECONDS` of the file's mtime is not trusted (a coarse
  mtime clock could hide a change) until the file is hashed again later.
- The parser fingerprint (a hash of the `articles` package's source) is part of the directory
  name: a new parser never reads entries an old one made; the directories of other versions
  are deleted once unused for a day.
- Every write is atomic (a temporary file, then `os.replace`); nothing is fsynced, since a torn
  or corrupt file is only dropped and rebuilt. No cache failure is ever fatal: reading falls
  back to parsing, and writing problems are noted in `IndexCache.problems`.
- Several threads may use one `IndexCache`; several processes may share a directory (the last
  `save` of `files.json` wins, which costs at most a re-hash).

One file per entry was chosen over one file per library after measuring 1,000 articles: writing
per entry keeps every finished parse even if indexing is interrupted, libraries may overlap, and
reading 1,000 small files costs tens of milliseconds more than one big one (see
tests/benchmarks/bench_library.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import orjson

from articles.cache_files import CACHE_ENV, user_cache_root, write_atomic
from articles.library_entry import ENTRY_FORMAT, ArticleEntry, EntryFormatError

RACY_SECONDS = 2.0
"""A file's size and mtime are trusted only when recorded this long after the mtime."""

OLD_VERSION_SECONDS = 24 * 3600.0
"""The cache of another parser version is deleted when it has not been used for this long."""

_MANIFEST_FORMAT = 1
_VERSION_DIR = re.compile(r"v\d+-[0-9a-f]{16}")


def default_cache_dir() -> Path:
    """`READER_CACHE_DIR` when set, else `<user cache dir>/reader/index`."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return user_cache_root() / "index"


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash of the `articles` package's source: it changes whenever the parser may."""
    digest = hashlib.blake2b(digest_size=8)
    package = Path(__file__).resolve().parent
    for source in sorted(package.glob("*.py")):
        digest.update(source.name.encode())
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()


def _key(path: Path) -> str:
    """How `files.json` names a file: its absolute path (not resolving links)."""
    return os.path.abspath(path)


def content_hash(data: bytes) -> str:
    """The cache key of a file's content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a file held when last read: size, mtime (ns; -1 when not to be trusted), hash."""

    size: int
    mtime_ns: int
    digest: str


class IndexCache:
    """The on-disk index cache (see the module docstring); safe to share between threads."""

    def __init__(self, directory: Path | None = None) -> None:
        root = directory if directory is not None else default_cache_dir()
        self.directory = root / f"v{ENTRY_FORMAT}-{parser_fingerprint()}"
        self.entries_dir = self.directory / "entries"
        self.manifest_path = self.directory / "files.json"
        self.problems: list[str] = []
        self._lock = threading.Lock()
        self._files: dict[str, FileRecord] | None = None
        self._changed: dict[str, FileRecord | None] = {}

    def _note(self, problem: str) -> None:
        with self._lock:
            if len(self.problems) < 100:
                self.problems.append(problem)

    def _read_manifest(self) -> dict[str, FileRecord]:
        try:
            data = orjson.loads(self.manifest_path.read_bytes())
        except FileNotFoundError:
            return {}
        except (OSError, orjson.JSONDecodeError) as exc:
            self._note(f"{self.manifest_path}: ignored ({exc})")
            return {}
        files: dict[str, FileRecord] = {}
        if not isinstance(data, dict) or data.get("format") != _MANIFEST_FORMAT:
            return files
        records = data.get("files")
        if not isinstance(records, dict):
            return files
        for path, record in records.items():
            if (
                isinstance(record, list) and len(record) == 3
                and all(isinstance(v, int) and not isinstance(v, bool) for v in record[:2])
                and isinstance(record[2], str)
            ):
                files[path] = FileRecord(record[0], record[1], record[2])
        return files

    def _manifest(self) -> dict[str, FileRecord]:
        if self._files is None:
            files = self._read_manifest()
            with self._lock:
                if self._files is None:
                    self._files = files
        return self._files

    def known_hash(self, path: Path, st: os.stat_result) -> str | None:
        """The content hash recorded for `path` if its size and mtime are still as recorded."""
        record = self._manifest().get(_key(path))
        if record is None or record.mtime_ns < 0:
            return None
        if record.size != st.st_size or record.mtime_ns != st.st_mtime_ns:
            return None
        return record.digest

    def remember(self, path: Path, st: os.stat_result, digest: str) -> None:
        """Record that `path`, with this size and mtime, holds content `digest`."""
        trusted = time.time_ns() - st.st_mtime_ns > RACY_SECONDS * 1e9
        record = FileRecord(st.st_size, st.st_mtime_ns if trusted else -1, digest)
        self._manifest()
        key = _key(path)
        with self._lock:
            files = self._files if self._files is not None else {}
            if files.get(key) != record:
                files[key] = record
                self._changed[key] = record

    def forget(self, path: Path) -> None:
        """Drop what is recorded about `path` (a removed file)."""
        self._manifest()
        with self._lock:
            files = self._files if self._files is not None else {}
            if files.pop(_key(path), None) is not None:
                self._changed[_key(path)] = None

    def load(self, digest: str, path: Path) -> ArticleEntry | None:
        """The cached entry for content `digest`, as the entry of the file at `path`; None if
        there is none or it is unreadable (a bad record is deleted)."""
        entry_path = self.entries_dir / f"{digest}.json"
        try:
            data = entry_path.read_bytes()
        except OSError:
            return None
        try:
            return ArticleEntry.from_json(orjson.loads(data), path=path)
        except (orjson.JSONDecodeError, EntryFormatError) as exc:
            self._note(f"{entry_path}: dropped ({exc})")
            with contextlib.suppress(OSError):
                entry_path.unlink()
            return None

    def store(self, digest: str, entry: ArticleEntry) -> None:
        """Keep `entry` as the entry of content `digest` (failures are noted, not raised)."""
        try:
            write_atomic(self.entries_dir / f"{digest}.json", orjson.dumps(entry.to_json()))
        except OSError as exc:
            self._note(f"{self.entries_dir}: cannot write ({exc.strerror or exc})")

    def save(self) -> None:
        """Write `files.json`: what is on disk (another process may have added to it), with this
        cache's changes on top, without the files that no longer exist."""
        with self._lock:
            changed = dict(self._changed)
            self._changed.clear()
        files = self._read_manifest()
        for path, record in changed.items():
            if record is None:
                files.pop(path, None)
            else:
                files[path] = record
        files = {p: r for p, r in files.items() if os.path.isfile(p)}
        data = {
            "format": _MANIFEST_FORMAT,
            "files": {p: [r.size, r.mtime_ns, r.digest] for p, r in sorted(files.items())},
        }
        try:
            write_atomic(self.manifest_path, orjson.dumps(data))
        except OSError as exc:
            self._note(f"{self.manifest_path}: cannot write ({exc.strerror or exc})")
            return
        with self._lock:
            # Changes made by other threads while this was saving stay recorded and pending.
            for path, record in self._changed.items():
                if record is None:
                    files.pop(path, None)
                else:
                    files[path] = record
            self._files = files

    def prune(self, min_age_seconds: float = 3600.0) -> int:
        """Delete entries no recorded file holds any more (older than `min_age_seconds`, so an
        entry another process has just written is kept), and the caches of other parser
        versions unused for `OLD_VERSION_SECONDS`; returns how many entries were deleted."""
        self._drop_old_versions()
        referenced = {r.digest for r in self._read_manifest().values()}
        with self._lock:
            referenced |= {r.digest for r in (self._files or {}).values()}
        removed = 0
        now = time.time()
        try:
            names = list(self.entries_dir.iterdir())
        except OSError:
            return 0
        for entry_path in names:
            if entry_path.suffix != ".json" or entry_path.stem in referenced:
                continue
            with contextlib.suppress(OSError):
                if now - entry_path.stat().st_mtime >= min_age_seconds:
                    entry_path.unlink()
                    removed += 1
        return removed

    def _drop_old_versions(self) -> None:
        now = time.time()
        try:
            siblings = list(self.directory.parent.iterdir())
        except OSError:
            return
        for sibling in siblings:
            if sibling == self.directory or not _VERSION_DIR.fullmatch(sibling.name):
                continue
            try:
                used = max(sibling.stat().st_mtime, (sibling / "files.json").stat().st_mtime)
            except OSError:
                used = 0.0
            if now - used >= OLD_VERSION_SECONDS:
                shutil.rmtree(sibling, ignore_errors=True)

    def known_paths(self) -> Iterable[str]:
        """The files the cache holds a record of."""
        return list(self._manifest())
