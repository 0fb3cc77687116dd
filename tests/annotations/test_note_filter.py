"""The Notes tab's filter: by tag (any case), by colour, both; the tags and colours offered
with their counts; a filter whose tag or colour is gone drops it."""

from __future__ import annotations

from dataclasses import dataclass

from annotations.model import Annotation
from annotations.note_filter import NoteFilter, color_counts, tag_counts

from .helpers import plain


@dataclass(frozen=True)
class Item:
    annotation: Annotation


def items() -> list[Item]:
    return [
        Item(plain(1).edited(color="yellow", tags=["land", "Audit"])),
        Item(plain(2).edited(color="green", tags=["land"])),
        Item(plain(3).edited(color="green", tags=[])),
        Item(plain(4).edited(color="pink", tags=["audit"])),
    ]


def ids(kept: list[Item]) -> list[str]:
    return [i.annotation.id for i in kept]


def test_no_filter_keeps_everything_in_order() -> None:
    assert ids(NoteFilter().apply(items())) == ids(items())
    assert not NoteFilter().active and NoteFilter().describe() == "all"


def test_by_tag_ignores_case_and_by_colour() -> None:
    all_items = items()
    assert ids(NoteFilter(tag="AUDIT").apply(all_items)) == ids([all_items[0], all_items[3]])
    assert ids(NoteFilter(color="green").apply(all_items)) == ids(all_items[1:3])
    both = NoteFilter(tag="land", color="green")
    assert ids(both.apply(all_items)) == ids([all_items[1]])
    assert both.active and both.describe() == "#land · green"


def test_counts_offered() -> None:
    assert tag_counts(items()) == [("Audit", 2), ("land", 2)]
    assert color_counts(items()) == [("yellow", 1), ("green", 2), ("pink", 1)]


def test_a_filter_whose_tag_or_colour_is_gone_drops_it() -> None:
    left = items()[2:3]  # green, no tags
    assert NoteFilter(tag="land", color="green").without_missing(left) == NoteFilter(
        color="green")
    assert NoteFilter(color="pink").without_missing(left) == NoteFilter()


def test_of_articles_keeps_a_library_s_notes_by_path_or_content() -> None:
    from annotations.note_filter import of_articles

    by_path = plain(1, path="/lib/a.txt", article_id="1111111111111111")
    by_id = plain(2, path="/old/place/b.txt", article_id="2222222222222222")
    outside = plain(3, path="/elsewhere/c.txt", article_id="3333333333333333")
    kept = of_articles([by_path, by_id, outside], ["/lib/a.txt"], ["2222222222222222", ""])
    assert kept == [by_path, by_id]
