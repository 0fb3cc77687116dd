"""The full-text index's database: its tables, and opening it (made when missing, rebuilt when it
is not a database or was made by another version of these tables or of the `articles` package).

    meta   (key, value)                       table version, parser fingerprint, tokenizer
    files  (path, size, mtime_ns, digest)     what each file held when last read
    texts  (id, digest, text)                 one row per distinct file content: its canonical
                                              text (every hit's offsets index it)
    fts    FTS5 (body)                        rowid = texts.id; `body` is the text folded
                                              (`articles.folding.strip_marks`, lower case)

FTS5's `unicode61 remove_diacritics 2` tokenizer removes most marks but keeps "đ" a letter of
its own, so the indexed body is folded by us first (đ→d, marks dropped, lower case) and so is
every query: "dang" finds "Đảng". The database is `fulltext.sqlite3` beside the library index
(`index.sqlite3`) in the cache directory; deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from articles.cache.fingerprint import parser_fingerprint

FULLTEXT_VERSION = 1
"""The version of the tables below."""

DB_NAME = "fulltext.sqlite3"

TOKENIZER = "unicode61 remove_diacritics 2"

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_digest ON files (digest);
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY, digest TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(body, tokenize = '{TOKENIZER}');
"""
TABLES = ("meta", "files", "texts", "fts")


def meta() -> dict[str, str]:
    """What a database made by this version says about itself."""
    return {"fulltext": str(FULLTEXT_VERSION), "parser": parser_fingerprint(),
            "tokenizer": TOKENIZER}


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _found_meta(conn: sqlite3.Connection) -> dict[str, str] | None:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                    ).fetchone() is None:
        return None
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def open_database(path: Path, note: Callable[[str], None]) -> sqlite3.Connection:
    """A connection to the full-text database at `path`, made or rebuilt as needed (`note` is
    told why it was rebuilt). sqlite3.Error or OSError when there can be none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(path)
        found = _found_meta(conn)
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


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (two writers wait rather than deadlock)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
