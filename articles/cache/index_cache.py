"""The library's index: one SQLite database in the cache directory (`<cache dir>/index.sqlite3`,
`READER_CACHE_DIR` else the user cache dir's `reader/index`), so reopening a library parses
nothing and reads no article file. Its tables are in `articles.cache.index_schema`.

- Entries are keyed by a hash of the file's bytes (`content_hash`): an unchanged file is never
  parsed again, a copied or moved file is found under its new path, a changed file (new hash)
  is re-parsed. Unreadable files are kept the same way, so they are not retried until changed.
  `files` lets reopening skip reading a file whose size and mtime are as recorded; a record
  made within `RACY_SECONDS` of the file's mtime is not trusted (mtime -1) until hashed again.
- The article table reads its rows from the columns of `entries` (`summaries`), the first
  page first (an index gives them in date order without sorting); who's who and the documents
  are built from the compact `people` and `documents` tables (`light_entries`); a person's or
  document's mentions come from `mentions` when shown (`mentions_of`); who's who and the
  documents of a set of files are kept prepared in `libraries` (`library_key`,
  `prepared_library`, `keep_library`).
- The database is rebuilt (emptied, then filled again from the articles) when it is missing,
  corrupt or of another version. Nothing about it is ever fatal: reading falls back to
  parsing; writing problems are noted in `IndexCache.problems`.
- Several threads may share an `IndexCache` (one connection each), and several processes a
  database (SQLite's locks; each write is one short transaction).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from articles.cache.entry_codec import entry_from_record, entry_to_json
from articles.cache.files import CACHE_ENV, user_cache_root
from articles.cache.fingerprint import parser_fingerprint
from articles.cache.index_host import file_key
from articles.cache.index_libraries import IndexLibraries
from articles.cache.index_reads import IndexReads
from articles.cache.index_schema import (
    DB_NAME,
    SUMMARY_COLUMNS,
    open_database,
    summary_from_row,
    transaction,
)
from articles.library.entry import (
    ArticleEntry,
    ArticleSummary,
    EntryFormatError,
)

__all__ = ["CACHE_ENV", "FileRecord", "IndexCache", "content_hash", "default_cache_dir",
           "parser_fingerprint"]

RACY_SECONDS = 2.0
"""A file's size and mtime are trusted only when recorded this long after the mtime."""

OLD_VERSION_SECONDS = 24 * 3600.0
"""A directory of the old one-file-per-entry cache is deleted once unused for this long."""

_OLD_VERSION_DIR = re.compile(r"v\d+-[0-9a-f]{16}")


