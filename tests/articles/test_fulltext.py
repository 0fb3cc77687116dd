"""The full-text index: phrases found across articles ignoring case and diacritics (đ too), hits
at exact offsets into the canonical text, only changed files read again, gone files forgotten,
and a lost, corrupt or other-version database rebuilt."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.cache.fulltext import FullTextIndex, fts_phrase
from articles.cache.fulltext_schema import DB_NAME
from articles.parsing.search import find_all
from articles.sources.textio import read_text

A = "Đảng bộ tỉnh\n\nSecretary Nguyễn Văn Thông met the Đảng bộ of Quỳnh Lưu.\n"
B = "Another article\r\n\r\nMr. THONG said the Dang bo would meet. Thongs are not Thong.\r\n"


def write(path: Path, text: str, old: bool = True, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    if old:
        stamp = time.time() - 3600
        os.utime(path, (stamp, stamp))
    return path


def library(tmp_path: Path) -> list[Path]:
    root = tmp_path / "lib"
    root.mkdir()
    return [write(root / "a.txt", A), write(root / "b.txt", B, encoding="utf-8-sig")]


def test_finds_a_phrase_ignoring_case_and_diacritics_including_d_stroke(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    stats = index.update(files)
    assert stats.added == 2
    hits = index.search("dang bo", files)
    assert [h.path.name for h in hits] == ["a.txt", "a.txt", "b.txt"]
    for hit in hits:
        text = read_text(hit.path)
        assert text[hit.start:hit.end].casefold() in {"đảng bộ", "dang bo"}
        line, lo, hi = hit.context()
        assert line[lo:hi] == text[hit.start:hit.end] == hit.matched


def test_offsets_index_the_canonical_text_not_the_file_bytes(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    index.update(files)
    hits = [h for h in index.search("thong", files) if h.path.name == "b.txt"]
    text = read_text(files[1])  # BOM removed, CRLF made \n
    assert [text[h.start:h.end] for h in hits] == ["THONG", "Thong"]  # not inside "Thongs"


def test_whole_words_only(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    index.update(files)
    assert index.search("thon", files) == []
    assert index.search("ong", files) == []


def test_no_word_no_hits_and_quotes_are_safe(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    index.update(files)
    assert fts_phrase("  --  ") is None
    assert index.search("--", files) == []
    assert index.search('"Thong', files) == []  # a quote in the query is no FTS5 syntax error
    assert index.search("Thong OR Dang", files) == []  # nor are FTS5 operators


def test_only_the_given_files_are_searched(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    index.update(files)
    assert {h.path.name for h in index.search("thong", files[:1])} == {"a.txt"}


def test_unchanged_files_are_not_read_again_and_changed_ones_are(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    index.update(files)
    again = FullTextIndex(tmp_path / "cache").update(files)
    assert (again.read, again.added) == (0, 0)
    write(files[0], "Fresh text\n\nThe committee met in Vinh.\n", old=False)
    changed = FullTextIndex(tmp_path / "cache").update(files)
    assert (changed.read, changed.added) == (1, 1)
    index = FullTextIndex(tmp_path / "cache")
    assert [h.path.name for h in index.search("vinh", files)] == ["a.txt"]
    assert [h.path.name for h in index.search("quynh luu", files)] == []


def test_removed_files_are_forgotten_and_their_text_dropped(tmp_path: Path) -> None:
    files = library(tmp_path)
    index = FullTextIndex(tmp_path / "cache")
    index.update(files)
    files[0].unlink()
    stats = index.update(files[1:])
    assert stats.forgotten == 1
    conn = sqlite3.connect(tmp_path / "cache" / DB_NAME)
    assert conn.execute("SELECT count(*) FROM texts").fetchone() == (1,)
    assert index.search("quynh luu", files) == []


def test_a_copied_file_shares_its_text_and_is_found_under_both_paths(tmp_path: Path) -> None:
    files = library(tmp_path)
    copy = write(files[0].parent / "copy.txt", A)
    index = FullTextIndex(tmp_path / "cache")
    stats = index.update([*files, copy])
    assert stats.added == 2
    assert {h.path.name for h in index.search("quynh luu", [*files, copy])} == {"a.txt",
                                                                                "copy.txt"}


def test_a_corrupt_database_is_rebuilt(tmp_path: Path) -> None:
    files = library(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / DB_NAME).write_bytes(b"this is not a database" * 100)
    index = FullTextIndex(cache)
    index.update(files)
    assert index.search("quynh", files)
    assert any("rebuilt" in p for p in index.problems)


def test_a_database_of_another_version_is_rebuilt(tmp_path: Path) -> None:
    files = library(tmp_path)
    cache = tmp_path / "cache"
    FullTextIndex(cache).update(files)
    conn = sqlite3.connect(cache / DB_NAME)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'fulltext'")
    conn.commit()
    conn.close()
    index = FullTextIndex(cache)
    stats = index.update(files)
    assert stats.added == 2
    assert any("another version" in p for p in index.problems)


def test_a_lost_database_is_made_again(tmp_path: Path) -> None:
    files = library(tmp_path)
    cache = tmp_path / "cache"
    FullTextIndex(cache).update(files)
    for name in os.listdir(cache):
        os.unlink(cache / name)
    index = FullTextIndex(cache)
    assert index.update(files).added == 2
    assert index.search("thong", files)


def test_unreadable_files_are_listed_not_fatal(tmp_path: Path) -> None:
    files = library(tmp_path)
    bad = files[0].parent / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \x81")
    index = FullTextIndex(tmp_path / "cache")
    stats = index.update([*files, bad])
    assert stats.unreadable == [str(bad)]
    assert index.search("thong", [*files, bad])


def test_a_web_page_is_searched_in_its_extracted_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    write(page, "<html><head><title>T</title></head><body><nav>Home Menu</nav><article>"
          "<h1>Ngày hội Đại đoàn kết</h1><p>Đồng chí Lê Thông phát biểu tại đây về công tác "
          "cán bộ của tỉnh.</p><p>More text of the article to make it an article.</p>"
          "</article></body></html>")
    index = FullTextIndex(tmp_path / "cache")
    index.update([page])
    hits = index.search("dong chi le thong", [page])
    assert len(hits) == 1
    text = index.text(page)
    assert text is not None and text[hits[0].start:hits[0].end] == "Đồng chí Lê Thông"


WORDS = st.sampled_from(["Đảng", "dang", "Thông", "bộ", "tỉnh", "Quỳnh", "LƯU", "an", "và"])


@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30), st.lists(WORDS, min_size=1, max_size=2))
def test_every_hit_is_an_occurrence_the_article_search_finds(words: list[str],
                                                              query: list[str]) -> None:
    """The index finds exactly the whole-word occurrences a scan of the text finds."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / "a.txt", " ".join(words) + "\n")
        index = FullTextIndex(Path(tmp) / "cache")
        index.update([path])
        phrase = " ".join(query)
        found = [(h.start, h.end) for h in index.search(phrase, [path])]
        assert found == find_all(read_text(path), phrase, whole_words=True)
        index.close()
