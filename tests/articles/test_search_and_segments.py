"""Search that ignores case and diacritics, and the sentence/word spans the cursor moves by."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import fold, load, sample_path
from articles.parsing.search import find_all
from articles.parsing.segments import sentence_spans, word_spans


def test_search_ignores_case_and_diacritics() -> None:
    text = "Ông Nguyễn Văn Thông gặp ông THONG và thông tin."
    spans = find_all(text, "thong")
    assert [text[s:e] for s, e in spans] == ["Thông", "THONG", "thông"]
    assert [text[s:e] for s, e in find_all(text, "NGUYEN van  thong")] == ["Nguyễn Văn Thông"]


def test_search_across_line_breaks_and_empty_query() -> None:
    text = "Nguyen Van\nThong spoke."
    assert [text[s:e] for s, e in find_all(text, "van thong")] == ["Van\nThong"]
    assert find_all(text, "   ") == []


def test_search_keeps_offsets_when_folding_changes_length() -> None:
    text = "İstanbul and Thông"  # "İ".lower() is two characters
    assert [text[s:e] for s, e in find_all(text, "thong")] == ["Thông"]
    assert [text[s:e] for s, e in find_all(text, "istanbul")] == ["İstanbul"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(min_size=1, max_size=5))
def test_every_hit_folds_to_the_query(text: str, query: str) -> None:
    for start, end in find_all(text, query):
        assert 0 <= start < end <= len(text)
        assert fold(text[start:end]) == fold(query)


def test_sentences_of_the_seed_do_not_split_on_abbreviations() -> None:
    article = load(sample_path())
    block = next(b for b in article.blocks if "Conclusion No. 48-KL/TW dated" in
                 article.text[b.start : b.end])
    sentences = [article.text[s:e] for s, e in sentence_spans(article.text, block.start, block.end)]
    assert len(sentences) == 2
    assert sentences[0].startswith("Currently, implementing Conclusion No. 48-KL/TW")
    assert sentences[1].startswith("In case of real necessity")


def test_sentence_and_word_spans_are_trimmed_and_ordered() -> None:
    text = "  Mr. Thong spoke. Then Ms. Huong replied!  Done  "
    spans = sentence_spans(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == ["Mr. Thong spoke.", "Then Ms. Huong replied!", "Done"]
    words = word_spans(text, 0, len(text))
    assert [text[s:e] for s, e in words][:3] == ["Mr", "Thong", "spoke"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentence_spans_cover_the_words(text: str) -> None:
    spans = sentence_spans(text, 0, len(text))
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous = end
