"""`reader notes ...` run as a user runs it: the real program in a subprocess, checking stdout,
stderr, exit status and the bytes of the annotations file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotations import Store
from articles import sample_path

QUOTE = "comprehensively lead and direct all aspects of work"


class Result:
    """What one run of the program did."""

    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of each run: a private home, no READER_DB unless a test sets it."""
    env = {k: v for k, v in os.environ.items() if k != "READER_DB"}
    env.update(
        HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / "share"), COLUMNS="120"
    )
    return env


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(sample_path().read_bytes())
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    (tmp_path / "db").mkdir()
    return tmp_path / "db" / "annotations.json"


def run(env: dict[str, str], *args: str | Path) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    return Result(proc)


def _one_error_line(result: Result, *parts: str) -> None:
    assert result.err.count("\n") == 1 and result.err.startswith("reader: "), result.err
    for part in parts:
        assert part in result.err, result.err


def test_add_prints_only_the_id_after_it_is_on_disk(
    env: dict[str, str], article: Path, db: Path
) -> None:
    options = ["--note", "Key point", "--tag", "office", "--tag", "lead", "--color", "green"]
    r = run(env, "notes", "add", article, "--quote", QUOTE, *options, "--db", db)
    assert r.code == 0 and r.err == ""
    new_id = r.out.strip()
    assert r.out == new_id + "\n" and len(new_id) == 36
    stored = Store(db).get(new_id)
    assert stored is not None and stored.target.exact == QUOTE
    assert (stored.note, stored.tags, stored.color) == ("Key point", ("office", "lead"), "green")


def test_a_quote_typed_across_a_paragraph_break_is_found(
    env: dict[str, str], article: Path, db: Path
) -> None:
    r = run(
        env,
        "notes",
        "add",
        article,
        "--quote",
        "aspects of work.   Comrade Pham Trong Hoang",
        "--db",
        db,
    )
    assert r.code == 0
    stored = Store(db).get(r.out.strip())
    assert (
        stored is not None and stored.target.exact == "aspects of work.\n\nComrade Pham Trong Hoang"
    )


def test_a_quote_not_in_the_article_is_refused_with_status_2(
    env: dict[str, str], article: Path, db: Path
) -> None:
    r = run(env, "notes", "add", article, "--quote", "not a phrase of this article", "--db", db)
    assert r.code == 2 and r.out == ""
    _one_error_line(r, str(article), "does not occur in the article")
    assert not db.exists()
    r = run(
        env,
        "notes",
        "add",
        article,
        "--quote",
        "Party leaders at the meeting",
        "--nth",
        "3",
        "--db",
        db,
    )
    assert r.code == 2 and "occurs 2 times, not 3" in r.err
    r = run(env, "notes", "add", article, "--quote", QUOTE, "--color", "orange", "--db", db)
    assert r.code == 2 and not db.exists()
    r = run(env, "notes", "add", article.with_name("missing.txt"), "--quote", QUOTE, "--db", db)
    assert r.code == 2 and "no such file" in r.err


def test_list_json_is_json_only_and_anchors_to_the_edited_article(
    env: dict[str, str], article: Path, db: Path
) -> None:
    kept = run(env, "notes", "add", article, "--quote", QUOTE, "--db", db).out.strip()
    gone = run(
        env,
        "notes",
        "add",
        article,
        "--quote",
        "Conclusion No. 48-KL/TW",
        "--occurrence",  # the article cites it twice
        "1",
        "--note",
        "gone",
        "--db",
        db,
    )
    everything = json.loads(run(env, "notes", "list", "--json", "--db", db).out)
    assert sorted(x["id"] for x in everything) == sorted([kept, gone.out.strip()])

    text = article.read_text(encoding="utf-8")
    text = "A new first paragraph.\n\n" + text.replace(
        "Conclusion No. 48-KL/TW dated", "A conclusion dated"
    )
    article.write_text(
        text.replace("comprehensively lead", "comprehensively  lead"), encoding="utf-8"
    )
    r = run(env, "notes", "list", article, "--json", "--db", db)
    assert r.code == 0 and r.err == ""
    items = {x["id"]: x for x in json.loads(r.out)}
    assert items[kept]["anchor"]["status"] == "fuzzy"
    start, end = items[kept]["anchor"]["start"], items[kept]["anchor"]["end"]
    assert text.replace("comprehensively lead", "comprehensively  lead")[
        start:end
    ] == QUOTE.replace("comprehensively lead", "comprehensively  lead")
    orphan = items[gone.out.strip()]["anchor"]
    assert orphan == {
        "status": "orphan",
        "start": None,
        "end": None,
        "score": orphan["score"],
        "section": None,
    }

    table = run(env, "notes", "list", article, "--db", db)
    assert table.code == 0 and "Unanchored (1)" in table.out and "gone" in table.out
    assert "fuzzy" in table.out


