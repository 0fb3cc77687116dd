"""`reader people|documents|outline` given a directory or several files: the merged library index
as JSON or a table, unreadable files warned about on stderr and skipped, one file unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from articles import load
from articles.export import document_dict, person_dict
from reader.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "articles" / "library_fixtures"
UNREADABLE = "07_unreadable_windows_1252.txt"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "index-cache"))
    monkeypatch.setenv("COLUMNS", "120")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_people_json_merges_spellings_and_dates_posts(capsys: pytest.CaptureFixture[str]) -> None:
    people = run_json(capsys, "people", FIXTURES)
    thong = next(p for p in people if p["key"] == "nguyen van thong")
    assert thong["name"] == "Nguyễn Văn Thông"
    assert thong["roles"] == [
        "Head of the Provincial Party Organization Committee",
        "Standing Deputy Secretary of the Provincial Party Committee",
    ]
    assert [[d["date"] for d in post["dates"]] for post in thong["posts"]] == [
        ["2016-11-08", "2018-06-05"], ["2023-04-12"],
    ]
    assert all(Path(d["article"]).exists() for post in thong["posts"] for d in post["dates"])
    mentions = thong["mentions"]
    assert [m["date"] for m in mentions] == sorted(m["date"] for m in mentions)
    for m in mentions:
        assert set(m) == {"article", "date", "start", "end", "text", "kind", "context"}
        text = Path(m["article"]).read_text(encoding="utf-8")
        assert text[m["start"] : m["end"]] == m["text"]
        assert m["text"] in m["context"]
    assert {"Nguyen Van Thong", "Nguyễn Văn Thông"} <= {m["text"] for m in mentions}


def test_documents_json_tells_the_two_26_nq_tw_apart(capsys: pytest.CaptureFixture[str]) -> None:
    documents = run_json(capsys, "documents", FIXTURES)
    by_code: dict[str, list[dict[str, Any]]] = {}
    for doc in documents:
        assert set(doc) == {"key", "code", "type", "issuer", "date", "subject", "doubt",
                            "candidates", "citations"}
        by_code.setdefault(doc["code"], []).append(doc)
    nghe_an, north_central, doubtful = by_code["26-NQ/TW"]
    assert (nghe_an["date"], north_central["date"], doubtful["date"]) == (
        "2013-07-30", "2022-11-03", None
    )
    assert "Nghe An" in nghe_an["subject"] and "North Central" in north_central["subject"]
    assert nghe_an["doubt"] is None and "2 documents share this code" in doubtful["doubt"]
    assert doubtful["candidates"] == [nghe_an["key"], north_central["key"]]
    (directive,) = by_code["05-CT/TW"]
    assert [Path(c["article"]).name[:2] for c in directive["citations"]] == ["01", "03", "04"]
    assert [c["date"] for c in directive["citations"]] == ["2018-06-05", "2022-12-16",
                                                           "2023-09-20"]
    citation = directive["citations"][0]
    assert set(citation["mentions"][0]) == {"start", "end", "text", "kind", "context"}
    assert citation["mentions"][0]["text"] == "Directive No. 05-CT/TW"


def test_unreadable_files_are_warned_about_never_fatal(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("people", "documents", "outline"):
        for extra in ((), ("--json",)):
            code, out, err = run(capsys, command, FIXTURES, *extra)
            assert code == 0
            bad = FIXTURES / UNREADABLE
            assert err == f"reader: {bad}: not readable as UTF-8 text (invalid byte 0xea at " \
                          "offset 3)\n"
            # Only the JSON list of articles names it (with its error); tables leave it out.
            assert (UNREADABLE in out) == (command == "outline" and bool(extra))


def test_outline_of_a_directory_lists_the_articles(capsys: pytest.CaptureFixture[str]) -> None:
    articles = run_json(capsys, "outline", FIXTURES)
    assert [Path(a["path"]).name[:2] for a in articles] == ["05", "01", "03", "02", "04", "06",
                                                             "07"]
    assert articles[0]["published"] == "2016-11-08T15:40"
    assert articles[-1]["error"].startswith("not readable as UTF-8")
    assert set(articles[0]) == {"path", "id", "title", "authors", "published", "source",
                                "people", "documents", "error"}
    code, out, _ = run(capsys, "outline", FIXTURES)
    assert code == 0 and "Dien Chau district speeds up" in out and "6 articles" in out


def test_several_files_make_a_library(capsys: pytest.CaptureFixture[str]) -> None:
    files = [next(FIXTURES.glob("01_*.txt")), next(FIXTURES.glob("02_*.txt"))]
    people = run_json(capsys, "people", *files)
    thong = next(p for p in people if p["key"] == "nguyen van thong")
    assert len(thong["posts"]) == 2
    assert {m["article"] for m in thong["mentions"]} == {str(f) for f in files}


def test_one_file_keeps_the_single_article_output(capsys: pytest.CaptureFixture[str]) -> None:
    path = next(FIXTURES.glob("01_*.txt"))
    article = load(path)
    assert run_json(capsys, "people", path) == [person_dict(article, p) for p in article.people]
    assert run_json(capsys, "documents", path) == [
        document_dict(article, d) for d in article.documents
    ]
    code, out, err = run(capsys, "people", path)
    assert code == 0 and err == "" and out.lstrip().startswith("People in Provincial Party")


def test_tables_show_people_posts_dates_and_doubt(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "people", FIXTURES)
    assert code == 0
    assert "Nguyễn Văn Thông" in out and "People in 6 articles" in out
    assert "2016-11-08 – 2018-06-05" in out and "(2023-04-12)" in out
    code, out, _ = run(capsys, "documents", FIXTURES)
    assert code == 0 and "26-NQ/TW (?)" in out and "2013-07-30" in out and "2022-11-03" in out


def test_no_readable_article_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    shutil.copy(FIXTURES / UNREADABLE, only_bad / UNREADABLE)
    code, out, err = run(capsys, "people", only_bad, "--json")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"reader: {only_bad / UNREADABLE}: not readable as UTF-8 text (invalid byte 0xea at "
        "offset 3)",
        "reader: no readable article among the files given",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "documents", empty)
    assert code == 2 and out == ""
    assert err == f"reader: {empty}: no article files (*.txt, *.html) in this directory\n"
    code, _, err = run(capsys, "people", tmp_path / "missing.txt", only_bad / UNREADABLE)
    assert code == 2 and "no such file" in err


def test_article_text_is_never_markup_nor_terminal_control(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    shutil.copy(next(FIXTURES.glob("05_*.txt")), library / "a.txt")
    (library / "b.txt").write_text(
        "[bold red]Fake[/] title \x1b]0;pwned\x07 here\n\nThanh Duy June 5, 2018 16:20\n\n"
        "(Baonghean.vn) - Comrade Tran Van [link=x]Nam[/link] - Secretary of the [b]District[/b] "
        "Party Committee spoke.\n",
        encoding="utf-8",
    )
    for command in ("outline", "people", "documents"):
        code, out, _ = run(capsys, command, library)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out
    code, out, _ = run(capsys, "outline", library)
    assert "[bold red]Fake[/]" in out and "␛" in out


def test_the_installed_program_exits_0_and_warns_on_stderr(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "documents", str(FIXTURES), "--json"],
        capture_output=True, text=True, timeout=120,
        env={"READER_CACHE_DIR": str(tmp_path / "c"), "PATH": "", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["code"] == "05-CT/TW"
    assert proc.stderr.startswith("reader: ") and UNREADABLE in proc.stderr
