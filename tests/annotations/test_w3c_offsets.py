"""The W3C export's TextPositionSelector selects the quote in the text of the file
`target.source` names (decoded, BOM removed, line ends as in the file: docs/design.md §9), and
import turns it back into canonical offsets; where that cannot be done the selector is left out
and the canonical offsets ride along as `reader:position`."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from annotations import Annotation
from annotations.exporting import export
from annotations.importing import parse
from annotations.source_offsets import read_source, source_text
from annotations.w3c import from_w3c
from articles import Article, load, sample_path

from .helpers import quote_annotation

ONE_LINE = "comprehensively lead and direct all aspects of work"


def _crlf_copy(tmp_path: Path, *, bom: bool = True) -> Path:
    text = sample_path().read_text(encoding="utf-8").replace("\r\n", "\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.replace("\n", "\r\n").encode())
    return path


def _across_lines(article: Article) -> str:
    """A quote running over a line end: the end of one paragraph and the start of the next."""
    at = article.text.index("\n", article.text.index(ONE_LINE))
    return article.text[at - 12 : at + 14]


def _selectors(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["type"]: s for s in item["target"]["selector"]}


def _items(text: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(text)["first"]["items"]
    return items


def test_offsets_select_the_quote_in_a_bom_crlf_file(tmp_path: Path) -> None:
    path = _crlf_copy(tmp_path)
    article = load(path)
    notes = [quote_annotation(article, ONE_LINE), quote_annotation(article, _across_lines(article))]
    consumer_text = path.read_bytes().decode("utf-8-sig")  # what a consumer reads
    assert "\r\n" in consumer_text and not consumer_text.startswith("\ufeff")
    for item, note in zip(_items(export(notes, "w3c")), notes, strict=True):
        selectors = _selectors(item)
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        selected = consumer_text[position["start"] : position["end"]]
        assert selected == quote["exact"]
        assert selected.replace("\r\n", "\n") == note.target.exact
        assert consumer_text[: position["start"]].endswith(quote["prefix"])
        assert consumer_text[position["end"] :].startswith(quote["suffix"])
        assert position["start"] > note.target.start  # shifted by the CRLFs before it
        assert "reader:position" not in item["target"]
        assert item["target"]["source"] == path.as_uri()
    assert "\r\n" in _selectors(_items(export(notes, "w3c"))[1])["TextQuoteSelector"]["exact"]


def test_import_inverts_the_conversion(tmp_path: Path) -> None:
    path = _crlf_copy(tmp_path)
    article = load(path)
    notes = [quote_annotation(article, ONE_LINE, note="n"),
             quote_annotation(article, _across_lines(article))]
    text = export(notes, "w3c")
    assert parse(text.encode()) == notes
    # Without our own terms, as another tool would hand it back: the offsets still invert.
    foreign = json.loads(text)
    for item in foreign["first"]["items"]:
        item.pop("reader:article")
    back = from_w3c(foreign)
    assert [(a.target.start, a.target.end, a.target.exact) for a in back] == [
        (a.target.start, a.target.end, a.target.exact) for a in notes
    ]
    # Written by hand from the file's own text (as another tool would): offsets in that text.
    consumer_text = path.read_bytes().decode("utf-8-sig")
    start = consumer_text.index(ONE_LINE)
    handmade = {
        "type": "Annotation",
        "target": {
            "source": path.as_uri(),
            "selector": [
                {"type": "TextQuoteSelector", "exact": ONE_LINE},
                {"type": "TextPositionSelector", "start": start, "end": start + len(ONE_LINE)},
            ],
        },
    }
    (imported,) = from_w3c(handmade)
    assert start > article.text.index(ONE_LINE)
    assert (imported.target.start, imported.target.end) == (
        article.text.index(ONE_LINE), article.text.index(ONE_LINE) + len(ONE_LINE)
    )


def test_a_plain_lf_file_keeps_its_offsets(article_copy: Path) -> None:
    article = load(article_copy)
    (item,) = _items(export([quote_annotation(article, ONE_LINE)], "w3c"))
    position = _selectors(item)["TextPositionSelector"]
    assert article.text[position["start"] : position["end"]] == ONE_LINE


def _positions_only(note: Annotation) -> dict[str, Any]:
    (item,) = _items(export([note], "w3c"))
    assert set(_selectors(item)) == {"TextQuoteSelector"}
    position: dict[str, Any] = item["target"]["reader:position"]
    assert position == {"start": note.target.start, "end": note.target.end}
    return item


def test_a_changed_missing_or_unmapped_file_names_canonical_offsets(tmp_path: Path) -> None:
    path = _crlf_copy(tmp_path)
    note = quote_annotation(load(path), ONE_LINE)
    # The file changed: the quote is no longer at those offsets.
    path.write_bytes(b"A new first line.\r\n" + path.read_bytes())
    _positions_only(note)
    path.unlink()
    _positions_only(note)
    # A file that is not in NFC: its canonical text is not its text with other line ends.
    nfd = tmp_path / "nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", "Nghệ An.\n" + ONE_LINE + "\n"), encoding="utf-8")
    assert read_source(str(nfd)) is None
    made = quote_annotation(load(nfd), ONE_LINE)
    item = _positions_only(made)
    assert parse(json.dumps({"type": "Annotation", **item}).encode())[0].target == made.target


def test_an_imported_notes_path_is_not_opened_on_export(tmp_path: Path) -> None:
    path = _crlf_copy(tmp_path)
    note = quote_annotation(load(path), ONE_LINE)
    (item,) = _items(export([note], "w3c", lambda ref: None))
    assert "TextPositionSelector" not in _selectors(item)


LINE_TEXT = st.lists(
    st.tuples(st.text(alphabet="abé \u00a0", max_size=6), st.sampled_from(["\n", "\r\n", "\r"])),
    max_size=12,
).map(lambda parts: "".join(a + b for a, b in parts))


@given(LINE_TEXT, st.booleans())
def test_offsets_map_both_ways(text: str, bom: bool) -> None:
    mapped = source_text(("\ufeff" if bom else "") + text)
    assert mapped is not None and mapped.text == text
    canonical = mapped.canonical
    assert canonical == text.replace("\r\n", "\n").replace("\r", "\n")
    for start in range(len(canonical) + 1):
        assert mapped.to_canonical(mapped.to_file(start)) == start
        for end in range(start, len(canonical) + 1):
            piece = text[mapped.to_file(start) : mapped.to_file(end)]
            assert piece.replace("\r\n", "\n").replace("\r", "\n") == canonical[start:end]
