"""Full-text search across a library: an SQLite FTS5 index of every article's text in the cache
directory (`articles.cache.fulltext_schema`), kept up to date by `FullTextIndex.update` and asked by
`FullTextIndex.search`.

- A query is a phrase: its words in order, whole words, ignoring case, diacritics ("dang" finds
  "Đảng") and differences in white space. FTS5 finds the articles that hold the phrase's words
  in order; each of them is then searched in its canonical text (`articles.parsing.search.find_all`,
  whole words), so every hit is exact and its offsets are code-point offsets into
  `Article.text`, the ones the article view opens at.
- `update(files)` reads only what changed: a file whose size and mtime are as recorded is not
  read; a changed one is read, hashed and, when its content is new, its text indexed. Files
  that are gone are forgotten, and texts no file holds any more are dropped.
- Nothing about the index is fatal: problems are noted in `problems`; a database that cannot be
  opened makes searches find nothing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from articles.cache.fulltext_schema import DB_NAME, open_database, transaction
from articles.cache.index_cache import RACY_SECONDS, content_hash, default_cache_dir
from articles.cache.index_host import file_key
from articles.errors import ArticleError
from articles.library.entry import context_line
from articles.parsing.search import find_all, folded_with_origin
from articles.sources import is_html_path
from articles.sources.regular_file import open_regular, read_at_most
from articles.sources.textio import MAX_BYTES, canonicalize, decode

__all__ = ["FullTextIndex", "TextHit", "UpdateStats", "fts_phrase"]

BATCH = 200
"""Files indexed per write transaction."""

CONTEXT = 80
"""About how many characters of text a hit's context line holds."""


@dataclass(frozen=True, slots=True)
class TextHit:
    """One occurrence of the phrase: `text[start:end]` of the article at `path` (`text` is its
    canonical text, shared by all its hits)."""

    path: Path
    start: int
    end: int
    text: str = field(repr=False)

    @property
    def matched(self) -> str:
        """The text found."""
        return self.text[self.start:self.end]

    def context(self, width: int = CONTEXT) -> tuple[str, int, int]:
        """About `width` characters of text around the hit on one line, and where the hit is
        in it (made when asked for: most hits of a common word are never shown)."""
        return context_line(self.text, self.start, self.end, width=width)


@dataclass(slots=True)
class UpdateStats:
    """What `update` did: files read, texts added, files forgotten, files it could not read."""

    read: int = 0
    added: int = 0
    forgotten: int = 0
    unreadable: list[str] = field(default_factory=list)


def fts_phrase(query: str) -> str | None:
    """The FTS5 query for the phrase `query` (folded, quoted); None when it holds no word."""
    folded = " ".join(folded_with_origin(query)[0].split())
    if not any(ch.isalnum() for ch in folded):
        return None
    return '"' + folded.replace('"', '""') + '"'


def article_text(path: Path, data: bytes) -> str:
    """The canonical text of an article file's bytes (a web page's extracted text);
    ArticleError when it has none."""
    if is_html_path(path):
        from articles.sources.loader import article_of_bytes

        return article_of_bytes(data, path=path, where=path).text
    text = canonicalize(decode(data, path))
    if not text.strip():
        raise ArticleError(path, "the file holds no text (only white space)")
    return text


