"""Export (Markdown, our JSON, W3C Web Annotation JSON-LD) and import (ours and W3C): round
trips, the W3C model's required fields, idempotent imports, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import orjson
import pytest

from annotations import Annotation, Store, new_annotation
from annotations.actions import import_file
from annotations.errors import ImportFileError
from annotations.exporting import export, to_json_data
from annotations.importing import parse
from annotations.w3c import ANNO_CONTEXT, from_w3c, to_w3c
from articles import Article, load

from .helpers import plain, quote_annotation

MOTIVATIONS = {
    "assessing", "bookmarking", "classifying", "commenting", "describing", "editing",
    "highlighting", "identifying", "linking", "moderating", "questioning", "replying", "tagging",
}  # fmt: skip


@pytest.fixture
def notes(article_copy: Path) -> tuple[Article, list[Annotation]]:
    article = load(article_copy)
    items = [
        quote_annotation(
            article, "Resolution No. 26-NQ/TW", note="The key resolution.", tags=["docs", "TW"]
        ),
        quote_annotation(
            article, "comprehensively lead and direct all aspects of work", color="green"
        ),
        quote_annotation(article, "Regulation No. 04-QDi/TW", tags=["docs"], color="blue"),
        quote_annotation(
            article, "Conclusion No. 48-KL/TW", note="Line one\nline two", color="pink"
        ),
    ]
    return article, items


def test_markdown_groups_by_article_and_section(notes: tuple[Article, list[Annotation]]) -> None:
    article, items = notes
    md = export(items, "markdown")
    assert md.startswith("# Highlights and notes\n")
    assert f"## {article.title}\n" in md
    first, second = (
        "### PROACTIVE COOPERATION, COMPLETING LARGE AMOUNT OF WORK",
        "### FOLLOW FUNCTIONS AND TASKS",
    )
    assert md.index(first) < md.index("> Resolution No. 26-NQ/TW") < md.index(second)
    assert (
        md.index(second)
        < md.index("> Regulation No. 04-QDi/TW")
        < md.index("> Conclusion No. 48-KL/TW")
    )
    assert md.count("### PROACTIVE") == 1  # both notes of that section under one heading
    block = md[md.index("> Resolution No. 26-NQ/TW") :]
    assert block.startswith(
        "> Resolution No. 26-NQ/TW\n\nThe key resolution.\n\n*yellow · tags: docs, TW · "
    )
    assert "Line one\\\nline two" in md and "*green · " in md  # a hard line break


def test_markdown_without_the_article_file_and_with_orphans(
    notes: tuple[Article, list[Annotation]], article_copy: Path
) -> None:
    article, items = notes
    article_copy.write_text(
        article.text.replace("Conclusion No. 48-KL/TW dated", "A conclusion dated")
    )
    md = export(items, "markdown")
    assert "### Unanchored\n\n> Conclusion No. 48-KL/TW" in md
    article_copy.unlink()
    md = export(items, "markdown")
    assert "### Unknown section" in md and md.count("> ") >= 4


def test_json_export_round_trips_through_import(notes: tuple[Article, list[Annotation]]) -> None:
    _, items = notes
    text = export(items, "json")
    data = json.loads(text)
    assert data["format"] == "reader-annotations" and data["schema"] == 1
    assert parse(text.encode()) == items


def _check_w3c_annotation(item: dict[str, Any]) -> None:
    """The MUSTs of the W3C Web Annotation Data Model for what we produce."""
    assert urlparse(item["id"]).scheme, "id must be an IRI"
    assert item["type"] == "Annotation"
    assert item["motivation"] in MOTIVATIONS
    bodies = item.get("body", [])
    for body in bodies:
        assert body["type"] == "TextualBody" and isinstance(body["value"], str)
        assert body["purpose"] in MOTIVATIONS
    target = item["target"]
    assert urlparse(target["source"]).scheme, "target.source must be an IRI"
    selectors = {s["type"]: s for s in target["selector"]}
    quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
    assert isinstance(quote["exact"], str) and quote["exact"]
    assert isinstance(quote["prefix"], str) and isinstance(quote["suffix"], str)
    assert isinstance(position["start"], int) and isinstance(position["end"], int)
    assert 0 <= position["start"] <= position["end"]
    for key in ("created", "modified"):
        assert item[key].endswith("Z")
    if "styleClass" in target:
        assert item["stylesheet"]["type"] == "CssStylesheet"
        assert f".{target['styleClass']} " in item["stylesheet"]["value"]


def test_w3c_export_has_the_models_required_fields(notes: tuple[Article, list[Annotation]]) -> None:
    _, items = notes
    data = json.loads(export(items, "w3c"))
    context = data["@context"]
    assert context == ANNO_CONTEXT or ANNO_CONTEXT in context
    assert data["type"] == "AnnotationCollection" and urlparse(data["id"]).scheme
    assert data["total"] == len(items)
    page = data["first"]
    assert page["type"] == "AnnotationPage" and len(page["items"]) == len(items)
    for item in page["items"]:
        _check_w3c_annotation(item)
    by_id = {item["id"]: item for item in page["items"]}
    note = by_id[f"urn:uuid:{items[0].id}"]
    assert note["motivation"] == "commenting"
    assert note["body"][0] == {
        "type": "TextualBody",
        "value": "The key resolution.",
        "format": "text/plain",
        "purpose": "commenting",
    }
    assert [b["value"] for b in note["body"] if b["purpose"] == "tagging"] == ["docs", "TW"]
    highlight = by_id[f"urn:uuid:{items[1].id}"]
    assert highlight["motivation"] == "highlighting" and "body" not in highlight
    assert highlight["target"]["styleClass"] == "green"
    quote = highlight["target"]["selector"][0]
    assert quote["exact"] == "comprehensively lead and direct all aspects of work"
    assert highlight["target"]["source"] == Path(items[1].article.path).as_uri()


def test_w3c_round_trip_is_lossless(notes: tuple[Article, list[Annotation]]) -> None:
    _, items = notes
    assert from_w3c(to_w3c(items)) == items
    assert parse(export(items, "w3c").encode()) == items


def test_foreign_w3c_annotations_are_imported(store: Store) -> None:
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/AbC123",
        "type": "Annotation",
        "created": "2024-03-01T08:00:00.000000+00:00",
        "body": [
            {"type": "TextualBody", "value": "Worth checking"},
            {"type": "TextualBody", "value": "Politburo", "purpose": "tagging"},
        ],
        "target": {
            "source": "https://baonghean.vn/some-article.html",
            "selector": [
                {"type": "RangeSelector", "startSelector": {}},
                {"type": "TextQuoteSelector", "exact": "Resolution No. 26-NQ/TW"},
            ],
        },
    }
    (a,) = parse(json.dumps(foreign).encode())
    assert a.note == "Worth checking" and a.tags == ("Politburo",) and a.color == "yellow"
    assert a.target.exact == "Resolution No. 26-NQ/TW" and a.target.start == 0
    assert a.article.title == "https://baonghean.vn/some-article.html"
    assert parse(json.dumps([foreign]).encode()) == [a]  # a stable id: the same each time
    assert store.add_many([a]) == ([a], []) and store.add_many([a]) == ([], [a])


def test_importing_the_same_file_twice_adds_nothing(
    notes: tuple[Article, list[Annotation]], store: Store, tmp_path: Path, db_path: Path
) -> None:
    _, items = notes
    for fmt in ("json", "w3c"):
        path = tmp_path / f"export.{fmt}.json"
        path.write_text(export(items, fmt), encoding="utf-8")
        added, skipped = import_file(store, path)
        assert (len(added), len(skipped)) == ((4, 0) if fmt == "json" else (0, 4))
        content = db_path.read_bytes()
        assert import_file(store, path) == ([], items)
        assert db_path.read_bytes() == content
    assert sorted(a.id for a in store.all()) == sorted(a.id for a in items)


def _good_and_bad() -> bytes:
    data = to_json_data([plain(1), plain(2)])
    data["annotations"][1]["target"]["start"] = -5
    return orjson.dumps(data)


@pytest.mark.parametrize(
    "content,problem",
    [
        (b"{not json", "not valid JSON"),
        (b'{"some": "thing"}', "not annotations"),
        (b"[]", "not annotations"),
        (
            _good_and_bad(),
            "record 2 (annotation '00000000-0000-0000-0000-000000000003'): target.start",
        ),
        (b'{"format": "reader-annotations", "schema": 9, "annotations": []}', "newer reader"),
        (
            b'{"type": "Annotation", "target": "https://example.org/x"}',
            "no target with a TextQuoteSelector",
        ),
        (
            b'{"type": "Annotation", "target": {"source": "x", '
            b'"selector": {"type": "TextQuoteSelector"}}}',
            "exact",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    content: bytes, problem: str, store: Store, db_path: Path, tmp_path: Path
) -> None:
    store.add(plain(9))
    before = db_path.read_bytes()
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as info:
        import_file(store, path)
    assert str(info.value).startswith(f"{path}: ") and problem in str(info.value)
    assert db_path.read_bytes() == before


def test_a_missing_import_file_is_reported(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        import_file(store, tmp_path / "nope.json")


def test_export_of_nothing(sample: Article) -> None:
    assert "(none)" in export([], "markdown")
    assert json.loads(export([], "w3c"))["total"] == 0
    a = new_annotation(sample, 0, 4)
    assert json.loads(export([a], "json"))["annotations"][0]["id"] == a.id
