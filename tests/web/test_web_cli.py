"""The command line on web pages: outline, people, documents and notes take an address or a
saved page; `reader save URL... --to DIR` makes a library folder; bad addresses exit 2 with one
line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.web.conftest import PAGES
from tests.web.server import PageServer


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_outline_people_and_documents_of_an_address(
    server: PageServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.url("/pages/national_daily.html")
    code, out, _ = _run(capsys, "outline", url, "--json")
    outline = json.loads(out)
    assert code == 0 and outline["url"] == url and outline["path"] is None
    assert outline["title"] == "Ha Tinh sets out plan to streamline commune apparatus"
    assert [s["title"] for s in outline["sections"]] == [
        "Lead", "Cadres placed by capacity", "Offices and public services"]
    code, out, _ = _run(capsys, "people", url, "--json")
    assert "Hoang Trung Dung" in {p["name"] for p in json.loads(out)}
    code, out, _ = _run(capsys, "documents", url, "--json")
    assert [d["code"] for d in json.loads(out)] == ["18-NQ/TW", "127-KL/TW"]
    code, out, _ = _run(capsys, "outline", url)
    assert code == 0 and url in out


def test_notes_on_an_address_and_on_a_saved_page(
    server: PageServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "notes.json")
    url = server.url("/pages/army_paper.html")
    code, out, err = _run(capsys, "notes", "add", url, "--quote", "Lieutenant General Ha Tho "
                          "Binh, Commander of Military Region 4", "--note", "check", "--db", db)
    assert code == 0, err
    note_id = out.strip()
    server.stop()  # from here on, the stored copy only
    code, out, _ = _run(capsys, "notes", "list", url, "--json", "--db", db)
    assert code == 0 and [n["id"] for n in json.loads(out)] == [note_id]
    code, out, _ = _run(capsys, "notes", "export", "--format", "w3c", "--db", db)
    assert json.loads(out)["first"]["items"][0]["target"]["source"] == url
    page = tmp_path / "saved.htm"
    page.write_bytes((PAGES / "cookies_and_comments.html").read_bytes())
    code, out, err = _run(capsys, "notes", "add", str(page), "--quote", "Hai Chau District",
                          "--db", db)
    assert code == 0, err


def test_save_makes_a_library_folder_of_pages(
    server: PageServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    urls = [server.url("/pages/army_paper.html"), server.url("/moved"),
            server.url("/pages/no_article.html")]
    code, out, err = _run(capsys, "save", *urls, "--to", str(folder))
    assert code == 2
    assert err.count("\n") == 1 and "no article text" in err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["military-region-4-reviews-local-defence-work.html",
                     "nghe-an-party-committee-reviews-two-years-of-resolution-39.html"]
    assert out.count("fetched") == 2
    code, out, _ = _run(capsys, "outline", str(folder), "--json")
    listed = {a["title"]: a for a in json.loads(out)}
    assert set(listed) == {"Military Region 4 reviews local defence work",
                           "Nghe An: Party Committee reviews two years of Resolution 39"}
    # The saved file remembers the address it came from.
    code, out, _ = _run(capsys, "outline", str(folder / names[1]), "--json")
    assert json.loads(out)["url"] == server.url("/pages/provincial_paper.html")
    # Saving again: already stored, no fetch, and no second copy in the folder.
    hits = len(server.hits)
    code, out, _ = _run(capsys, "save", urls[0], "--to", str(folder))
    assert code == 0 and "already stored" in out and len(server.hits) == hits
    assert len(list(folder.iterdir())) == 2


def test_save_makes_the_folder_when_it_does_not_exist(
    server: PageServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "library"
    code, out, err = _run(capsys, "save", server.url("/pages/army_paper.html"), "--to",
                          str(folder))
    assert (code, err) == (0, "") and "fetched" in out
    assert [p.suffix for p in folder.iterdir()] == [".html"]
    # A folder that cannot be made (a file is in the way) is one line, exit 2.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run(capsys, "save", server.url("/pages/army_paper.html"), "--to",
                        str(blocker / "lib"))
    assert code == 2 and err.count("\n") == 1 and "cannot make this folder" in err


def test_save_refresh_reports_a_changed_page(
    server: PageServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "notes.json")
    url = server.url("/pages/changing.html")
    body = (PAGES / "aggregator.html").read_bytes()
    server.serve("changing.html", body)
    assert _run(capsys, "save", url)[0] == 0
    assert _run(capsys, "notes", "add", url, "--quote", "Decision No. 812/QD-TTg", "--db", db
                )[0] == 0
    server.serve("changing.html", body.replace(b"Decision No. 812/QD-TTg", b"a decision"))
    code, out, _ = _run(capsys, "save", url, "--refresh", "--db", db)
    assert code == 0
    assert "changed since it was stored: 0 note(s) re-anchored, 1 could not be placed" in out


@pytest.mark.parametrize(("argv", "expected"), [
    (("outline", "ftp://example.org/x.html"), "only http and https addresses can be opened"),
    (("people", "http://127.0.0.1:9/x.html"), "the connection was refused"),
    (("save", "file:///etc/passwd"), "only http and https addresses can be saved"),
    (("sample.txt", "https://example.org/"), "a web address opens alone"),
])
def test_bad_addresses_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected: str
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("reader: ") and err.count("\n") == 1 and expected in err


def test_an_error_page_exits_2(server: PageServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "documents", server.url("/error500"))
    assert code == 2 and "500 Internal Server Error" in err
