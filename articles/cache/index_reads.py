"""What the library screen reads from the index database: the table's rows (the first page
first), the light entries who's who and the documents are built from, and the mentions of one
person or document. A part of `IndexCache` (see `articles.cache.index_cache`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path

import orjson

from articles.cache.index_host import IndexHost, file_key
from articles.cache.index_schema import SUMMARY_COLUMNS, summary_from_row
from articles.library.entry import (
    ArticleEntry,
    ArticleSummary,
    EntryDocument,
    EntryPerson,
    LibraryMention,
)


class IndexReads(IndexHost):
    """The index's queries for the library screen (mixed into `IndexCache`)."""

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
                f"SELECT f.path, {SUMMARY_COLUMNS} FROM files f JOIN entries e "
                "ON e.digest = f.digest ORDER BY e.error IS NOT NULL, e.published DESC")
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
            record = files.get(file_key(summary.path))
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

    def mentions_of(self, owner: str, key: str, articles: Sequence[ArticleSummary]
                    ) -> dict[Path, list[tuple[LibraryMention, ...]]]:
        """The mentions of the person (`owner` "p") or document ("d") with this `key` in each
        of `articles`: per article, one tuple per entry of that key there, in entry order."""
        by_digest: dict[str, list[ArticleSummary]] = {}
        files = self._manifest()
        for article in articles:
            record = files.get(file_key(article.path))
            if record is not None:
                by_digest.setdefault(record.digest, []).append(article)
        found: dict[tuple[str, int], list[tuple[object, ...]]] = {}
        conn = self._db()
        if conn is None:
            return {}
        try:
            for digest, ordinal, *fields in conn.execute(
                    "SELECT digest, ordinal, first, last, kind, text, context, context_start, "
                    "context_end FROM mentions WHERE owner = ? AND key = ? ORDER BY rowid",
                    (owner, key)):
                if digest in by_digest:
                    found.setdefault((digest, ordinal), []).append(tuple(fields))
        except sqlite3.Error as exc:
            self._note(f"{self.db_path}: cannot read ({exc})")
        out: dict[Path, list[tuple[LibraryMention, ...]]] = {}
        for (digest, _), rows in sorted(found.items()):
            for article in by_digest[digest]:
                out.setdefault(article.path, []).append(
                    tuple(LibraryMention(article, *row) for row in rows))  # type: ignore[arg-type]
        return out

