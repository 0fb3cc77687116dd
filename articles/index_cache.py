"""The library's index: one SQLite database in the cache directory, so reopening a library
parses nothing and reads no article file.

Where: `<cache dir>/index.sqlite3` (`READER_CACHE_DIR`, else the user cache dir's
`reader/index`), with its `-wal` and `-shm` companions (WAL mode, one connection per thread,
`synchronous=NORMAL`: a cache is rebuilt, not recovered). Tables:

    meta       (key, value)                 schema version, entry format, parser fingerprint
    files      (path, size, mtime_ns, digest)   what each file held when last read
    entries    (digest, id, title, authors, published, source, people_count,
                documents_count, error, detail, stored)   one row per distinct file content
    people     (digest, key, name, roles, mentions)       compact: who's who without mentions
    documents  (digest, key, code, type, issuer, issuer_given, date, year, subject, mentions)

- Entries are keyed by a hash of the file's bytes (`content_hash`): an unchanged file is never
  parsed again, a copied or moved file is found under its new path, a changed file (new hash)
  is re-parsed. Unreadable files are kept the same way, so they are not retried until changed.
  `files` lets reopening skip reading a file whose size and mtime are as recorded; a record
  made within `RACY_SECONDS` of the file's mtime is not trusted (mtime -1) until hashed again.
- The article table reads its rows from the columns of `entries` (`summaries`), the first
  page first; who's who and documents are built from the compact `people` and `documents`
  tables (`light_entries`); a person's or document's mentions come from `detail` (the entry's
  JSON), for the few articles concerned, when shown (`load`).
- The database is rebuilt (empty, then filled again from the articles) when it is missing,
  not a database (garbage bytes), or of another schema, entry format or parser version.
  Nothing about it is ever fatal: reading falls back to parsing; writing problems are noted in
  `IndexCache.problems`.
- Room for full-text search: an FTS5 table over the articles' text, keyed by `digest` like
  `entries`, fits beside these tables (and goes with them when the schema version changes).
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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import orjson

from articles.cache_files import CACHE_ENV, user_cache_root
from articles.entry_codec import entry_from_record, entry_to_json
from articles.library_entry import (
    ENTRY_FORMAT,
    ArticleEntry,
    ArticleSummary,
    EntryDocument,
    EntryFormatError,
    EntryPerson,
)

RACY_SECONDS = 2.0
"""A file's size and mtime are trusted only when recorded this long after the mtime."""

OLD_VERSION_SECONDS = 24 * 3600.0
"""A directory of the old one-file-per-entry cache is deleted once unused for this long."""

SCHEMA_VERSION = 2
"""The version of the tables below (1 was the JSON file layout)."""

DB_NAME = "index.sqlite3"

