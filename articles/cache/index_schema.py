"""The index database's tables, and opening it: made when missing, rebuilt (emptied) when it
is not a database (garbage bytes) or was made by another schema, entry format or parser.

    meta       (key, value)                 schema version, entry format, parser fingerprint
    files      (path, size, mtime_ns, digest)   what each file held when last read
    entries    (digest, id, title, authors, published, source, people_count,
                documents_count, error, detail, stored)   one row per distinct file content;
               `detail` is the entry's JSON (`articles.cache.entry_codec`)
    people     (digest, key, name, roles, mentions)       compact: who's who without mentions
    documents  (digest, key, code, type, issuer, issuer_given, date, year, subject, mentions)
    mentions   (digest, owner, key, ordinal, first, last, kind, text, context, context_start,
                context_end)   every mention of a person ("p") or document ("d"), by `key`
    libraries  (key, data, stored)   who's who and the documents of a set of files, prepared
               (`articles.cache.index_libraries`; `data` is `articles.cache.library_codec`'s JSON)

WAL mode, `synchronous=NORMAL` (a cache is rebuilt, not recovered), one connection per thread.
Room for full-text search: an FTS5 table over the articles' text, keyed by `digest` like
`entries`, fits beside these (and goes with them when `SCHEMA_VERSION` changes).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import orjson

from articles.cache.fingerprint import parser_fingerprint
from articles.library.entry import ENTRY_FORMAT, ArticleSummary

SCHEMA_VERSION = 3
"""The version of the tables below (1 was a JSON file per entry; 3 added `libraries`)."""

DB_NAME = "index.sqlite3"

SCHEMA = """
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
CREATE TABLE IF NOT EXISTS mentions (
    digest TEXT NOT NULL, owner TEXT NOT NULL, key TEXT NOT NULL, ordinal INTEGER NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    context TEXT NOT NULL, context_start INTEGER NOT NULL, context_end INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_by_key ON mentions (owner, key);
CREATE INDEX IF NOT EXISTS mentions_by_digest ON mentions (digest);
CREATE INDEX IF NOT EXISTS entries_by_date ON entries (error IS NOT NULL, published DESC);
CREATE TABLE IF NOT EXISTS libraries (
    key TEXT PRIMARY KEY, data BLOB NOT NULL, stored REAL NOT NULL);
"""
TABLES = ("meta", "files", "entries", "people", "documents", "mentions", "libraries")
SUMMARY_COLUMNS = ("e.id, e.title, e.authors, e.published, e.source, e.people_count, "
                    "e.documents_count, e.error")



def meta() -> dict[str, str]:
    return {"schema": str(SCHEMA_VERSION), "entry_format": str(ENTRY_FORMAT),
            "parser": parser_fingerprint()}


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


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def open_database(path: Path, note: Callable[[str], None]) -> sqlite3.Connection:
    """A connection to the index database at `path`, made or rebuilt as needed (`note` is told
    why it was rebuilt). sqlite3.Error or OSError when there can be none."""
    try:
        conn = _connect(path)
        found = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if _has_meta(
            conn) else None
    except sqlite3.DatabaseError as exc:  # garbage bytes: not a database at all
        note(f"{path}: rebuilt ({exc})")
        with contextlib.suppress(NameError, sqlite3.Error):
            conn.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
        conn = _connect(path)
        found = None
    if found != meta():
        if found is not None:
            note(f"{path}: rebuilt (made by another version)")
        with transaction(conn):
            for table in TABLES:
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta().items())
    return conn


def _has_meta(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                        ).fetchone() is not None


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (taken at once, so two writers wait rather than deadlock)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
