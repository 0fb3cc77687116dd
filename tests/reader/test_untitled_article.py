"""An article without a headline: `title` is null in `outline --json`, the header shows the file
name, and the plain outline and tables print without a title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles import load
from reader.cli import main
from reader.widgets.header import header_text

LEAD_ONLY = (
    "(Baonghean.vn) - On the morning of May 4, comrade Tran Van Khiem - Chairman of the "
    "Provincial People's Committee inspected the dyke at Hung Loi commune and asked the "
    "district to finish the repairs before the rainy season.\n\n"
    "Comrade Tran Van Khiem also visited families of the commune.\n"
)


@pytest.fixture
def lead_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "dyke-inspection.txt"
    path.write_text(LEAD_ONLY, encoding="utf-8")
    return path


def test_outline_json_prints_null(lead_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outline", str(lead_only), "--json"]) == 0
    outline = json.loads(capsys.readouterr().out)
    assert outline["title"] is None
    assert outline["source"] == "Baonghean.vn"


def test_the_plain_outline_and_people_table_print(
    lead_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["outline", str(lead_only)]) == 0
    assert main(["people", str(lead_only)]) == 0
    assert "Tran Van Khiem" in capsys.readouterr().out


def test_the_header_shows_the_file_name(lead_only: Path) -> None:
    article = load(lead_only)
    assert article.title is None  # no headline: None, never ""
    assert header_text(article).plain.splitlines()[0] == "dyke-inspection.txt"
