"""Anchoring annotations in the current text: units, and properties checked with Hypothesis."""

from __future__ import annotations

import uuid

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from annotations import Annotation, ArticleRef, Target, anchor, anchor_all
from annotations.anchoring import MIN_SCORE
from annotations.textsearch import SearchText, align_span, edit_distance

from .helpers import FIXED


def _annotation(text: str, start: int, end: int) -> Annotation:
    return Annotation(
        id=str(uuid.UUID(int=start * 100_003 + end + 1)),
        article=ArticleRef(id="h", path="", title="t"),
        target=Target.from_text(text, start, end),
        color="yellow",
        note="",
        tags=(),
        created=FIXED,
        updated=FIXED,
    )


TEXT = (
    "The Standing Committee met on Monday. Comrade Nguyen Van Thong chaired the meeting.\n\n"
    "The Provincial Party Committee Office reported on the first quarter.\n\n"
    "Delegates discussed land prices in Dong Ha city and the coastal road project."
)


def test_unchanged_text_anchors_exactly() -> None:
    start = TEXT.index("Nguyen Van Thong")
    result = anchor(TEXT, _annotation(TEXT, start, start + 16))
    assert (result.status, result.start, result.end, result.score) == (
        "exact",
        start,
        start + 16,
        1.0,
    )


def test_moved_text_anchors_to_the_new_place() -> None:
    start = TEXT.index("land prices")
    a = _annotation(TEXT, start, start + 11)
    new_text = "A new opening paragraph about something else.\n\n" + TEXT
    result = anchor(new_text, a)
    assert result.status == "moved" and new_text[result.start : result.end] == "land prices"
    assert result.start == start + 47


def test_context_picks_the_right_one_of_several_occurrences() -> None:
    text = (
        "Committee A met. " * 3
        + "The Provincial Committee issued a plan. "
        + "Committee B met. " * 3
    )
    start = text.index("Committee issued")
    a = _annotation(text, start, start + 9)
    shifted = "Intro. " + text
    result = anchor(shifted, a)
    assert result.status == "moved" and result.start == start + 7


def test_an_edited_passage_anchors_fuzzily_to_the_edited_text() -> None:
    start = TEXT.index("reported on the first quarter")
    a = _annotation(TEXT, start, start + len("reported on the first quarter"))
    edited = TEXT.replace(
        "reported on the first quarter", "reported in detail on the first quarter"
    )
    result = anchor(edited, a)
    assert result.status == "fuzzy"
    assert edited[result.start : result.end] == "reported in detail on the first quarter"


def test_a_deleted_passage_is_an_orphan_with_no_position() -> None:
    start = TEXT.index("Delegates discussed")
    a = _annotation(TEXT, start, len(TEXT))
    result = anchor(TEXT[: TEXT.index("\n\nDelegates")], a)
    assert result.status == "orphan" and result.start is None and result.end is None
    assert result.is_orphan and result.score < MIN_SCORE


def test_a_short_quote_whose_passage_went_does_not_jump_to_a_lookalike() -> None:
    kept = "Later, in the afternoon, Mr. Thong closed the session."
    text = "At the opening of the budget debate, Mr. Thong spoke first about revenue. " + kept
    start = text.index("Thong spoke")
    a = _annotation(text, start, start + 5)
    result = anchor("In the morning, delegates arrived. " + kept, a)
    assert result.status == "orphan" and result.start is None


def test_anchor_all_keeps_order_and_shares_work() -> None:
    items = [
        _annotation(TEXT, TEXT.index(w), TEXT.index(w) + len(w))
        for w in ("coastal", "Monday", "quarter")
    ]
    results = anchor_all(TEXT, items)
    assert [r.annotation for r in results] == items and all(r.status == "exact" for r in results)


def test_edit_distance_and_alignment_helpers() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3 and edit_distance("Đảng", "Đảng") == 0
    assert edit_distance("Nguyễn", "Nguyen") == 1
    assert align_span("abcXYZdef", "abcXYdef", 3, 6) == (3, 5)
    assert align_span("prefix QUOTE suffix", "prefix inserted QUOTE suffix", 7, 12) == (16, 21)


def test_search_copes_with_more_than_256_distinct_characters() -> None:
    cjk = "".join(chr(0x4E00 + i) for i in range(400))
    text = cjk + " Nguyễn Văn Thông đồng chí " + cjk
    matches = SearchText(text).search("Nguyen Van Thong", 5)
    assert matches and text[matches[0].start : matches[0].end].startswith("Nguy")
    assert matches[0].distance == 3


# Properties ------------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("abcdefghij klmnop.,\nĐđếộ"))
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=300)


@st.composite
def passages(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(passages())
@settings(max_examples=300, deadline=None)
def test_property_unedited_text_always_anchors_exactly(case: tuple[str, int, int]) -> None:
    text, start, end = case
    result = anchor(text, _annotation(text, start, end))
    assert (result.status, result.start, result.end) == ("exact", start, end)


@given(passages(), st.text(alphabet=ALPHABET, min_size=1, max_size=120), st.data())
@settings(max_examples=400, deadline=None)
@example(("abab", 2, 4), "ab", None)
@example(("..aaa", 3, 5), "a", None)
def test_property_insertion_outside_the_passage_reanchors_to_the_same_quote(
    case: tuple[str, int, int], inserted: str, data: st.DataObject | None
) -> None:
    text, start, end = case
    if data is None:
        where = 0
    else:
        where = data.draw(
            st.sampled_from([i for i in range(len(text) + 1) if i <= start or i >= end])
        )
    new_text = text[:where] + inserted + text[where:]
    quote = text[start:end]
    result = anchor(new_text, _annotation(text, start, end))
    assert result.status in ("exact", "moved")
    assert result.start is not None and result.end is not None
    assert new_text[result.start : result.end] == quote
    shifted = start + len(inserted) if where <= start else start
    occurrences = sum(new_text.startswith(quote, i) for i in range(len(new_text)))
    if occurrences == 1:  # overlapping ones count: in "a..aaa", "aa" is at 3 and at 4
        assert result.start == shifted


WORDS = st.lists(
    st.text(
        alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzđơư")), min_size=2, max_size=9
    ),
    min_size=12,
    max_size=40,
    unique=True,
)


@given(WORDS, st.data())
@settings(max_examples=200, deadline=None)
def test_property_a_one_character_typo_fix_reanchors_to_the_fixed_passage(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    assume(len(text) >= 60)
    start = data.draw(st.integers(0, len(text) - 40))
    end = data.draw(st.integers(start + 30, min(len(text), start + 80)))
    typo_at = data.draw(st.integers(start + 1, end - 2))
    replacement = "x" if text[typo_at] != "x" else "y"
    with_typo = text[:typo_at] + replacement + text[typo_at + 1 :]
    result = anchor(text, _annotation(with_typo, start, end))
    assert result.status == "fuzzy"
    assert (result.start, result.end) == (start, end)
