# ruff: noqa: F811
"""The command line explains itself: `reader --version`, `reader --help` listing every headless
command, and `notes add --quote` on a quote that occurs several times (`--occurrence N`)."""

from __future__ import annotations

import argparse
import json
from importlib.metadata import version
from pathlib import Path

import pytest

from annotations import Store
from articles import load, sample_path
from reader import cli
from reader.cli import main

# The fixtures env, article and db are those of test_notes_cli (imported, so F401/F811).
from .test_notes_cli import (  # noqa: F401
    QUOTE,
    _one_error_line,
    article,
    db,
    env,
    run,
)

REPEATED = "Party leaders at the meeting"
"""A phrase the sample article holds twice."""


def test_version_comes_from_the_package_metadata(env: dict[str, str]) -> None:
    r = run(env, "--version")
    assert r.code == 0 and r.err == ""
    assert r.out == f"reader {version('reader')}\n" == "reader 0.1.0\n"


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                found[prefix + choice.dest] = choice.help or ""
                found |= _commands(action.choices[choice.dest], prefix + choice.dest + " ")
    return found


def test_help_lists_every_subcommand_with_its_description(env: dict[str, str]) -> None:
    commands = _commands(cli.build_parser())
    top = {name for name in commands if " " not in name}
    assert top == set(cli.SUBCOMMANDS)
    assert {"notes add", "notes export", "notes import", "save"} <= set(commands)
    for flag in ("--help", "-h"):
        r = run(env, flag)
        assert r.code == 0 and r.err == ""
        assert "--version" in r.out
        listed = r.out[r.out.index("commands (see 'reader COMMAND --help'):") :].splitlines()[1:]
        assert len(listed) == len(commands)
        for line, (name, summary) in zip(listed, commands.items(), strict=True):
            assert summary
            assert line.split(None, len(name.split()))[:-1] == name.split(), line
            assert line.endswith(summary), line
        assert all(len(line) <= 100 for line in r.out.splitlines())


def test_a_quote_occurring_several_times_is_refused_until_one_is_chosen(
    env: dict[str, str], article: Path, db: Path
) -> None:
    text = load(article).text
    first = text.index(REPEATED)
    second = text.index(REPEATED, first + 1)
    assert text.count(REPEATED) == 2
    r = run(env, "notes", "add", article, "--quote", REPEATED, "--db", db)
    assert r.code == 2 and r.out == ""
    _one_error_line(r, str(article), "occurs 2 times", "--occurrence N", "1 to 2")
    assert not db.exists()

    r = run(env, "notes", "add", article, "--quote", REPEATED, "--occurrence", "2", "--db", db)
    assert r.code == 0, r.err
    (made,) = Store(db).all()
    assert made.id == r.out.strip()
    assert (made.target.start, made.target.end) == (second, second + len(REPEATED))

    r = run(env, "notes", "add", article, "--quote", QUOTE, "--db", db)  # occurs once
    assert r.code == 0, r.err


def test_an_occurrence_out_of_range_is_one_line_and_status_2(
    env: dict[str, str], article: Path, db: Path
) -> None:
    for n in ("3", "0", "-1"):
        r = run(env, "notes", "add", article, "--quote", REPEATED, "--occurrence", n, "--db", db)
        assert r.code == 2 and r.out == ""
        _one_error_line(r, str(article), f"--occurrence {n}", "occurs 2 times, not " + n)
    r = run(env, "notes", "add", article, "--quote", QUOTE, "--occurrence", "2", "--db", db)
    assert r.code == 2
    _one_error_line(r, "--occurrence 2", "occurs 1 time, not 2")
    r = run(env, "notes", "add", article, "--quote", REPEATED, "--occurrence", "two", "--db", db)
    assert r.code == 2
    _one_error_line(r, "--occurrence", "invalid int value")
    assert not db.exists()


def test_reattach_asks_for_an_occurrence_too(
    env: dict[str, str], article: Path, db: Path
) -> None:
    made = run(env, "notes", "add", article, "--quote", QUOTE, "--db", db).out.strip()
    r = run(env, "notes", "reattach", made, article, "--quote", REPEATED, "--db", db)
    assert r.code == 2
    _one_error_line(r, "occurs 2 times", "--occurrence N")
    r = run(env, "notes", "reattach", made, article, "--quote", REPEATED, "--occurrence", "1",
            "--db", db)
    assert r.code == 0, r.err
    listed = json.loads(run(env, "notes", "list", "--json", "--db", db).out)
    assert [x["target"]["exact"] for x in listed] == [REPEATED]


def test_db_before_a_subcommand_is_the_subcommands_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import subcommand_first

    assert subcommand_first(["--db", "x.json", "notes", "list"]) == [
        "notes", "list", "--db", "x.json"]
    assert subcommand_first(["--db=x.json", "notes", "list"]) == [
        "notes", "list", "--db=x.json"]
    assert subcommand_first(["--db", "x.json", "article.txt"]) == [
        "--db", "x.json", "article.txt"]
    db = tmp_path / "notes.json"
    assert main(["--db", str(db), "notes", "list"]) == 0
    assert "no notes" in capsys.readouterr().out


def test_the_reader_refuses_a_db_in_a_missing_folder_before_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "notes.json"
    assert main(["--db", str(missing), str(sample_path())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"the folder {missing.parent} does not exist" in err
    assert not missing.parent.exists()


def test_an_article_naming_nobody_says_so_rather_than_print_an_empty_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "weather.txt"
    path.write_text("Weather turns cold in the north\n\n(VNA) - Temperatures fell sharply across "
                    "the northern mountains on Monday, and farmers kept their cattle in "
                    "shelters.\n", encoding="utf-8")
    assert main(["people", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"no people found in {path}"
    assert main(["documents", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"no documents found in {path}"
    assert main(["people", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
