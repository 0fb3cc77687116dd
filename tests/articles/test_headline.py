"""The headline is article text: people and documents named in it get mentions there."""

from __future__ import annotations

from articles import parse

ARTICLE = """Secretary Le Van Khoa inspects progress of Resolution 58 in border districts

Minh Tam March 3, 2025 10:20

(Baonghean.vn) - On March 3, comrade Le Van Khoa - Secretary of the Provincial Party Committee \
inspected the implementation of Resolution No. 58-NQ/TW dated August 5, 2020 of the Politburo.

Comrade Le Van Khoa asked districts to finish the tasks of Resolution No. 58 this year.
"""


def test_a_person_in_the_headline_has_a_mention_there() -> None:
    article = parse(ARTICLE)
    khoa = next(p for p in article.people if p.name == "Le Van Khoa")
    title_end = ARTICLE.index("\n")
    assert [m.start < title_end for m in khoa.name_mentions] == [True, False, False]


def test_a_person_named_only_in_the_headline_is_found() -> None:
    text = ARTICLE.replace("Secretary Le Van Khoa", "Provincial Party Secretary Vo Thi Lan", 1)
    lan = next(p for p in parse(text).people if p.name == "Vo Thi Lan")
    assert lan.roles == ("Provincial Party Secretary",)
    assert len(lan.mentions) == 1


def test_a_short_form_in_the_headline_before_the_full_code_is_that_document() -> None:
    article = parse(ARTICLE)
    (doc,) = article.documents
    assert doc.code == "58-NQ/TW"
    assert [article.text[m.start : m.end] for m in doc.mentions] == [
        "Resolution 58", "Resolution No. 58-NQ/TW", "Resolution No. 58"
    ]
    assert [m.kind for m in doc.mentions] == ["reference", "code", "reference"]


def test_a_short_form_in_the_body_before_the_full_code_stays_unresolved() -> None:
    text = ARTICLE.replace(" of Resolution 58", "", 1).replace(
        "On March 3, comrade", "Resolution 58 was discussed again. On March 3, comrade")
    article = parse(text)
    full = text.index("Resolution No. 58-NQ/TW")
    (doc,) = article.documents
    assert min(m.start for m in doc.mentions) == full
