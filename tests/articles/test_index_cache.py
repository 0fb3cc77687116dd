"""The index cache and the indexer: reopening reads nothing, changed files are re-indexed,
removed files dropped, corrupt cache files ignored, and nothing about the cache is ever fatal."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articles.library.indexer as indexer_module
from articles import parse
from articles.cache.entry_codec import entry_from_json, entry_to_json, entry_with_path
from articles.cache.index_cache import (
    CACHE_ENV,
    IndexCache,
    content_hash,
    default_cache_dir,
    parser_fingerprint,
)
from articles.library.build import ArticleEntry, EntryFormatError, build_library, entry_from_article
from articles.library.entry import ArticleSummary, EntryDocument, EntryPerson, LibraryMention
from articles.library.indexer import Indexer
from articles.library.mentions import load_mentions

FIXTURES = Path(__file__).parent / "library_fixtures"


def age(paths: list[Path], seconds: float = 3600) -> None:
    """Make files look written long ago, as a library's files usually are (then their size and
    mtime are trusted and they are not even read on reopening)."""
    when = time.time() - seconds
    for path in paths:
        os.utime(path, (when, when))


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES, target)
    age(list(target.glob("*.txt")))
    return target


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every file the indexer parses, in order."""
    seen: list[Path] = []
    real = indexer_module.parse  # type: ignore[attr-defined]

    def counting(text: str, path: Path | None = None):  # type: ignore[no-untyped-def]
        assert path is not None
        seen.append(path)
        return real(text, path=path)

    monkeypatch.setattr(indexer_module, "parse", counting)
    yield seen


def test_second_opening_parses_and_reads_nothing(
    tmp_path: Path, library_dir: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Indexer(IndexCache(tmp_path / "cache")).index_all([library_dir])
    assert len(parses) == 6  # the unreadable file is never parsed
    parses.clear()
    reads: list[Path] = []
    real_read = indexer_module._read

    def reading(path: Path) -> object:
        reads.append(path)
        return real_read(path)

    monkeypatch.setattr(indexer_module, "_read", reading)
    indexer = Indexer(IndexCache(tmp_path / "cache"))
    scan = indexer.quick_scan(indexer.list_files([library_dir]))
    assert not scan.pending and len(scan.entries) == 7
    second = build_library(scan.entries)
    assert parses == [] and reads == []
    assert indexer.stats.parsed == 0 and indexer.stats.hashed == 0
    assert indexer.stats.from_cache == 7  # the unreadable file's error is cached too
    assert second.articles == first.articles
    assert [p.mentions for p in second.people] == [p.mentions for p in first.people]
    assert [d.key for d in second.documents] == [d.key for d in first.documents]


def test_a_changed_file_is_indexed_again_and_a_removed_one_dropped(
    tmp_path: Path, library_dir: Path, parses: list[Path]
) -> None:
    cache = tmp_path / "cache"
    Indexer(IndexCache(cache)).index_all([library_dir])
    parses.clear()
    changed = next(library_dir.glob("02_*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "The Standing Committee of Nghe An", "The Standing Board of Nghe An", 1
    ), encoding="utf-8")
    removed = next(library_dir.glob("06_*.txt"))
    removed_hash = content_hash(removed.read_bytes())
    removed.unlink()
    indexer = Indexer(IndexCache(cache))
    library = indexer.index_all([library_dir])
    assert parses == [changed]
    assert library.article(changed) is not None
    assert library.article(changed).title.startswith("The Standing Board")  # type: ignore[union-attr]
    assert library.article(removed) is None and len(library.articles) == 6
    recorded = set(IndexCache(cache).known_paths())
    assert os.path.abspath(removed) not in recorded
    assert os.path.abspath(changed) in recorded
    assert IndexCache(cache).summary(removed_hash, removed) is not None
    assert IndexCache(cache).prune(min_age_seconds=0) == 2  # the old 02 and the removed 06
    assert IndexCache(cache).summary(removed_hash, removed) is None
    parses.clear()
    Indexer(IndexCache(cache)).index_all([library_dir])
    assert parses == []


def test_a_spoiled_entry_is_dropped_and_only_its_file_parsed_again(
    tmp_path: Path, library_dir: Path, parses: list[Path]
) -> None:
    cache = IndexCache(tmp_path / "cache")
    Indexer(cache).index_all([library_dir])
    spoiled = next(library_dir.glob("02_*.txt"))
    digest = content_hash(spoiled.read_bytes())
    with sqlite3.connect(cache.db_path) as conn:
        conn.execute("UPDATE entries SET detail = ? WHERE digest = ?", (b"{not json", digest))
    parses.clear()
    fresh = IndexCache(tmp_path / "cache")
    library = Indexer(fresh).index_all([library_dir])
    assert len(library.articles) == 7 and len(library.readable) == 6
    assert parses == [spoiled]
    assert any("dropped" in p for p in fresh.problems)
    parses.clear()
    assert len(Indexer(IndexCache(tmp_path / "cache")).index_all([library_dir]).articles) == 7
    assert parses == []


def _spoil_with_garbage(db: Path) -> None:
    db.write_bytes(b"\x00\xff garbage, not a database" * 200)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db}{suffix}")