class FullTextIndex:
    """The full-text database in `directory` (the library index's cache directory by default);
    one connection per thread, so threads may share it, and processes a database."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()
        self.db_path = self.directory / DB_NAME
        self.problems: list[str] = []
        self._local = threading.local()
        self._broken = False

    def _note(self, problem: str) -> None:
        if len(self.problems) < 100:
            self.problems.append(problem)

    def _db(self) -> sqlite3.Connection | None:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None or self._broken:
            return conn
        try:
            conn = open_database(self.db_path, self._note)
        except (OSError, sqlite3.Error) as exc:
            self._broken = True
            self._note(f"{self.db_path}: cannot open ({getattr(exc, 'strerror', None) or exc})")
            return None
        self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # --- keeping it up to date ------------------------------------------------------------

    def update(self, files: Iterable[Path]) -> UpdateStats:
        """Index what changed among `files` (see the module docstring)."""
        stats = UpdateStats()
        conn = self._db()
        if conn is None:
            return stats
        try:
            known = {p: (s, m, d) for p, s, m, d in conn.execute(
                "SELECT path, size, mtime_ns, digest FROM files")}
            digests = {d for (d,) in conn.execute("SELECT digest FROM texts")}
            batch: list[tuple[str, os.stat_result, str, str | None]] = []
            for path in files:
                item = self._changed(path, known, digests, stats)
                if item is not None:
                    batch.append(item)
                    if item[3] is not None:
                        digests.add(item[2])
                if len(batch) >= BATCH:
                    self._write(conn, batch, stats)
                    batch = []
            self._write(conn, batch, stats)
            self._forget_gone(conn, known, stats)
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot update ({exc})")
        return stats

    def _changed(self, path: Path, known: dict[str, tuple[int, int, str]], digests: set[str],
                 stats: UpdateStats) -> tuple[str, os.stat_result, str, str | None] | None:
        """(key, stat, digest, text or None when the text is indexed already) for a file
        that changed since it was recorded; None for one unchanged or unreadable."""
        key = file_key(path)
        try:
            st = path.stat()
        except OSError:
            return None
        record = known.get(key)
        if (record is not None and record[1] >= 0 and record[0] == st.st_size
                and record[1] == st.st_mtime_ns and record[2] in digests):
            return None
        try:
            with open_regular(path) as f:
                st = os.fstat(f.fileno())
                data = read_at_most(f, MAX_BYTES)
        except OSError:
            stats.unreadable.append(key)
            return None
        stats.read += 1
        digest = content_hash(data)
        if digest in digests:
            return key, st, digest, None
        try:
            text = article_text(path, data)
        except ArticleError:
            stats.unreadable.append(key)
            return None
        except Exception as exc:  # a page the extractor cannot read must not stop the rest
            stats.unreadable.append(f"{key} ({type(exc).__name__})")
            return None
        return key, st, digest, text

    @staticmethod
    def _write(conn: sqlite3.Connection, batch: list[tuple[str, os.stat_result, str, str | None]],
               stats: UpdateStats) -> None:
        if not batch:
            return
        now = time.time_ns()
        with transaction(conn):
            for key, st, digest, text in batch:
                if text is not None:
                    cursor = conn.execute(
                        "INSERT OR IGNORE INTO texts (digest, text) VALUES (?, ?)", (digest, text))
                    if cursor.rowcount == 1:
                        conn.execute("INSERT INTO fts (rowid, body) VALUES (?, ?)",
                                     (cursor.lastrowid, folded_with_origin(text)[0]))
                        stats.added += 1
                trusted = now - st.st_mtime_ns > RACY_SECONDS * 1e9
                conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                             (key, st.st_size, st.st_mtime_ns if trusted else -1, digest))

    @staticmethod
    def _forget_gone(conn: sqlite3.Connection, known: dict[str, tuple[int, int, str]],
                     stats: UpdateStats) -> None:
        gone = [p for p in known if not os.path.isfile(p)]
        with transaction(conn):
            conn.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])
            stats.forgotten = len(gone)
            orphans = [i for (i,) in conn.execute(
                "SELECT id FROM texts WHERE digest NOT IN (SELECT digest FROM files)")]
            conn.executemany("DELETE FROM fts WHERE rowid = ?", [(i,) for i in orphans])
            conn.executemany("DELETE FROM texts WHERE id = ?", [(i,) for i in orphans])

    # --- searching ------------------------------------------------------------------------

    def search(self, query: str, files: Sequence[Path], limit: int = 10_000) -> list[TextHit]:
        """Every occurrence of the phrase `query` in the articles of `files` (as indexed by the
        last `update`), in the order of `files`, then of the text; at most `limit`."""
        conn = self._db()
        phrase = fts_phrase(query)
        if conn is None or phrase is None:
            return []
        wanted = {file_key(p): p for p in files}
        try:
            rows = conn.execute(
                "SELECT f.path, t.id FROM fts JOIN texts t ON t.id = fts.rowid "
                "JOIN files f ON f.digest = t.digest WHERE fts MATCH ?", (phrase,)).fetchall()
            ids = {key: id_ for key, id_ in rows if key in wanted}
            hits: list[TextHit] = []
            for key, path in wanted.items():  # texts read in order, until the limit
                id_ = ids.get(key)
                if id_ is None:
                    continue
                (text,) = conn.execute("SELECT text FROM texts WHERE id = ?", (id_,)).fetchone()
                for start, end in find_all(text, query, limit=limit - len(hits),
                                           whole_words=True):
                    hits.append(TextHit(path, start, end, text))
                if len(hits) >= limit:
                    break
        except (sqlite3.Error, TypeError) as exc:  # TypeError: a text deleted meanwhile
            self._note(f"{self.db_path}: cannot search ({exc})")
            return []
        return hits

    def text(self, path: Path) -> str | None:
        """The indexed canonical text of the file at `path`, if it is indexed."""
        conn = self._db()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT t.text FROM files f JOIN texts t ON t.digest = f.digest "
                               "WHERE f.path = ?", (file_key(path),)).fetchone()
        except sqlite3.Error:
            return None
        return str(row[0]) if row is not None else None
