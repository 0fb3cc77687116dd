"""Property tests: the parser never raises, and its offsets always describe the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import Article, parse, sample_path

SAMPLE_LINES = sample_path().read_text(encoding="utf-8").split("\n")

line_pieces = st.one_of(
    st.sampled_from(SAMPLE_LINES),
    st.sampled_from(
        [
            "", "PROACTIVE COOPERATION", "Photo: Thanh Duy |", "![x](y) |", "| --- |",
            "Update: 02-01-2020 | 15:51:02", "Lam Tung - Ngoc Quy - January 13, 2024 11:43",
            "(Baonghean) -On the morning", "Ảnh: Thành Duy", "Resolution No. 58-NQ / TW",
            "162/NQ-CP and 178/2024/ND-CP", "Mr. Thong said", "members of the X Committee: ",
            "comrade Nguyễn Văn Thông - Bí thư", "\x1b]0;pwned\x07", "[bold]markup[/bold]",
            "Resolution 26 of the Politburo", "Latest", "POWERED BY", "the Standing Deputy",
        ]
    ),
    st.text(max_size=80),
)


def check_invariants(article: Article) -> None:
    text = article.text
    previous_end = 0
    for block in article.blocks:
        assert 0 <= block.start < block.end <= len(text)
        assert block.start >= previous_end, "blocks overlap or are out of order"
        assert text[block.start : block.end].strip() != ""
        previous_end = block.end
    covered = [False] * len(text)
    for block in article.blocks:
        for i in range(block.start, block.end):
            covered[i] = True
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i], f"character {i} ({ch!r}) belongs to no block"
    for person in article.people:
        assert person.mentions
        for m in person.mentions:
            assert 0 <= m.start < m.end <= len(text)
    for doc in article.documents:
        for m in doc.mentions:
            assert 0 <= m.start < m.end <= len(text)
    for section in article.sections:
        assert all(b.kind not in ("title", "byline", "footer") for b in section.blocks)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_pieces, max_size=40))
def test_parse_never_raises_and_offsets_hold(lines: list[str]) -> None:
    check_invariants(parse("\n".join(lines)))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_arbitrary_text(text: str) -> None:
    check_invariants(parse(text))


def test_mention_texts_match_names() -> None:
    article = parse(sample_path().read_text(encoding="utf-8"))
    for person in article.people:
        for m in person.mentions:
            if m.kind == "name":
                assert person.key.split()[-1] in article.text[m.start : m.end].lower()
