"""The library screen's state, without an app: who's who, documents, notes and articles for
the words typed (case and diacritics ignored), in their order; the article table's sort and
where a row arriving while indexing goes; the notes of the library counted per article and
found again when their file moved; the walk a mention or a text search's hit starts, and what
the Text view's status line says."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from annotations.model import new_annotation
from articles import load
from articles.cache.fulltext import TextHit
from articles.cache.index_cache import IndexCache
from articles.library import ArticleSummary, Library
from articles.library.indexer import Indexer
from articles.library.mentions import load_mentions
from articles.library.search import LibraryHit
from reader.library_state import (
    ArticleRows,
    LibraryNotes,
    Sort,
    article_matches,
    documents_matching,
    hits_status,
    matching,
    notes_matching,
    people_matching,
    search_walk,
    walk_of,
    words_of,
)

FIXTURES = Path(__file__).resolve().parents[1] / "articles" / "library_fixtures"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return Indexer(IndexCache(tmp_path_factory.mktemp("cache"))).index_all([FIXTURES])


def test_the_filter_words_are_folded() -> None:
    assert words_of("  Đảng  THÔNG ") == ["dang", "thong"]


def test_no_words_list_everyone_most_mentioned_first(library: Library) -> None:
    people = people_matching(library, [])
    assert len(people) == len(library.people)
    counts = [p.mention_count for p in people]
    assert counts == sorted(counts, reverse=True)


def test_every_word_must_be_in_the_name_or_a_post(library: Library) -> None:
    found = people_matching(library, words_of("thong secretary"))
    assert found and all("thong" in p.key for p in found)
    assert people_matching(library, words_of("thong zzz")) == []


def test_documents_match_by_code_type_issuer_or_subject(library: Library) -> None:
    every = documents_matching(library, [])
    assert len(every) == len(library.documents)
    first = every[0]
    assert first in documents_matching(library, words_of(first.code))
    citations = [len(d.citations) for d in every]
    assert citations == sorted(citations, reverse=True)


def test_notes_match_note_quote_title_and_tags_in_article_order(library: Library) -> None:
    article = load(next(p for p in library.readable).path)
    late = new_annotation(article, 40, 60, note="second", tags=["budget"])
    early = new_annotation(article, 0, 10, note="first")
    assert notes_matching([late, early], []) == [early, late]
    assert notes_matching([late, early], words_of("BUDGET")) == [late]
    assert notes_matching([late, early], words_of("nothing like it")) == []


def test_a_mention_starts_the_walk_through_all_of_them(library: Library) -> None:
    person = people_matching(library, words_of("thong"))[0]
    assert len(person.mentions) > 1  # a library indexed whole holds its mentions
    walk = walk_of(load_mentions(person, lambda *a: {}), 1)
    assert walk.kind == "person" and walk.key == person.key and walk.index == 1
    assert walk.current == person.mentions[1]


def summary(name: str, title: str = "", day: int | None = None, **fields: object
            ) -> ArticleSummary:
    published = datetime(2024, 1, day) if day is not None else None
    return ArticleSummary(Path("/lib") / name, id=f"id-{name}", title=title or name,
                          published=published, **fields)  # type: ignore[arg-type]


def test_a_row_matches_by_title_authors_source_file_or_error() -> None:
    row = summary("a.txt", "Tỉnh ủy meets", authors=("Thanh Duy",), source="Báo Nghệ An")
    assert article_matches(row, [])
    assert article_matches(row, words_of("tinh uy"))
    assert article_matches(row, words_of("duy nghe a.txt"))
    assert not article_matches(row, words_of("tinh zzz"))
    broken = summary("b.txt", error="not readable as UTF-8")
    assert article_matches(broken, words_of("utf-8"))


def test_the_status_names_the_filter_only_when_there_is_one() -> None:
    assert matching("") == ""
    assert matching("thông\nx") == " matching “thông x”"  # on one line


def test_sort_heading_clicks_next_and_reverse() -> None:
    sort = Sort()
    assert (sort.column, sort.reverse) == ("date", True)
    assert sort.clicked("date") == Sort("date", False)  # the same column: the other way
    assert sort.clicked("title") == Sort("title", False)  # text columns start A to Z
    assert sort.clicked("notes") == Sort("notes", True)  # counts start with the most
    assert sort.next() == Sort("authors", True) and Sort("notes").next().column == "title"
    assert sort.reversed().reversed() == sort
    assert sort.arrow("date") == " ▼" and sort.reversed().arrow("date") == " ▲"
    assert sort.arrow("title") == ""
    assert sort.describe() == "Date (descending)" and Sort("title", False).describe() == "Title"


def rows_of(*summaries: ArticleSummary, notes: dict[str, int] | None = None) -> ArticleRows:
    counts = notes or {}
    rows = ArticleRows(lambda s: counts.get(s.path.name, 0))
    for s in summaries:
        rows.summaries[s.path] = s
    return rows


def names(rows: list[tuple[object, str]]) -> list[str]:
    return [Path(key).name for _, key in rows]


def test_rows_are_listed_for_the_filter_newest_first_unreadable_last() -> None:
    rows = rows_of(summary("old.txt", "Old plan", 1), summary("new.txt", "New plan", 9),
                   summary("bad.txt", error="binary"), summary("undated.txt", "Plan"))
    assert names(rows.rows()) == ["new.txt", "old.txt", "undated.txt", "bad.txt"]
    assert names(rows.rows(words_of("PLAN"))) == ["new.txt", "old.txt", "undated.txt"]
    assert names(rows.rows(sort=Sort("title", False))) == ["new.txt", "old.txt",
                                                           "undated.txt"]
    assert names(rows.rows([], Sort("title", True))) == ["undated.txt", "old.txt", "new.txt",
                                                         "bad.txt"]


def test_rows_sort_by_the_notes_counted() -> None:
    rows = rows_of(summary("a.txt", day=1), summary("b.txt", day=2), summary("c.txt", day=3),
                   notes={"a.txt": 5, "c.txt": 1})
    assert names(rows.rows(sort=Sort("notes", True))) == ["a.txt", "c.txt", "b.txt"]


def test_a_row_arriving_goes_in_its_place_or_stays_where_it_was() -> None:
    rows = rows_of(summary("a.txt", "Plan A", 1), summary("c.txt", "Plan C", 3))
    listed = rows.rows(words_of("plan"))
    new = rows.put(summary("b.txt", "Plan B", 2))
    assert new.old is None and not new.same
    assert sorted([*(k for k, _ in listed), new.key]).index(new.key) == 1  # between a and c
    again = rows.put(summary("b.txt", "Plan B", 2))
    assert again.same and again.old == new.key
    moved = rows.put(summary("b.txt", "Plan B", 9))
    assert not moved.same and moved.old == new.key and moved.key != new.key
    gone = rows.put(summary("b.txt", "Budget", 9))  # no longer matches "plan"
    assert gone.key is None and gone.old == moved.key
    hidden = rows.put(summary("d.txt", "Other", 4))
    assert hidden.key is None and hidden.old is None
    assert len(rows.summaries) == 4  # every row is known, listed or not


def test_the_article_status_counts_filter_and_order() -> None:
    rows = rows_of(summary("a.txt", day=1))
    rows.rows()
    assert rows.status(1, 7, "") == "1 of 7 articles · sorted by Date (descending)"
    rows.rows(sort=Sort("title", False))
    assert rows.status(0, 7, "x") == "0 of 7 articles matching “x” · sorted by Title"


def test_notes_are_counted_by_content_else_by_file_and_kept_to_the_library(
        library: Library, tmp_path: Path) -> None:
    entry = library.readable[0]
    article = load(entry.path)
    inside = new_annotation(article, 0, 10, note="inside")
    other = new_annotation(load(library.readable[1].path), 0, 5, note="another article")
    summaries = {entry.path: entry}
    notes = LibraryNotes([entry.path], summaries)
    notes.load([inside, other])
    assert notes.count(entry) == 1
    assert notes.of_library() == [inside]
    assert notes.path_of(inside) == Path(inside.article.path)
    moved = ArticleSummary(tmp_path / "moved.txt", id=entry.id, title=entry.title)
    notes.summaries = {moved.path: moved}
    assert notes.path_of(inside, exists=lambda p: False) == moved.path  # found by content
    notes.summaries = {}
    assert notes.path_of(inside, exists=lambda p: False) is None
    by_file = ArticleSummary(Path(inside.article.path), id="", title="")
    assert notes.count(by_file) == 1  # no content id: counted by its file


def hit(name: str, start: int, text: str = "Nguyễn Văn Thông and Nguyễn Văn Thông") -> LibraryHit:
    article = summary(name, day=1)
    return LibraryHit(article, TextHit(article.path, start, start + 16, text))


def test_a_text_search_walks_every_hit_from_the_chosen_one() -> None:
    hits = [hit("a.txt", 0), hit("a.txt", 21), hit("b.txt", 0)]
    walk = search_walk(hits, "nguyen van thong", 1)
    assert walk.kind == "search" and walk.key == "nguyen van thong"
    assert walk.label == "“nguyen van thong”" and walk.index == 1
    assert [(m.path.name, m.start) for m in walk.mentions] == [("a.txt", 0), ("a.txt", 21),
                                                               ("b.txt", 0)]
    assert walk.current.text == "Nguyễn Văn Thông"
    assert walk.step(1).current.path.name == "b.txt"


def test_the_text_view_says_how_to_search_and_what_was_found() -> None:
    assert hits_status(None, "", 7, 10).startswith("Type a phrase after /")
    assert hits_status([], "zebra", 7, 10) == "no matches for “zebra” in 7 articles"
    hits = [hit("a.txt", 0), hit("a.txt", 21), hit("b.txt", 0)]
    assert hits_status(hits, "thong", 7, 10).startswith("3 matches for “thong” in 2 articles")
    assert hits_status(hits, "thong", 7, 3).startswith("3+ matches")  # stopped at the limit


def test_the_state_knows_no_textual() -> None:
    import subprocess
    import sys

    code = "import sys, reader.library_state; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2], check=True)
    assert result.stdout.strip() == "False"