def default_cache_dir() -> Path:
    """`READER_CACHE_DIR` when set, else `<user cache dir>/reader/index`."""
    env = os.environ.get(CACHE_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return user_cache_root() / "index"


def content_hash(data: bytes) -> str:
    """The cache key of a file's content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a file held when last read: size, mtime (ns; -1 when not to be trusted), hash."""

    size: int
    mtime_ns: int
    digest: str


class IndexCache(IndexReads, IndexLibraries):
    """The index database (see the module docstring); safe to share between threads (each
    thread has its own connection) and between processes (SQLite locks)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()
        self.db_path = self.directory / DB_NAME
        self.problems: list[str] = []
        self._lock = threading.Lock()
        self._local = threading.local()
        self._broken = False
        self._files: dict[str, FileRecord] | None = None

    # --- the connection -------------------------------------------------------------------

    def _note(self, problem: str) -> None:
        with self._lock:
            if len(self.problems) < 100:
                self.problems.append(problem)

    def _db(self) -> sqlite3.Connection | None:
        """This thread's connection, opened (and the database made or rebuilt) on first use;
        None when there can be no database (the problem is noted)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None or self._broken:
            return conn
        try:
            conn = self._open()
        except (OSError, sqlite3.Error) as exc:
            self._broken = True
            self._note(f"{self.db_path}: cannot write ({getattr(exc, 'strerror', None) or exc})")
            return None
        self._local.conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        return open_database(self.db_path, self._note)

    def close(self) -> None:
        """Close this thread's connection (others close when their thread ends)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- what each file held --------------------------------------------------------------

    def _manifest(self) -> dict[str, FileRecord]:
        if self._files is None:
            files: dict[str, FileRecord] = {}
            conn = self._db()
            if conn is not None:
                try:
                    rows = conn.execute("SELECT path, size, mtime_ns, digest FROM files")
                    files = {p: FileRecord(s, m, d) for p, s, m, d in rows}
                except sqlite3.Error as exc:
                    self._note(f"{self.db_path}: cannot read ({exc})")
            with self._lock:
                if self._files is None:
                    self._files = files
        return self._files

    def record(self, path: Path) -> FileRecord | None:
        """What was last recorded about `path` (trusted or not)."""
        return self._manifest().get(file_key(path))

    def known_hash(self, path: Path, st: os.stat_result) -> str | None:
        """The content hash recorded for `path` if its size and mtime are still as recorded."""
        record = self._manifest().get(file_key(path))
        if record is None or record.mtime_ns < 0:
            return None
        if record.size != st.st_size or record.mtime_ns != st.st_mtime_ns:
            return None
        return record.digest

    def remember(self, path: Path, st: os.stat_result, digest: str) -> None:
        """Record that `path`, with this size and mtime, holds content `digest`."""
        trusted = time.time_ns() - st.st_mtime_ns > RACY_SECONDS * 1e9
        record = FileRecord(st.st_size, st.st_mtime_ns if trusted else -1, digest)
        files = self._manifest()
        key = file_key(path)
        with self._lock:
            if files.get(key) == record:
                return
            files[key] = record
        self._write("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                    (key, record.size, record.mtime_ns, record.digest))

    def forget(self, path: Path) -> None:
        """Drop what is recorded about `path` (a removed file)."""
        files = self._manifest()
        with self._lock:
            if files.pop(file_key(path), None) is None:
                return
        self._write("DELETE FROM files WHERE path = ?", (file_key(path),))

    def _write(self, sql: str, values: tuple[object, ...]) -> None:
        conn = self._db()
        if conn is None:
            return
        try:
            conn.execute(sql, values)
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot write ({exc})")

    # --- entries --------------------------------------------------------------------------

    def load(self, digest: str, path: Path, summary: ArticleSummary | None = None
             ) -> ArticleEntry | None:
        """The cached entry for content `digest`, as the entry of the file at `path` (with
        `summary` as its summary, if given); None if there is none or it is unreadable (a bad
        record is deleted)."""
        conn = self._db()
        if conn is None:
            return None
        try:
            row = conn.execute(f"SELECT {SUMMARY_COLUMNS}, e.detail FROM entries e "
                               "WHERE e.digest = ?", (digest,)).fetchone()
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot read ({exc})")
            return None
        if row is None:
            return None
        try:
            if summary is None:
                summary = summary_from_row(path, row[:-1])
            return entry_from_record(orjson.loads(row[-1]), summary)
        except (orjson.JSONDecodeError, EntryFormatError, TypeError, ValueError) as exc:
            self._note(f"{self.db_path}: entry {digest} dropped ({exc})")
            self._drop(conn, [digest])
            return None

    def summary(self, digest: str, path: Path) -> ArticleSummary | None:
        """The table row of content `digest`, as the file at `path` (no details read)."""
        conn = self._db()
        if conn is None:
            return None
        try:
            row = conn.execute(f"SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.digest = ?",
                               (digest,)).fetchone()
            return summary_from_row(path, row) if row is not None else None
        except (sqlite3.Error, orjson.JSONDecodeError, ValueError) as exc:
            self._note(f"{self.db_path}: cannot read ({exc})")
            return None

    def store(self, digest: str, entry: ArticleEntry) -> None:
        """Keep `entry` as the entry of content `digest` (failures are noted, not raised)."""
        conn = self._db()
        if conn is None:
            return
        s = entry.summary
        detail = orjson.dumps(entry_to_json(entry))
        try:
            with transaction(conn):
                self._drop(conn, [digest], commit=False)
                conn.execute(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (digest, s.id, s.title, orjson.dumps(list(s.authors)).decode(),
                     s.published.isoformat() if s.published else None, s.source,
                     len(entry.people), len(entry.documents), s.error, detail, time.time()))
                conn.executemany(
                    "INSERT INTO people VALUES (?, ?, ?, ?, ?)",
                    [(digest, p.key, p.name, orjson.dumps(list(p.roles)).decode(),
                      p.mention_count) for p in entry.people])
                conn.executemany(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(digest, d.key, d.code, d.type, d.issuer, int(d.issuer_given),
                      d.date.isoformat() if d.date else None, d.year, d.subject,
                      d.mention_count) for d in entry.documents])
                owners = [("p", n, p.key, p.mentions) for n, p in enumerate(entry.people)]
                owners += [("d", n, d.key, d.mentions) for n, d in enumerate(entry.documents)]
                conn.executemany(
                    "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(digest, owner, key, n, m.start, m.end, m.kind, m.text, m.context,
                      m.context_start, m.context_end)
                     for owner, n, key, mentions in owners for m in mentions])
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot write ({exc})")

    @staticmethod
    def _drop(conn: sqlite3.Connection, digests: list[str], commit: bool = True) -> None:
        with transaction(conn) if commit else contextlib.nullcontext():
            for table in ("entries", "people", "documents", "mentions"):
                conn.executemany(f"DELETE FROM {table} WHERE digest = ?",
                                 [(d,) for d in digests])

    # --- upkeep ---------------------------------------------------------------------------

    def save(self) -> None:
        """Forget the files that no longer exist (every write is already in the database)."""
        gone = [p for p in list(self._manifest()) if not os.path.isfile(p)]
        for path in gone:
            self.forget(Path(path))

    def prune(self, min_age_seconds: float = 3600.0) -> int:
        """Delete entries no recorded file holds any more (older than `min_age_seconds`, so an
        entry another process has just written is kept), and directories of the old
        one-file-per-entry cache unused for `OLD_VERSION_SECONDS`; returns how many entries
        were deleted."""
        self._drop_old_versions()
        conn = self._db()
        if conn is None:
            return 0
        try:
            digests = [d for (d,) in conn.execute(
                "SELECT digest FROM entries WHERE stored <= ? AND digest NOT IN "
                "(SELECT digest FROM files)", (time.time() - min_age_seconds,))]
            with self._lock:
                held = {r.digest for r in (self._files or {}).values()}
            digests = [d for d in digests if d not in held]
            self._drop(conn, digests)
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot prune ({exc})")
            return 0
        return len(digests)

    def _drop_old_versions(self) -> None:
        now = time.time()
        try:
            siblings = list(self.directory.iterdir())
        except OSError:
            return
        for sibling in siblings:
            if not _OLD_VERSION_DIR.fullmatch(sibling.name):
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