def test_tables_never_pass_control_characters_or_markup(
    env: dict[str, str], article: Path, db: Path
) -> None:
    run(
        env,
        "notes",
        "add",
        article,
        "--quote",
        QUOTE,
        "--note",
        "evil \x1b]0;pwned\x07 [bold]x[/bold]",
        "--db",
        db,
    )
    r = run(env, "notes", "list", "--db", db)
    assert r.code == 0 and "\x1b" not in r.out and "\x07" not in r.out
    assert "␛]0;pwned␇" in r.out and "[bold]x[/bold]" in r.out
    raw = run(env, "notes", "list", "--json", "--db", db).out
    assert "\x1b" not in raw and json.loads(raw)[0]["note"].startswith("evil \x1b]0;pwned\x07")


def test_export_each_format(env: dict[str, str], article: Path, db: Path, tmp_path: Path) -> None:
    run(
        env,
        "notes",
        "add",
        article,
        "--quote",
        QUOTE,
        "--note",
        "Key point",
        "--tag",
        "office",
        "--db",
        db,
    )
    md = run(env, "notes", "export", "--db", db)
    assert md.code == 0 and "### PROACTIVE COOPERATION" in md.out and f"> {QUOTE}" in md.out
    assert "Key point" in md.out and "tags: office" in md.out
    ours = json.loads(run(env, "notes", "export", article, "--format", "json", "--db", db).out)
    assert (
        ours["format"] == "reader-annotations"
        and ours["annotations"][0]["target"]["exact"] == QUOTE
    )
    out = tmp_path / "notes.jsonld"
    r = run(env, "notes", "export", "--format", "w3c", "-o", out, "--db", db)
    assert r.code == 0 and r.out == ""
    w3c = json.loads(out.read_text(encoding="utf-8"))
    assert (
        w3c["type"] == "AnnotationCollection"
        and w3c["first"]["items"][0]["motivation"] == "commenting"
    )
    r = run(
        env,
        "notes",
        "export",
        "--format",
        "json",
        "-o",
        tmp_path / "no" / "dir" / "x.json",
        "--db",
        db,
    )
    assert r.code == 2 and "cannot write" in r.err


def test_import_twice_adds_nothing_the_second_time(
    env: dict[str, str], article: Path, db: Path, tmp_path: Path
) -> None:
    run(env, "notes", "add", article, "--quote", QUOTE, "--db", db)
    run(env, "notes", "add", article, "--quote", "Resolution No. 26-NQ/TW", "--db", db)
    for fmt in ("json", "w3c"):
        exported = tmp_path / f"export-{fmt}.json"
        assert run(env, "notes", "export", "--format", fmt, "-o", exported, "--db", db).code == 0
        other = tmp_path / f"other-{fmt}.json"
        first = run(env, "notes", "import", exported, "--db", other)
        assert first.code == 0 and first.out == "imported 2, skipped 0 already present\n"
        content = other.read_bytes()
        second = run(env, "notes", "import", exported, "--db", other)
        assert second.code == 0 and second.out == "imported 0, skipped 2 already present\n"
        assert other.read_bytes() == content
        assert json.loads(run(env, "notes", "list", "--json", "--db", other).out) == json.loads(
            run(env, "notes", "list", "--json", "--db", db).out
        )
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reader-annotations", "schema": 1, "annotations": [{"id": 1}]}')
    before = db.read_bytes()
    r = run(env, "notes", "import", bad, "--db", db)
    assert r.code == 2 and db.read_bytes() == before
    _one_error_line(r, str(bad), "record 1")


def test_rm_by_id_or_unique_prefix(env: dict[str, str], article: Path, db: Path) -> None:
    first = run(env, "notes", "add", article, "--quote", QUOTE, "--db", db).out.strip()
    second = run(env, "notes", "add", article, "--quote", "Politburo",
                 "--occurrence", "5", "--db", db).out.strip()
    r = run(env, "notes", "rm", first, "--db", db)
    assert r.code == 0 and r.out == first + "\n"
    r = run(env, "notes", "rm", second[:8], "--db", db)
    assert r.code == 0 and r.out == second + "\n"
    assert Store(db).all() == []
    r = run(env, "notes", "rm", first, "--db", db)
    assert r.code == 2 and r.out == ""
    _one_error_line(r, str(db), "no annotation with id")


def test_reattach_an_orphan(env: dict[str, str], article: Path, db: Path) -> None:
    sentence = "In case of real necessity, it is necessary to report to the Standing Committee"
    note = run(
        env, "notes", "add", article, "--quote", sentence, "--note", "n", "--db", db
    ).out.strip()
    text = article.read_text(encoding="utf-8")
    start = text.index(sentence)
    end = text.index(".", start) + 2
    article.write_text(text[:start] + text[end:], encoding="utf-8")
    listed = json.loads(run(env, "notes", "list", article, "--json", "--db", db).out)
    assert listed[0]["anchor"]["status"] == "orphan"
    r = run(
        env,
        "notes",
        "reattach",
        note[:8],
        article,
        "--quote",
        "Conclusion No. 48-KL/TW",
        "--occurrence",
        "1",
        "--db",
        db,
    )
    assert r.code == 0 and r.out == note + "\n"
    listed = json.loads(run(env, "notes", "list", article, "--json", "--db", db).out)
    assert listed[0]["anchor"]["status"] == "exact" and listed[0]["note"] == "n"
    assert listed[0]["target"]["exact"] == "Conclusion No. 48-KL/TW"


