"""The article screen's state without an app: choosing, searching, `n`/`N` from the cursor,
walking the library, notes added, replaced and removed, what the view must draw."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from annotations.anchoring import Anchored, anchor_all
from annotations.model import Annotation, new_annotation
from articles import Article, load, sample_path
from articles.library.entry import ArticleSummary, LibraryMention
from reader.decorations import Decoration
from reader.screens.article.state import ArticleState, trimmed
from reader.walk import LibraryWalk


@pytest.fixture(scope="module")
def article() -> Article:
    return load(sample_path())


@pytest.fixture
def state(article: Article) -> ArticleState:
    return ArticleState.opened(article)


def person(article: Article, key: str) -> int:
    return next(i for i, p in enumerate(article.people) if p.key == key)


def note(article: Article, phrase: str, text: str = "", color: str = "yellow") -> Annotation:
    start = article.text.index(phrase)
    return new_annotation(article, start, start + len(phrase), note=text, color=color)


def with_notes(state: ArticleState, *annotations: Annotation) -> ArticleState:
    return state.with_notes(anchor_all(state.article.text, annotations))


def styles(state: ArticleState) -> list[str]:
    return sorted(d.style for d in state.marks().decorations)


# --- choosing ------------------------------------------------------------------------------

def test_a_new_state_marks_nothing(state: ArticleState) -> None:
    assert state.occurrences is None and state.walk is None
    assert state.marks().decorations == () and state.marks().notes == ()
    assert state.status() == ""


def test_choosing_a_person_marks_every_mention_the_first_current(state: ArticleState) -> None:
    thong = state.article.people[person(state.article, "nguyen van thong")]
    chosen = state.choose_person(person(state.article, "nguyen van thong"))
    assert chosen.occurrences is not None and chosen.occurrences.index == 0
    marks = chosen.marks().decorations
    assert len([d for d in marks if d.style != "article--current"]) == len(thong.mentions)
    first = thong.mentions[0]
    assert Decoration(first.start, first.end, "article--current") in marks
    assert chosen.status() == f"Nguyen Van Thong 1/{len(thong.mentions)}"


def test_choosing_a_person_at_a_mention_makes_it_current(state: ArticleState) -> None:
    chosen = state.choose_person(person(state.article, "thanh duy"), 3)
    assert chosen.occurrences is not None and chosen.occurrences.index == 3


def test_choosing_a_document_marks_its_short_references_apart(state: ArticleState) -> None:
    index = next(i for i, d in enumerate(state.article.documents) if d.key == "26-NQ/TW")
    chosen = state.choose_document(index)
    assert styles(chosen) == ["article--current", "article--mention", "article--role-mention"]
    assert chosen.step(1).status().endswith("(short reference)")


def test_choosing_drops_the_library_walk(state: ArticleState, tmp_path: Path) -> None:
    walked = state.follow_walk(walk_over(state.article, tmp_path))
    assert walked.walk is not None
    assert walked.choose_person(0).walk is None


def test_a_click_on_a_name_chooses_that_person_at_that_mention(state: ArticleState) -> None:
    thong = state.article.people[person(state.article, "nguyen van thong")]
    second = thong.mentions[1]
    chosen = state.choose_at(second.start + 2)
    assert chosen is not None and chosen.occurrences is not None
    assert chosen.occurrences.key == "nguyen van thong" and chosen.occurrences.index == 1


def test_a_click_on_a_document_code_chooses_the_document(state: ArticleState) -> None:
    chosen = state.choose_at(7150)
    assert chosen is not None and chosen.occurrences is not None
    assert chosen.occurrences.kind == "document" and chosen.occurrences.key == "48-KL/TW"


def test_a_click_on_plain_text_chooses_nothing(state: ArticleState) -> None:
    assert state.choose_at(0) is None


def test_the_model_says_what_is_mentioned_at_an_offset(article: Article) -> None:
    hit = article.entity_at(247)
    assert hit is not None and hit.kind == "person"
    assert article.people[hit.index].key == "nguyen van thong" and hit.mention == 0
    assert article.entity_at(len(article.text) + 10) is None


# --- searching and stepping ------------------------------------------------------------------

def test_search_ignores_case_and_diacritics_and_starts_from_the_cursor(
    state: ArticleState,
) -> None:
    late = state.article.text.index("Thong", 4000)
    found = state.at((late, late + 1), None).search("THÔNG")
    occ = found.occurrences
    assert occ is not None and occ.kind == "search" and found.query == "THÔNG"
    assert occ.current is not None and occ.current.start >= late
    assert all(d.style in ("article--search", "article--current")
               for d in found.marks().decorations)


def test_search_without_a_cursor_starts_from_the_top_of_the_screen(
    state: ArticleState,
) -> None:
    top = state.article.text.index("Thong", 4000)
    found = state.search("thong", top)
    assert found.occurrences is not None and found.occurrences.current is not None
    assert found.occurrences.current.start >= top


def test_a_search_with_no_match_says_not_found(state: ArticleState) -> None:
    found = state.search("zzzqqq")
    assert found.occurrences is not None and found.occurrences.current is None
    assert found.status() == "“zzzqqq”: not found"
    assert found.step(1).occurrences == found.occurrences


def test_n_on_the_current_mention_goes_to_the_next_and_wraps(state: ArticleState) -> None:
    chosen = state.choose_person(person(state.article, "pham trong hoang"))
    assert chosen.occurrences is not None and chosen.occurrences.current is not None
    on_it = chosen.at((chosen.occurrences.current.start, chosen.occurrences.current.end), None)
    second = on_it.step(1)
    assert second.occurrences is not None and second.occurrences.index == 1
    assert second.step(1).occurrences is not None
    assert second.step(1).occurrences.index == 0  # wrapped (the cursor is still on the first)


def test_n_after_the_cursor_moved_goes_to_the_first_mention_after_it(
    state: ArticleState,
) -> None:
    key = "nguyen van thong"
    thong = state.article.people[person(state.article, key)]
    chosen = state.choose_person(person(state.article, key))
    between = thong.mentions[2].start - 5
    stepped = chosen.at((between, between + 1), None).step(1)
    assert stepped.occurrences is not None and stepped.occurrences.index == 2


def test_capital_n_after_the_cursor_moved_goes_to_the_last_mention_before_it(
    state: ArticleState,
) -> None:
    key = "nguyen van thong"
    thong = state.article.people[person(state.article, key)]
    chosen = state.choose_person(person(state.article, key))
    between = thong.mentions[2].start - 5
    stepped = chosen.at((between, between + 1), None).step(-1)
    assert stepped.occurrences is not None and stepped.occurrences.index == 1


def test_stepping_with_nothing_chosen_changes_nothing(state: ArticleState) -> None:
    assert state.step(1) is state


def test_clearing_drops_the_marks_and_the_walk(state: ArticleState, tmp_path: Path) -> None:
    walked = state.follow_walk(walk_over(state.article, tmp_path))
    cleared = walked.cleared()
    assert cleared.occurrences is None and cleared.walk is None
    assert cleared.marks().decorations == ()


# --- walking across the library ------------------------------------------------------------

def walk_over(article: Article, other: Path) -> LibraryWalk:
    """A walk over Nguyen Van Thong, in library order: his first two mentions here, then one
    in a later article."""
    here = ArticleSummary(article.path or Path("sample.txt"), article.id, article.title or "",
                          published=datetime(2020, 1, 1))
    there = ArticleSummary(other / "other.txt", "other-id", "Other",
                           published=datetime(2021, 1, 1))
    thong = article.people[person(article, "nguyen van thong")]
    mentions = [LibraryMention(here, m.start, m.end, m.kind, "", "", 0, 0)
                for m in thong.mentions[:2]]
    mentions.append(LibraryMention(there, 10, 20, "name", "", "", 0, 0))
    return LibraryWalk("person", "nguyen van thong", "Nguyen Van Thong", tuple(mentions))


def test_following_a_walk_marks_its_mentions_here_at_its_current_one(
    state: ArticleState, tmp_path: Path,
) -> None:
    walk = walk_over(state.article, tmp_path).at(1)
    walked = state.follow_walk(walk)
    assert walked.walking and walked.occurrences is not None
    assert walked.occurrences.index == 1


def test_a_walk_step_in_this_article_stays_here(state: ArticleState, tmp_path: Path) -> None:
    walked = state.follow_walk(walk_over(state.article, tmp_path))
    stepped, here = walked.step_walk(1)
    assert here and stepped.walk is not None and stepped.walk.index == 1
    assert stepped.occurrences is not None and stepped.occurrences.index == 1


def test_a_walk_step_into_another_article_says_so(state: ArticleState, tmp_path: Path) -> None:
    walked = state.follow_walk(walk_over(state.article, tmp_path).at(1))
    stepped, here = walked.step_walk(1)
    assert not here
    assert stepped.walk is not None and stepped.walk.current.path == tmp_path / "other.txt"


def test_a_walk_whose_person_is_not_chosen_any_more_is_not_followed(
    state: ArticleState, tmp_path: Path,
) -> None:
    walked = state.follow_walk(walk_over(state.article, tmp_path))
    searched = walked.search("Party")
    assert not searched.walking


# --- notes -------------------------------------------------------------------------------

def test_highlights_are_drawn_in_their_colours_with_a_note_marker(state: ArticleState) -> None:
    article = state.article
    plain = note(article, "Nguyen Van Thong", color="green")
    noted = note(article, "Party leaders", "remember", color="blue")
    shown = with_notes(state, plain, noted)
    assert styles(shown) == ["highlight--blue", "highlight--green"]
    assert shown.marks().notes == (article.text.index("Party leaders"),)


def test_adding_replacing_and_removing_a_note(state: ArticleState) -> None:
    article = state.article
    first = note(article, "Nguyen Van Thong")
    shown = with_notes(state, first)
    edited = first.edited(note="now with a note", tags=(), color="pink")
    replaced = shown.with_note(first.id, anchor_all(article.text, [edited]))
    assert [i.annotation.note for i in replaced.notes.anchored] == ["now with a note"]
    assert styles(replaced) == ["highlight--pink"]
    removed = replaced.with_note(first.id)
    assert removed.notes.anchored == [] and removed.marks().decorations == ()
    added = removed.with_note(first.id, anchor_all(article.text, [first]))
    assert len(added.notes.anchored) == 1


def test_the_note_at_the_cursor_is_the_shortest_covering_it(state: ArticleState) -> None:
    article = state.article
    start = article.text.index("Nguyen Van Thong")
    wide = new_annotation(article, start, start + 40)
    narrow = note(article, "Nguyen Van Thong")
    shown = with_notes(state, wide, narrow).at((start + 2, start + 3), None)
    found = shown.note_at_cursor()
    assert found is not None and found.annotation.id == narrow.id
    assert shown.at(None, None).note_at_cursor() is None


def test_an_orphan_is_kept_but_not_drawn(state: ArticleState, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("A title\n\nA passage that the sample does not hold at all.\n",
                     encoding="utf-8")
    gone = note(load(other), "A passage that the sample does not hold at all.")
    shown = with_notes(state, gone)
    assert [i.annotation.id for i in shown.notes.orphans] == [gone.id]
    assert shown.marks().decorations == ()


def test_the_target_is_the_selection_else_the_cursor_trimmed(state: ArticleState) -> None:
    text = state.article.text
    start = text.index("Nguyen Van Thong")
    padded = (start - 1, start + 17)  # a space before, one after
    assert text[padded[0]].isspace()
    assert state.at(padded, None).target() == (start, start + 16)
    assert state.at(padded, (start, start + 6)).target() == (start, start + 6)
    assert state.at(None, None).target() is None
    blank = text.index("\n\n")
    assert state.at((blank, blank + 2), None).target() is None


def test_trimmed_drops_white_space_at_both_ends() -> None:
    assert trimmed("  ab  ", 0, 6) == (2, 4)
    assert trimmed("   ", 0, 3) == (3, 3)


def test_finding_people_keeps_the_notes(state: ArticleState) -> None:
    shown = with_notes(state, note(state.article, "Nguyen Van Thong"))
    found = shown.with_article(state.article)
    assert len(found.notes.anchored) == 1 and found.notes.article is state.article


# --- the Notes tab's filter ---------------------------------------------------------------

def tagged(article: Article, phrase: str, color: str, *tags: str) -> Annotation:
    start = article.text.index(phrase)
    return new_annotation(article, start, start + len(phrase), color=color, tags=tags)


@pytest.fixture
def noted(state: ArticleState) -> ArticleState:
    article = state.article
    return with_notes(state, tagged(article, "On the afternoon of April 12", "yellow", "land"),
                      tagged(article, "Resolution No. 26-NQ/TW", "green", "Land", "party"),
                      tagged(article, "Nguyen Van Thong", "green"))


def exacts(items: list[Anchored]) -> list[str]:
    return sorted(a.annotation.target.exact for a in items)


def test_without_a_filter_the_tab_lists_every_note(noted: ArticleState) -> None:
    tab = noted.notes_tab()
    assert len(tab.shown) == 3 and tab.empty is None and tab.label == "Notes 3"
    assert noted.filter_status() == "Notes: all"


def test_a_tag_and_then_a_colour_narrow_the_list_not_the_text(noted: ArticleState) -> None:
    assert noted.filter_counts("tag") == [("land", 2), ("party", 1)]  # case folded
    assert noted.filter_counts("color") == [("yellow", 1), ("green", 2)]
    by_tag = noted.filtering("tag", "land")
    assert exacts(by_tag.notes_tab().shown) == ["On the afternoon of April 12",
                                                "Resolution No. 26-NQ/TW"]
    assert by_tag.notes_tab().label == "Notes 2 of 3 · #land"
    both = by_tag.filtering("color", "green")
    assert exacts(both.notes_tab().shown) == ["Resolution No. 26-NQ/TW"]
    assert both.filter_status() == "Notes: #land · green"
    assert styles(both) == styles(noted)  # every highlight is still drawn
    assert both.filtering("tag", None).note_filter.tag is None  # "All": the colour stays
    assert both.filtering("tag", None).note_filter.color == "green"
    assert both.filtering("clear").notes_tab().label == "Notes 3"


def test_a_filter_nothing_passes_says_so(noted: ArticleState) -> None:
    none = noted.filtering("tag", "land").filtering("color", "green").filtering(
        "tag", "party").filtering("color", "yellow")
    tab = none.notes_tab()
    assert tab.shown == [] and tab.empty == "No note matches the filter: x shows them all."
    assert tab.label == "Notes 0 of 3 · #party · yellow"


def test_a_tag_no_note_has_any_more_leaves_the_filter(noted: ArticleState) -> None:
    by_party = noted.filtering("tag", "party")
    party = next(a for a in by_party.notes.anchored if "party" in a.annotation.tags)
    removed = by_party.with_note(party.annotation.id)
    assert removed.note_filter.tag is None  # the list is not left empty for a lost tag
    assert removed.notes_tab().label == "Notes 2"
    assert noted.filtering("tag", "gone").note_filter.active is False
    assert by_party.with_notes([]).note_filter.active is False


def test_the_filter_counts_nothing_without_notes(state: ArticleState) -> None:
    assert state.filter_counts("tag") == [] and state.filter_counts("color") == []
    assert state.filter_counts("clear") == []
