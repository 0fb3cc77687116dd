"""`reader search DIR QUERY [--json]`: hits across a library folder with article, date and
context, at offsets into each article's canonical text; "no matches" is exit 0; a missing or
wrong directory is one line and exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from articles import load
from reader.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "articles" / "library_fixtures"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "index-cache"))
    monkeypatch.setenv("COLUMNS", "160")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_hits_index_the_canonical_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", FIXTURES, "hoang nghia hieu", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits
    for hit in hits:
        text = load(hit["path"]).text
        assert text[hit["start"]:hit["end"]] == hit["text"] == "Hoàng Nghĩa Hiếu"
        assert hit["context"][hit["context_start"]:hit["context_end"]] == hit["text"]
        assert hit["title"]


def test_hits_come_in_date_order_with_article_and_date(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    code, out, _ = run(capsys, "search", FIXTURES, "26-NQ/TW", "--json")
    assert code == 0
    dates = [h["published"] for h in json.loads(out)]
    assert len(dates) > 2 and dates == sorted(dates)
    code, out, _ = run(capsys, "search", FIXTURES, "26-NQ/TW")
    assert code == 0
    assert "matches for “26-NQ/TW”" in out and "2016-11-08" in out


def test_no_matches_is_a_clear_line_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", FIXTURES, "zebra crossing")
    assert code == 0, err
    assert out.startswith("no matches for “zebra crossing” in 6 articles")
    code, out, _ = run(capsys, "search", FIXTURES, "zebra crossing", "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize("where", ["missing", "file"])
def test_a_missing_or_wrong_directory_is_one_line_and_exit_2(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str) -> None:
    target = tmp_path / "nowhere"
    if where == "file":
        target = tmp_path / "a.txt"
        target.write_text("Title\n\nBody.\n")
    code, out, err = run(capsys, "search", target, "thong")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(target) in err
    assert ("no such directory" if where == "missing" else "not a directory") in err


def test_an_empty_query_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", FIXTURES, "  ")
    assert code == 2 and "empty" in err


def test_a_changed_article_is_searched_as_it_now_is(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(FIXTURES, lib)
    run(capsys, "search", lib, "thong")
    target = lib / "06_undated_commune_visit.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nThe zebra crossing opened.\n",
                      encoding="utf-8")
    code, out, _ = run(capsys, "search", lib, "zebra crossing", "--json")
    assert code == 0
    assert [Path(h["path"]).name for h in json.loads(out)] == [target.name]


def test_help_lists_search(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "search" in capsys.readouterr().out


def test_an_untitled_article_is_named_by_its_file_and_one_hit_is_one_match(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "no-headline.txt").write_text(
        "(VNA) - The Quang Tri Provincial People's Committee met on Monday to review the "
        "coastal road, which the province wants finished before the rainy season.\n\n"
        "Officials said the work on the bridge would start next month.\n", encoding="utf-8")
    code, out, err = run(capsys, "search", folder, "coastal road", "--json")
    assert code == 0, err
    (hit,) = json.loads(out)
    assert hit["title"] is None  # as `outline --json` says it
    code, out, _ = run(capsys, "search", folder, "coastal road")
    assert code == 0
    assert "1 match for “coastal road”" in out and "no-headline.txt" in out
