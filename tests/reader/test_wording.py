"""Counts worded in the singular for one and the plural otherwise."""

from __future__ import annotations

from reader.library_state import hits_status
from reader.wording import counted


def test_one_is_singular_and_other_counts_plural() -> None:
    assert counted(1, "match") == "1 match"
    assert counted(0, "match") == "0 matches"
    assert counted(2, "note") == "2 notes"
    assert counted(3, "box") == "3 boxes"
    assert counted(2, "person", "people") == "2 people"


def test_text_view_status_says_one_match_in_one_article() -> None:
    class Hit:
        class article:
            path = "a.txt"

    status = hits_status([Hit()], "Thong", articles=5, limit=200)  # type: ignore[list-item]
    assert status.startswith("1 match for “Thong” in 1 article ·")


def test_the_article_table_status_counts_one_article() -> None:
    from reader.library_state import ArticleRows

    rows = ArticleRows(lambda summary: 0)
    assert rows.status(1, 1, "").startswith("1 of 1 article · sorted by")
    assert rows.status(0, 3, "").startswith("0 of 3 articles · sorted by")
