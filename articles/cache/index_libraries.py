"""Who's who and the documents kept prepared in the index database (its `libraries` table): a
library is recorded under a key that names its files and what each held (`library_key`), so
the library screen shows who's who and the documents of a library it has met before as soon
as it has its rows, without merging every article's people and documents again (2 s at
10,000 articles). A part of `IndexCache` (see `articles.cache.index_cache`).

The key is a hash of every file's path and content hash as recorded in `files` (a file with no
record counts as such): any file added, removed or changed gives another key, and the library
is built again and recorded under it. The last `LIBRARIES_KEPT` libraries are kept (a reader
may open several folders)."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import orjson

from articles.cache.index_host import IndexHost, file_key
from articles.cache.index_schema import transaction
from articles.cache.library_codec import LibraryFormatError, library_from_json, library_to_json
from articles.library.build import Library
from articles.library.entry import ArticleSummary

LIBRARIES_KEPT = 4
"""How many prepared libraries the index keeps (the most recently recorded)."""


class IndexLibraries(IndexHost):
    """The index's prepared libraries (mixed into `IndexCache`)."""

    def library_key(self, files: Iterable[Path]) -> str:
        """The key of the library of `files` as the index records them now (see the module
        docstring); the order of `files` does not matter."""
        records = self._manifest()
        lines = []
        for path in files:
            key = file_key(path)
            record = records.get(key)
            lines.append(f"{key}\0{record.digest if record is not None else '-'}\n")
        digest = hashlib.blake2b(digest_size=16)
        for line in sorted(lines):
            digest.update(line.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def prepared_library(self, key: str, summaries: Mapping[Path, ArticleSummary]
                         ) -> Library | None:
        """The library recorded under `key`, over `summaries` (the rows of its files); None
        when there is none or it cannot be read (a bad record is deleted)."""
        conn = self._db()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT data FROM libraries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot read ({exc})")
            return None
        if row is None:
            return None
        try:
            return library_from_json(orjson.loads(row[0]), summaries)
        except (orjson.JSONDecodeError, LibraryFormatError) as exc:
            self._note(f"{self.db_path}: prepared library dropped ({exc})")
            try:
                conn.execute("DELETE FROM libraries WHERE key = ?", (key,))
            except sqlite3.Error as error:
                self._note(f"{self.db_path}: cannot write ({error})")
            return None

    def keep_library(self, key: str, library: Library) -> None:
        """Record `library` (light) under `key`, dropping all but the `LIBRARIES_KEPT` latest
        (failures are noted, not raised)."""
        conn = self._db()
        if conn is None:
            return
        data = orjson.dumps(library_to_json(library))
        try:
            with transaction(conn):
                conn.execute("INSERT OR REPLACE INTO libraries VALUES (?, ?, ?)",
                             (key, data, time.time()))
                conn.execute("DELETE FROM libraries WHERE key NOT IN (SELECT key FROM "
                             "libraries ORDER BY stored DESC LIMIT ?)", (LIBRARIES_KEPT,))
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot write ({exc})")
