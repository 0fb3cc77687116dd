"""Who's who and the documents kept prepared in the index (`libraries`): read back they are the
library `build_library` gives from light entries; the key changes with any file added, removed
or changed; a bad record, a record naming unknown articles or a database of the schema before
is never trusted; only the latest few are kept."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import orjson
import pytest

from articles.cache import index_libraries
from articles.cache.index_cache import IndexCache
from articles.cache.index_schema import SCHEMA_VERSION
from articles.cache.library_codec import (
    LibraryFormatError,
    library_from_json,
    library_to_json,
)
from articles.library.build import Library, build_library
from articles.library.entry import ArticleSummary
from articles.library.indexer import Indexer

FIXTURES = Path(__file__).parent / "library_fixtures"


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES, target)
    when = time.time() - 3600
    for path in target.glob("*.txt"):
        os.utime(path, (when, when))
    return target


def rows_of(cache: IndexCache, files: list[Path]) -> dict[Path, ArticleSummary]:
    keys = {os.path.abspath(p): p for p in files}
    return {s.path: s for s in cache.summaries(keys)}


def indexed(tmp_path: Path, library_dir: Path) -> tuple[IndexCache, list[Path], Library]:
    """The fixtures indexed, and their light library (as the library screen builds it)."""
    files = Indexer.list_files([library_dir])
    cache = IndexCache(tmp_path / "cache")
    Indexer(cache).index_all(files)
    light = build_library(cache.light_entries(rows_of(cache, files).values()))
    return cache, files, light


def same(a: Library, b: Library) -> None:
    assert a.articles == b.articles
    assert a.people == b.people
    assert a.documents == b.documents


def test_a_kept_library_reads_back_as_built(tmp_path: Path, library_dir: Path) -> None:
    cache, files, light = indexed(tmp_path, library_dir)
    assert light.people and light.documents
    assert any(d.doubt for d in light.documents)  # the fixtures' doubtful citations
    key = cache.library_key(files)
    assert cache.prepared_library(key, rows_of(cache, files)) is None  # never kept yet
    cache.keep_library(key, light)
    fresh = IndexCache(tmp_path / "cache")
    again = fresh.prepared_library(fresh.library_key(files), rows_of(fresh, files))
    assert again is not None
    same(again, light)
    person = again.people[0]
    assert person.articles[0] is again.article(person.articles[0].path)  # the rows themselves


def test_the_key_names_every_file_and_its_content(tmp_path: Path, library_dir: Path) -> None:
    cache, files, _ = indexed(tmp_path, library_dir)
    key = cache.library_key(files)
    assert cache.library_key(list(reversed(files))) == key
    assert cache.library_key(files[:-1]) != key
    changed = files[0]
    changed.write_text("Another headline\n\nAnother body.\n", encoding="utf-8")
    Indexer(cache).index_all(files)
    assert cache.library_key(files) != key


def test_a_record_naming_an_unknown_article_is_not_trusted(
    tmp_path: Path, library_dir: Path
) -> None:
    cache, files, light = indexed(tmp_path, library_dir)
    rows = rows_of(cache, files)
    data = library_to_json(light)
    named = next(iter(light.people)).articles[0].path
    with pytest.raises(LibraryFormatError):
        library_from_json(data, {p: s for p, s in rows.items() if p != named})
    with pytest.raises(LibraryFormatError):
        library_from_json({**data, "format": 0}, rows)


@pytest.mark.parametrize("record", [b"not json", orjson.dumps({"format": 1}),
                                    orjson.dumps({"format": 1, "paths": [], "people": [[1]],
                                                  "documents": []})],
                         ids=["garbage", "missing fields", "short person"])
def test_a_bad_record_is_dropped(tmp_path: Path, library_dir: Path, record: bytes) -> None:
    cache, files, light = indexed(tmp_path, library_dir)
    key = cache.library_key(files)
    cache.keep_library(key, light)
    with sqlite3.connect(cache.db_path) as conn:
        conn.execute("UPDATE libraries SET data = ?", (record,))
    fresh = IndexCache(tmp_path / "cache")
    assert fresh.prepared_library(key, rows_of(fresh, files)) is None
    assert any("prepared library dropped" in p for p in fresh.problems)
    with sqlite3.connect(cache.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM libraries").fetchone() == (0,)


def test_only_the_latest_libraries_are_kept(
    tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_libraries, "LIBRARIES_KEPT", 2)
    cache, files, light = indexed(tmp_path, library_dir)
    keys = [cache.library_key(files[:n]) for n in (3, 4, 5)]
    for key in keys:
        cache.keep_library(key, light)
        time.sleep(0.01)
    with sqlite3.connect(cache.db_path) as conn:
        kept = {k for (k,) in conn.execute("SELECT key FROM libraries")}
    assert kept == set(keys[1:])


def test_a_database_of_the_schema_before_is_rebuilt_with_the_table(
    tmp_path: Path, library_dir: Path
) -> None:
    cache, files, light = indexed(tmp_path, library_dir)
    cache.keep_library(cache.library_key(files), light)
    cache.close()
    with sqlite3.connect(cache.db_path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION - 1),))
        conn.execute("DROP TABLE libraries")
    fresh = IndexCache(tmp_path / "cache")
    assert fresh.prepared_library(fresh.library_key(files), rows_of(fresh, files)) is None
    assert any("rebuilt" in p for p in fresh.problems)
    Indexer(fresh).index_all(files)
    fresh.keep_library(fresh.library_key(files), light)
    assert fresh.prepared_library(fresh.library_key(files), rows_of(fresh, files)) is not None