def test_a_corrupt_db_is_reported_kept_and_moved_aside_only_on_request(
    env: dict[str, str], article: Path, db: Path
) -> None:
    run(env, "notes", "add", article, "--quote", QUOTE, "--db", db)
    corrupt = db.read_bytes()[:-7]
    db.write_bytes(corrupt)
    for args in (
        ("list",),
        ("list", article),
        ("export",),
        ("add", article, "--quote", QUOTE),
        ("rm", "abcd1234"),
    ):
        r = run(env, "notes", *args, "--db", db)
        assert r.code == 2 and r.out == ""
        _one_error_line(
            r, f"reader: {db}: truncated JSON", "nothing was changed", "notes move-aside --db"
        )
        assert db.read_bytes() == corrupt
    r = run(env, "notes", "move-aside", "--db", db)
    assert r.code == 0 and not db.exists()
    (aside,) = db.parent.glob("annotations.json.corrupt-*")
    assert aside.read_bytes() == corrupt
    r = run(env, "notes", "list", "--json", "--db", db)
    assert r.code == 0 and json.loads(r.out) == []
    r = run(env, "notes", "move-aside", "--db", db)
    assert r.code == 2 and "nothing to move aside" in r.err


def test_a_newer_or_unwritable_db(
    env: dict[str, str], article: Path, db: Path, tmp_path: Path
) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_text('{"meta": {"schema": {"version": 7}}, "annotations": {}}')
    r = run(env, "notes", "add", article, "--quote", QUOTE, "--db", db)
    assert r.code == 2
    _one_error_line(r, str(db), "newer reader")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    r = run(env, "notes", "add", article, "--quote", QUOTE, "--db", blocker / "annotations.json")
    assert r.code == 2 and r.out == ""  # an explicit --db whose folder is a file: bad input
    _one_error_line(r, "annotations.json", str(blocker), "is not a folder")


def test_db_option_beats_environment_beats_default(
    env: dict[str, str], article: Path, tmp_path: Path
) -> None:
    default = Path(env["XDG_DATA_HOME"]) / "reader" / "annotations.json"
    r = run(env, "notes", "add", article, "--quote", QUOTE)
    assert r.code == 0 and default.exists()
    env_db = tmp_path / "env.json"
    r = run({**env, "READER_DB": str(env_db)}, "notes", "add", article, "--quote", QUOTE)
    assert r.code == 0 and env_db.exists() and len(Store(default).all()) == 1
    cli_db = tmp_path / "cli.json"
    r = run(
        {**env, "READER_DB": str(env_db)}, "notes", "add", article, "--quote", QUOTE, "--db", cli_db
    )
    assert r.code == 0 and cli_db.exists() and len(Store(env_db).all()) == 1


def test_an_explicit_db_in_a_missing_folder_is_refused(
    env: dict[str, str], article: Path, tmp_path: Path
) -> None:
    """`--db DIR/notes.json` where DIR does not exist: one line naming it, exit 2, no folder
    made (a typo in a path must not quietly start a new notes file somewhere else)."""
    missing = tmp_path / "no-such-folder" / "notes.json"
    for args in (("add", article, "--quote", QUOTE), ("list",), ("import", article)):
        r = run(env, "notes", *args, "--db", missing)
        assert r.code == 2, r.err
        assert r.err.count("\n") == 1 and str(missing.parent) in r.err and "does not exist" in r.err
        assert not missing.parent.exists()


def test_the_default_data_folder_is_made_when_missing(env: dict[str, str], article: Path,
                                                       tmp_path: Path) -> None:
    r = run(env, "notes", "add", article, "--quote", QUOTE)
    assert r.code == 0, r.err
    assert (tmp_path / "home" / "share" / "reader" / "annotations.json").is_file()


def test_a_large_old_notes_file_moves_on_first_write_saying_so_once(
    env: dict[str, str], article: Path, db: Path
) -> None:
    from annotations.codec import to_record
    from annotations.layout import SHARD_AT
    from tests.annotations.helpers import plain

    old = json.dumps({"meta": {"schema": {"version": 1}},
                      "annotations": {a.id: to_record(a)
                                      for a in map(plain, range(SHARD_AT))}}).encode()
    db.write_bytes(old)
    r = run(env, "notes", "add", article, "--quote", QUOTE, "--db", db)
    assert r.code == 0, r.err
    (backup,) = db.parent.glob("annotations.json.backup-*")
    assert r.err.count("\n") == 1 and str(backup) in r.err and "one file per article" in r.err
    assert backup.read_bytes() == old and len(Store(db).all()) == SHARD_AT + 1
    r = run(env, "notes", "add", article, "--quote", "Nghe An", "--occurrence", "1", "--db", db)
    assert r.code == 0 and r.err == ""
