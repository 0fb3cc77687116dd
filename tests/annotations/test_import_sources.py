"""An import never opens a local file because the import names it (`target.source`): W3C
offsets are converted only with the article files the user named (`--article`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations import Store, source_offsets
from annotations.actions import import_file
from articles import load

from .test_w3c_offsets import ONE_LINE, _crlf_copy


def _handmade(path: Path) -> tuple[Path, int]:
    """A W3C annotation written from the file's own text, as another tool would."""
    consumer_text = path.read_bytes().decode("utf-8-sig")
    start = consumer_text.index(ONE_LINE)
    item = {"type": "Annotation", "id": "urn:uuid:00000000-0000-4000-8000-00000000abcd",
            "target": {"source": path.as_uri(), "selector": [
                {"type": "TextQuoteSelector", "exact": ONE_LINE},
                {"type": "TextPositionSelector", "start": start, "end": start + len(ONE_LINE)},
            ]}}
    out = path.with_name("import.json")
    out.write_text(json.dumps(item), encoding="utf-8")
    return out, start


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the offset conversion reads."""
    seen: list[Path] = []
    real = source_offsets.read_regular

    def spy(path: Path, limit: int) -> bytes:
        seen.append(Path(path))
        return real(path, limit)

    monkeypatch.setattr(source_offsets, "read_regular", spy)
    return seen


def test_an_import_does_not_open_the_files_it_names(
    tmp_path: Path, store: Store, opened: list[Path]
) -> None:
    article_file = _crlf_copy(tmp_path)
    export, file_start = _handmade(article_file)
    (added,), _ = import_file(store, export)
    assert article_file not in opened
    # Not converted: the offsets as given; the quote re-anchors the note when it is opened.
    assert added.target.start == file_start and added.target.exact == ONE_LINE


def test_an_article_named_by_the_user_converts_the_offsets(
    tmp_path: Path, store: Store, opened: list[Path]
) -> None:
    article_file = _crlf_copy(tmp_path)
    export, file_start = _handmade(article_file)
    (added,), _ = import_file(store, export, article_files=[article_file])
    canonical = load(article_file).text.index(ONE_LINE)
    assert opened == [article_file] and file_start > canonical
    assert (added.target.start, added.target.end) == (canonical, canonical + len(ONE_LINE))
