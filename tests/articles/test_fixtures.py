"""Every fixture article against its hand-checked expectation (tests/articles/fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles import load, parse
from tests.articles.fixture_check import differences

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_matches_expectation(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert differences(load(path), expected) == []


@pytest.mark.parametrize("path", CASES[:4], ids=[p.stem for p in CASES[:4]])
def test_crlf_and_bom_copies_parse_the_same(path: Path, tmp_path: Path) -> None:
    original = load(path)
    copy = tmp_path / path.name
    copy.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    again = load(copy)
    assert again.text == original.text
    assert [(p.name, p.roles, p.mentions) for p in again.people] == [
        (p.name, p.roles, p.mentions) for p in original.people
    ]


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 8


def test_mention_offsets_point_at_the_names() -> None:
    for path in CASES:
        article = parse(path.read_text(encoding="utf-8"))
        for person in article.people:
            for m in person.mentions:
                assert article.text[m.start : m.end].strip() == article.text[m.start : m.end]
                assert m.end - m.start >= 2