def _spoil_with_other_version(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = 'an older parser' WHERE key = 'parser'")


def _delete(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{db}{suffix}")


@pytest.mark.parametrize("spoil", [_delete, _spoil_with_garbage, _spoil_with_other_version],
                         ids=["deleted", "garbage bytes", "another version"])
def test_the_database_is_rebuilt_when_lost_corrupt_or_of_another_version(
    tmp_path: Path, library_dir: Path, parses: list[Path], spoil: Callable[[Path], None]
) -> None:
    cache = IndexCache(tmp_path / "cache")
    first = Indexer(cache).index_all([library_dir])
    cache.close()
    spoil(cache.db_path)
    parses.clear()
    fresh = IndexCache(tmp_path / "cache")
    library = Indexer(fresh).index_all([library_dir])
    assert len(parses) == 6  # everything readable parsed again
    assert library.articles == first.articles
    assert [p.mentions for p in library.people] == [p.mentions for p in first.people]
    if spoil is not _delete:
        assert any("rebuilt" in p for p in fresh.problems)
    with sqlite3.connect(fresh.db_path) as conn:
        assert dict(conn.execute("SELECT key, value FROM meta"))["parser"] == (
            parser_fingerprint())
    parses.clear()
    again = Indexer(IndexCache(tmp_path / "cache"))
    assert len(again.index_all([library_dir]).articles) == 7
    assert parses == [] and again.stats.hashed == 0


def test_a_stale_row_is_indexed_again_after_the_file_changes(
    tmp_path: Path, library_dir: Path, parses: list[Path]
) -> None:
    cache = tmp_path / "cache"
    files = Indexer.list_files([library_dir])
    Indexer(IndexCache(cache)).index_all(files)
    changed = next(library_dir.glob("04_*.txt"))
    changed.write_text("A new headline\n\nThe body was rewritten.\n", encoding="utf-8")
    age([changed])
    keys = {os.path.abspath(p): p for p in files}
    rows = {s.path: s for s in IndexCache(cache).summaries(keys)}
    assert rows[changed].title != "A new headline"  # the table's first rows trust the index
    parses.clear()
    indexer = Indexer(IndexCache(cache))
    scan = indexer.quick_scan(files, details=False)
    assert scan.pending == (changed,) and indexer.stats.hashed == 1
    assert scan.provisional[0].title == "A new headline"
    assert all(e.people == () for e in scan.entries)  # rows only, no details read
    entry = next(indexer.iter_index(scan.pending))
    assert parses == [changed] and entry.summary.title == "A new headline"
    rows = {s.path: s for s in IndexCache(cache).summaries(keys)}
    assert rows[changed].title == "A new headline"


def test_the_first_page_of_rows_comes_newest_first_and_stops_at_the_limit(
    tmp_path: Path, library_dir: Path
) -> None:
    files = Indexer.list_files([library_dir])
    library = Indexer(IndexCache(tmp_path / "cache")).index_all(files)
    keys = {os.path.abspath(p): p for p in files}
    page = list(IndexCache(tmp_path / "cache").summaries(keys, limit=3))
    dated = sorted((a for a in library.readable if a.published), key=lambda a: a.published
                   or 0, reverse=True)  # type: ignore[arg-type, return-value]
    assert page == dated[:3]
    every = list(IndexCache(tmp_path / "cache").summaries(keys))
    assert len(every) == 7 and every[-1].error is not None
    assert list(IndexCache(tmp_path / "cache").summaries({})) == []


def test_light_entries_give_the_same_library_without_mentions(
    tmp_path: Path, library_dir: Path
) -> None:
    files = Indexer.list_files([library_dir])
    full = Indexer(IndexCache(tmp_path / "cache")).index_all(files)
    light = build_library(IndexCache(tmp_path / "cache").light_entries(full.articles))
    assert light.articles == full.articles
    assert [(p.key, p.name, p.posts, p.mention_count) for p in light.people] == [
        (p.key, p.name, p.posts, len(p.mentions)) for p in full.people]
    assert all(p.mentions == () for p in light.people)
    assert [(d.key, d.doubt, d.mention_count) for d in light.documents] == [
        (d.key, d.doubt, len(d.mentions)) for d in full.documents]
    cache = IndexCache(tmp_path / "cache")
    for person in light.people:
        loaded_person = load_mentions(person, cache.mentions_of)
        assert loaded_person.mentions == full.mentions_of_person(person.key)
    for document in light.documents:
        loaded = load_mentions(document, cache.mentions_of)
        assert loaded.mentions == full.mentions_of_document(document.key)


def test_moved_or_touched_files_are_found_by_content(
    tmp_path: Path, library_dir: Path, parses: list[Path]
) -> None:
    cache = tmp_path / "cache"
    Indexer(IndexCache(cache)).index_all([library_dir])
    parses.clear()
    moved = library_dir / "sub" / "moved.txt"
    moved.parent.mkdir()
    next(library_dir.glob("03_*.txt")).rename(moved)
    os.utime(next(library_dir.glob("01_*.txt")))  # touched: new mtime, same content
    indexer = Indexer(IndexCache(cache))
    library = indexer.index_all([library_dir])
    assert parses == []
    assert indexer.stats.hashed == 2
    article = library.article(moved)
    assert article is not None and article.title.startswith("Nghe An disseminates")
    thong = library.person("Hoang Nghia Hieu")
    assert thong is not None and {m.path for m in thong.mentions} == {moved}


def test_cold_quick_scan_gives_provisional_rows_without_parsing(
    tmp_path: Path, library_dir: Path, parses: list[Path]
) -> None:
    indexer = Indexer(IndexCache(tmp_path / "cache"))
    files = indexer.list_files([library_dir])
    scan = indexer.quick_scan(files)
    assert parses == [] and scan.entries == ()
    assert scan.pending == tuple(files)
    assert [s.pending for s in scan.provisional] == [True] * 7
    assert scan.provisional[0].title.startswith("Provincial Party Organization Committee reviews")
    assert scan.summaries == scan.provisional
    entries = [indexer.index_file(p) for p in scan.pending]
    assert [e.summary.pending for e in entries] == [False] * 7
    indexer.save()
    assert len(Indexer(IndexCache(tmp_path / "cache")).quick_scan(files).entries) == 7


def test_quick_scan_leaves_large_unknown_files_to_index_file(
    tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer_module, "QUICK_HASH_LIMIT", 1500)
    indexer = Indexer(IndexCache(tmp_path / "cache"))
    indexer.index_all([library_dir])
    files = indexer.list_files([library_dir])
    age(files, 0)  # every file must be looked at again
    again = Indexer(IndexCache(tmp_path / "cache"))
    scan = again.quick_scan(files)
    big = [p for p in files if p.stat().st_size > 1500]
    assert big and set(scan.pending) == set(big)
    assert all(s.title for s in scan.provisional)
    assert again.stats.hashed == len(files) - len(big)


def test_recently_written_files_are_hashed_again_not_parsed(
    tmp_path: Path, library_dir: Path, parses: list[Path]
) -> None:
    cache = tmp_path / "cache"
    age(list(library_dir.glob("*.txt")), 0)
    Indexer(IndexCache(cache)).index_all([library_dir])
    parses.clear()
    indexer = Indexer(IndexCache(cache))
    indexer.index_all([library_dir])
    assert parses == [] and indexer.stats.hashed == 7


def test_list_files_recurses_sorted_skips_hidden_and_keeps_named_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b/2.txt", "a.txt", ".hidden/x.txt", "notes.md"):
        (tmp_path / name).write_text("x")
    missing = tmp_path / "missing.txt"
    files = Indexer.list_files([tmp_path, missing, tmp_path / "a.txt"])
    assert files == [tmp_path / "a.txt", tmp_path / "b" / "2.txt", missing]


def test_unreadable_and_missing_files_give_error_entries(tmp_path: Path) -> None:
    indexer = Indexer(IndexCache(tmp_path / "cache"))
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n ")
    library = indexer.index_all([binary, blank, tmp_path / "gone.txt", tmp_path])
    errors = {a.path.name: a.error for a in library.unreadable}
    assert errors == {
        "photo.txt": "not a text file (it holds binary data)",
        "blank.txt": "the file holds no text (only white space)",
        "gone.txt": "no such file",
    }
    assert library.people == () and library.documents == ()


def test_a_parser_failure_is_an_error_entry_and_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    shutil.copy(next(FIXTURES.glob("01_*.txt")), article)

    def broken(text: str, path: Path | None = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(indexer_module, "parse", broken)
    entry = Indexer(IndexCache(tmp_path / "cache")).index_file(article)
    assert entry.summary.error == "could not be parsed (RuntimeError: boom)"
    monkeypatch.undo()
    assert Indexer(IndexCache(tmp_path / "cache")).index_file(article).summary.error is None


def test_an_unwritable_cache_is_not_fatal(tmp_path: Path, library_dir: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    cache = IndexCache(blocker)
    library = Indexer(cache).index_all([library_dir])
    assert len(library.readable) == 6
    assert any("cannot write" in p for p in cache.problems)


def test_index_file_from_threads_while_reading(tmp_path: Path, library_dir: Path) -> None:
    indexer = Indexer(IndexCache(tmp_path / "cache"))
    files = indexer.list_files([library_dir]) * 4
    results: dict[int, ArticleEntry] = {}

    def work(offset: int) -> None:
        for i in range(offset, len(files), 3):
            results[i] = indexer.index_file(files[i])

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == len(files)
    for i, path in enumerate(files):
        assert results[i].path == path
        assert entry_to_json(results[i]) == entry_to_json(results[i % 7])
    indexer.save()


def test_worker_processes_give_the_same_entries(
    tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer_module, "POOL_THRESHOLD", 2)
    files = Indexer.list_files([library_dir])
    pooled = Indexer(IndexCache(tmp_path / "pool"), workers=2)
    in_pool = {e.path: e for e in pooled.iter_index(files)}
    pooled.save()
    plain = {p: Indexer(IndexCache(tmp_path / "plain"), workers=1).index_file(p) for p in files}
    assert in_pool == plain
    again = Indexer(IndexCache(tmp_path / "pool"))
    assert len(again.quick_scan(files).entries) == 7 and again.stats.hashed == 0


class _CapturedStderr:
    """What a running Textual app puts in `sys.stderr`: an object whose fileno() is -1."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def test_worker_processes_start_inside_an_app_that_captured_stderr(
    tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(indexer_module, "POOL_THRESHOLD", 2)
    monkeypatch.setattr("sys.stderr", _CapturedStderr())
    files = Indexer.list_files([library_dir])
    indexer = Indexer(IndexCache(tmp_path / "cache"), workers=2)
    entries = list(indexer.iter_index(files))
    assert len(entries) == 7 and indexer.stats.parsed == 7
    assert indexer.stats.hashed == 0  # in the pool: index_file in this process would hash
    assert isinstance(sys.stderr, _CapturedStderr)  # given back


def test_caches_of_other_parser_versions_are_dropped_once_unused(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    old, recent, other = root / "v1-0123456789abcdef", root / "v1-fedcba9876543210", root / "x"
    for directory in (old, recent, other):
        (directory / "entries").mkdir(parents=True)
        (directory / "files.json").write_text("{}")
    long_ago = time.time() - 2 * 24 * 3600
    for path in (old, old / "files.json", other):
        os.utime(path, (long_ago, long_ago))
    IndexCache(root).prune()
    assert not old.exists() and recent.exists() and other.exists()


def test_cache_directory_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "env-cache"))
    assert default_cache_dir() == tmp_path / "env-cache"
    cache = IndexCache()
    assert cache.db_path == tmp_path / "env-cache" / "index.sqlite3"
    monkeypatch.delenv(CACHE_ENV)
    assert default_cache_dir().name == "index"


# --- JSON round trip of entries ---------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
opt_texts = st.none() | texts


@st.composite
def entries(draw: st.DrawFn) -> ArticleEntry:
    error = draw(st.none() | texts)
    n_people = 0 if error is not None else draw(st.integers(0, 3))
    n_documents = 0 if error is not None else draw(st.integers(0, 3))
    summary = ArticleSummary(
        path=Path(draw(st.text("abc/._-", min_size=1, max_size=12))),
        id=draw(st.text("0123456789abcdef", max_size=16)),
        title=draw(texts),
        authors=tuple(draw(st.lists(texts, max_size=3))),
        published=draw(st.none() | st.datetimes()),
        source=draw(opt_texts),
        people_count=n_people,
        documents_count=n_documents,
        error=error,
    )

    def mentions() -> tuple[LibraryMention, ...]:
        out = []
        for _ in range(draw(st.integers(0, 3))):
            start = draw(st.integers(0, 10**6))
            context = draw(texts)
            a = draw(st.integers(0, len(context)))
            b = draw(st.integers(a, len(context)))
            out.append(LibraryMention(
                summary, start, start + draw(st.integers(0, 50)),
                draw(st.sampled_from(["name", "role", "code", "reference"])),
                draw(texts), context, a, b,
            ))
        return tuple(out)

    people = tuple(
        EntryPerson(draw(texts), draw(texts), tuple(draw(st.lists(texts, max_size=3))),
                    mentions())
        for _ in range(n_people)
    )
    documents = tuple(
        EntryDocument(draw(texts), draw(texts), draw(texts), draw(opt_texts), draw(st.booleans()),
                      draw(st.none() | st.dates()), draw(st.none() | st.integers(1900, 2100)),
                      draw(opt_texts), mentions())
        for _ in range(n_documents)
    )
    return ArticleEntry(summary, people, documents)


@settings(max_examples=150, deadline=None)
@given(entries())
def test_entry_json_round_trip(entry: ArticleEntry) -> None:
    back = entry_from_json(orjson.loads(orjson.dumps(entry_to_json(entry))))
    assert back == entry
    assert entry_to_json(back) == entry_to_json(entry)
    moved = entry_with_path(back, Path("elsewhere.txt"))
    assert moved.path == Path("elsewhere.txt")
    assert all(m.path == Path("elsewhere.txt") for p in moved.people for m in p.mentions)


def test_parsed_entries_round_trip_exactly() -> None:
    for path in sorted(FIXTURES.glob("0[1-6]_*.txt")):
        entry = entry_from_article(parse(path.read_text(encoding="utf-8"), path=path))
        assert entry_from_json(orjson.loads(orjson.dumps(entry_to_json(entry)))) == entry


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_bad_records_raise_entry_format_error_only(data: object) -> None:
    with contextlib.suppress(EntryFormatError):
        entry_from_json(data)


@settings(max_examples=100, deadline=None)
@given(entries(), st.data())
def test_damaged_records_are_rejected_or_valid(entry: ArticleEntry, data: st.DataObject) -> None:
    record = entry_to_json(entry)
    key = data.draw(st.sampled_from(sorted(record)))
    record[key] = data.draw(json_values)
    with contextlib.suppress(EntryFormatError):
        entry_from_json(record)
