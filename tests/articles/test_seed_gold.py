"""The seed article against its gold file: the first acceptance test of the parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles import Article, fold, load, sample_path

GOLD = json.loads((Path(__file__).parent / "gold" / "000_bde9338428a09521.gold.json").read_text())


@pytest.fixture(scope="module")
def article() -> Article:
    return load(sample_path())


def test_metadata(article: Article) -> None:
    assert article.title == GOLD["title"]
    assert list(article.authors) == [GOLD["author"]]
    assert article.published is not None
    assert article.published.isoformat(timespec="minutes") == GOLD["published"]
    assert article.source == GOLD["source"]


def test_headings_and_captions(article: Article) -> None:
    headings = [article.text[b.start : b.end] for b in article.blocks if b.kind == "heading"]
    assert headings == GOLD["headings"]
    assert sum(1 for b in article.blocks if b.kind == "caption") == GOLD["captions"]
    assert [s.title for s in article.sections] == ["Lead", *GOLD["headings"]]


def test_footer_is_excluded(article: Article) -> None:
    footer = [article.text[b.start : b.end] for b in article.blocks if b.kind == "footer"]
    assert footer == GOLD["footer_lines_not_part_of_the_article"]
    footer_start = min(b.start for b in article.blocks if b.kind == "footer")
    for section in article.sections:
        assert section.end <= footer_start
    for person in article.people:
        assert all(m.end <= footer_start for m in person.mentions)


def test_people(article: Article) -> None:
    found = {fold(p.name): p for p in article.people}
    assert set(found) == {fold(g["name"]) for g in GOLD["people"]}
    for gold in GOLD["people"]:
        person = found[fold(gold["name"])]
        assert person.name == gold["name"]
        assert [fold(r) for r in person.roles] == [fold(r) for r in gold["roles"]], gold["name"]
        assert len(person.name_mentions) == gold["mentions_by_name"], gold["name"]
        assert len(person.role_mentions) == gold["mentions_by_role_only"], gold["name"]


def test_thong_mentions_in_reading_order(article: Article) -> None:
    thong = next(p for p in article.people if p.name == "Nguyen Van Thong")
    texts = [article.text[m.start : m.end] for m in thong.mentions]
    assert len(texts) == 10
    assert texts.count("Nguyen Van Thong") == 7
    assert texts.count("Standing Deputy Secretary of the Provincial Party Committee") == 3
    assert [m.start for m in thong.mentions] == sorted(m.start for m in thong.mentions)


def test_documents(article: Article) -> None:
    found = {d.code: d for d in article.documents}
    assert set(found) == {g["code"] for g in GOLD["documents"]}
    for gold in GOLD["documents"]:
        doc = found[gold["code"]]
        assert doc.type == gold["type"]
        assert doc.issuer == gold["issuer"]
        assert (doc.date.isoformat() if doc.date else None) == gold["date"]
        assert len(doc.mentions) == gold["mentions"], gold["code"]


def test_short_reference_is_a_mention_of_26(article: Article) -> None:
    doc = next(d for d in article.documents if d.code == "26-NQ/TW")
    assert [article.text[m.start : m.end] for m in doc.mentions] == [
        "Resolution No. 26-NQ/TW",
        "Resolution No. 26",
    ]
    assert [m.kind for m in doc.mentions] == ["code", "reference"]
