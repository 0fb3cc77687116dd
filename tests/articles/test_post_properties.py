"""Property tests for posts: a post's end stays inside the text given and ends a word, two
wordings compare the same whichever comes first, and spelling out abbreviations leaves a post
without capitals as it is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.parsing.roles import equivalent, post_end, spell_out

WORDS = st.sampled_from([
    "Chairman", "chairman", "of", "the", "Provincial", "provincial", "People's", "Committee",
    "PPC", "PC", "HCMC", "Party", "chief", "and", "Chamber's", "representatives", "refinery's",
    "operating", "company", "Vice", "Permanent", "Secretary", "Chargé", "d'Affaires", "Ho",
    "Chi", "Minh", "City", "general", "director", ",", "-", "2020–2025", "term", "Mr",
])
PHRASES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(PHRASES, st.integers(min_value=0, max_value=40))
def test_a_post_ends_inside_its_limit_at_a_word_end(text: str, cut: int) -> None:
    limit = max(0, len(text) - cut)
    end = post_end(text, 0, limit)
    assert 0 <= end <= limit
    assert end == 0 or not text[end - 1].isspace()
    assert end == limit or not (text[end - 1 : end].isalnum() and text[end].isalnum())


@settings(max_examples=400, deadline=None)
@given(PHRASES, PHRASES)
def test_equivalence_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert equivalent(a, b) == equivalent(b, a)
    assert equivalent(a, a)


@settings(max_examples=200, deadline=None)
@given(PHRASES, PHRASES)
def test_spelling_out_needs_capitals(a: str, b: str) -> None:
    lower = a.lower()
    assert spell_out(lower, b) == lower