_OLD_VERSION_DIR = re.compile(r"v\d+-[0-9a-f]{16}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_digest ON files (digest);
CREATE TABLE IF NOT EXISTS entries (
    digest TEXT PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, authors TEXT NOT NULL,
    published TEXT, source TEXT, people_count INTEGER NOT NULL,
    documents_count INTEGER NOT NULL, error TEXT, detail BLOB NOT NULL, stored REAL NOT NULL);
CREATE TABLE IF NOT EXISTS people (
    digest TEXT NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL,
    mentions INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS people_by_digest ON people (digest);
CREATE TABLE IF NOT EXISTS documents (
    digest TEXT NOT NULL, key TEXT NOT NULL, code TEXT NOT NULL, type TEXT NOT NULL,
    issuer TEXT, issuer_given INTEGER NOT NULL, date TEXT, year INTEGER, subject TEXT,
    mentions INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS documents_by_digest ON documents (digest);
"""
_TABLES = ("meta", "files", "entries", "people", "documents")
_SUMMARY_COLUMNS = ("e.id, e.title, e.authors, e.published, e.source, e.people_count, "
                    "e.documents_count, e.error")


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
    """How `files` names a file: its absolute path (not resolving links)."""
    return os.path.abspath(path)


def content_hash(data: bytes) -> str:
    """The cache key of a file's content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _meta() -> dict[str, str]:
    return {"schema": str(SCHEMA_VERSION), "entry_format": str(ENTRY_FORMAT),
            "parser": parser_fingerprint()}


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a file held when last read: size, mtime (ns; -1 when not to be trusted), hash."""

    size: int
    mtime_ns: int
    digest: str


def summary_from_row(path: Path, row: tuple[object, ...]) -> ArticleSummary:
    """An `ArticleSummary` from the summary columns of `entries` (`_SUMMARY_COLUMNS`)."""
    id_, title, authors, published, source, people, documents, error = row
    return ArticleSummary(
        path=path, id=str(id_), title=str(title),
        authors=tuple(orjson.loads(authors)) if authors != "[]" else (),  # type: ignore[arg-type]
        published=datetime.fromisoformat(published) if published else None,  # type: ignore[arg-type]
        source=source,  # type: ignore[arg-type]
        people_count=people, documents_count=documents, error=error,  # type: ignore[arg-type]
    )


class IndexCache:
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

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.db_path, timeout=30.0, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def _open(self) -> sqlite3.Connection:
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            conn = self._connect()
            found = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if _has_meta(
                conn) else None
        except sqlite3.DatabaseError as exc:  # garbage bytes: not a database at all
            self._note(f"{self.db_path}: rebuilt ({exc})")
            with contextlib.suppress(NameError, sqlite3.Error):
                conn.close()
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.db_path}{suffix}")
            conn = self._connect()
            found = None
        if found != _meta():
            if found is not None:
                self._note(f"{self.db_path}: rebuilt (made by another version)")
            with _transaction(conn):
                for table in _TABLES:
                    conn.execute(f"DROP TABLE IF EXISTS {table}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", _meta().items())
        return conn

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
        return self._manifest().get(_key(path))

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
        files = self._manifest()
        key = _key(path)
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
            if files.pop(_key(path), None) is None:
                return
        self._write("DELETE FROM files WHERE path = ?", (_key(path),))

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
            row = conn.execute(f"SELECT {_SUMMARY_COLUMNS}, e.detail FROM entries e "
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

    def entry(self, summary: ArticleSummary) -> ArticleEntry | None:
        """The full entry (every mention) of a file of the table, as recorded; its mentions
        refer to `summary`."""
        record = self.record(summary.path)
        if record is None:
            return None
        return self.load(record.digest, summary.path, summary)

    def summary(self, digest: str, path: Path) -> ArticleSummary | None:
        """The table row of content `digest`, as the file at `path` (no details read)."""
        conn = self._db()
        if conn is None:
            return None
        try:
            row = conn.execute(f"SELECT {_SUMMARY_COLUMNS} FROM entries e WHERE e.digest = ?",
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
            with _transaction(conn):
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
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot write ({exc})")

    @staticmethod
    def _drop(conn: sqlite3.Connection, digests: list[str], commit: bool = True) -> None:
        with _transaction(conn) if commit else contextlib.nullcontext():
            for table in ("entries", "people", "documents"):
                conn.executemany(f"DELETE FROM {table} WHERE digest = ?",
                                 [(d,) for d in digests])

    # --- what the library screen reads ----------------------------------------------------

    def summaries(self, files: Mapping[str, Path], limit: int | None = None
                  ) -> Iterator[ArticleSummary]:
        """The recorded rows of `files` (keyed by absolute path), newest first, unreadable
        files last, as the article table shows them first; stops after `limit` rows. Trusts
        the records: checking them against the files is left to `Indexer.quick_scan`."""
        conn = self._db()
        if conn is None:
            return
        try:
            rows = conn.execute(
                f"SELECT f.path, {_SUMMARY_COLUMNS} FROM files f JOIN entries e "
                "ON e.digest = f.digest ORDER BY e.error IS NOT NULL, e.published DESC, "
                "f.path DESC")
            count = 0
            for row in rows:
                path = files.get(row[0])
                if path is None:
                    continue
                yield summary_from_row(path, row[1:])
                count += 1
                if limit is not None and count >= limit:
                    return
        except (sqlite3.Error, orjson.JSONDecodeError, ValueError) as exc:
            self._note(f"{self.db_path}: cannot read ({exc})")

    def light_entries(self, summaries: Iterable[ArticleSummary]) -> list[ArticleEntry]:
        """Entries of these files with their people and documents but no mentions (each with
        its number of mentions), from the compact tables: what `build_library` needs for who's
        who and the documents. A file without a record gets its summary alone."""
        by_digest: dict[str, list[ArticleSummary]] = {}
        alone: list[ArticleEntry] = []
        files = self._manifest()
        for summary in summaries:
            record = files.get(_key(summary.path))
            if record is None or summary.pending or summary.error is not None:
                alone.append(ArticleEntry(summary))
            else:
                by_digest.setdefault(record.digest, []).append(summary)
        people: dict[str, list[EntryPerson]] = {}
        documents: dict[str, list[EntryDocument]] = {}
        conn = self._db()
        if conn is not None:
            try:
                for digest, key, name, roles, count in conn.execute(
                        "SELECT digest, key, name, roles, mentions FROM people ORDER BY rowid"):
                    if digest in by_digest:
                        people.setdefault(digest, []).append(
                            EntryPerson(key, name, tuple(orjson.loads(roles)), (), count))
                for digest, *d in conn.execute(
                        "SELECT digest, key, code, type, issuer, issuer_given, date, year, "
                        "subject, mentions FROM documents ORDER BY rowid"):
                    if digest in by_digest:
                        documents.setdefault(digest, []).append(EntryDocument(
                            d[0], d[1], d[2], d[3], bool(d[4]),
                            date.fromisoformat(d[5]) if d[5] else None, d[6], d[7], (), d[8]))
            except (sqlite3.Error, orjson.JSONDecodeError, ValueError) as exc:
                self._note(f"{self.db_path}: cannot read ({exc})")
        out = alone
        for digest, group in by_digest.items():
            found_people = tuple(people.get(digest, ()))
            found_documents = tuple(documents.get(digest, ()))
            out.extend(ArticleEntry(s, found_people, found_documents) for s in group)
        return out

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


def _has_meta(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                        ).fetchone() is not None


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (taken at once, so two writers wait rather than deadlock)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
