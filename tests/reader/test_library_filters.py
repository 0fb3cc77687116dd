"""The library panes' filters and walks, without an app: who's who, documents and notes for
the words typed (case and diacritics ignored), in their order, and the walk a mention starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotations.model import new_annotation
from articles import load
from articles.cache.index_cache import IndexCache
from articles.library import Library
from articles.library.indexer import Indexer
from articles.library.mentions import load_mentions
from reader.widgets.library.filters import (
    documents_matching,
    notes_matching,
    people_matching,
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
