"""Issue 9 from the command line: exports never replace the notes file and are written
atomically; messages show control and bidi characters visibly; special files (FIFOs, devices)
are refused at once; W3C page chains of any depth; bad input leaves no lock, a read-only file
is refused, a duplicate id in an import is named, argparse errors take one line."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotations import Store
from articles import sample_path
from reader.cli import main

QUOTE = "comprehensively lead and direct all aspects of work"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("READER_DB", raising=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(sample_path().read_bytes())
    return path


@pytest.fixture
def db(tmp_path: Path, article: Path) -> Path:
    """A notes file holding one note on `article`."""
    path = tmp_path / "db" / "annotations.json"
    path.parent.mkdir()
    assert main(["notes", "add", str(article), "--quote", QUOTE, "--db", str(path)]) == 0
    return path


def _err_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("reader: "), err
    return err


# 2: export -o ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["db", "lock", "symlink", "hardlink", "lock-symlink"])
def test_export_refuses_the_notes_file_its_lock_and_links(
    target: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    lock = Path(f"{db}.lock")
    out = {"db": db, "lock": lock}.get(target, tmp_path / "link.json")
    if target == "symlink":
        out.symlink_to(db)
    elif target == "hardlink":
        os.link(db, out)
    elif target == "lock-symlink":
        out.symlink_to(lock)
    capsys.readouterr()
    assert main(["notes", "export", "--format", "json", "-o", str(out), "--db", str(db)]) == 2
    assert "notes file" in _err_line(capsys)
    assert db.read_bytes() == before


def test_export_is_private_atomic_and_replaces_a_planted_link(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out" / "notes.json"
    out.parent.mkdir()
    out.symlink_to(victim)  # a link planted at the output name
    for pid in range(os.getpid() - 2, os.getpid() + 3):  # and at yesterday's temporary names
        (out.parent / f".{out.name}.{pid}.tmp").symlink_to(victim)
    # Unasked, nothing that exists at the output name is replaced, not even a link.
    assert main(["notes", "export", "--format", "json", "-o", str(out), "--db", str(db)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.is_symlink() and victim.read_text() == "keep me"
    assert main(["notes", "export", "--format", "json", "-o", str(out), "--db", str(db),
                 "--force"]) == 0
    assert victim.read_text() == "keep me"
    assert not out.is_symlink() and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text())["annotations"][0]["target"]["exact"] == QUOTE
    left = [p.name for p in out.parent.iterdir() if not p.is_symlink()]
    assert left == ["notes.json"]


# 7: messages ----------------------------------------------------------------------------------


def test_unknown_keys_with_escapes_are_shown_visibly(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = orjson.loads(db.read_bytes())
    record = next(iter(data["annotations"].values()))
    record["\x1b]0;PWNED\x07\u202e"] = 1
    bad = tmp_path / "import.json"
    bad.write_bytes(orjson.dumps({"format": "reader-annotations", "schema": 1,
                                  "annotations": [record]}))
    capsys.readouterr()
    assert main(["notes", "import", str(bad), "--db", str(db)]) == 2
    err = _err_line(capsys)
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "␛]0;PWNED␇" in err


def test_file_names_with_escapes_are_shown_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "evil\x1b[31m\u2066name.txt"
    assert main(["outline", str(missing)]) == 2
    err = _err_line(capsys)
    assert "\x1b" not in err and "\u2066" not in err and "evil␛[31m" in err


def test_argparse_errors_take_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "add", "x.txt"]) == 2
    assert "--quote" in _err_line(capsys)
    assert main(["notes", "frobnicate"]) == 2
    _err_line(capsys)


def test_a_bad_tag_names_the_argument(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    capsys.readouterr()
    args = ["notes", "add", str(article), "--quote", QUOTE, "--tag", "a\x1bb", "--db", str(db)]
    assert main(args) == 2
    err = _err_line(capsys)
    assert "--tag" in err and str(db) not in err and "\x1b" not in err
    assert db.read_bytes() == before


# 8: export never opens an imported note's article path -----------------------------------------


def _import_pointing_at(path: str, db: Path, tmp_path: Path) -> Path:
    data = orjson.loads(db.read_bytes())
    record = dict(next(iter(data["annotations"].values())))
    record["id"] = "5f0c7c5e-0000-4000-8000-000000000001"
    record["article"] = {"id": "feedfacefeedface", "path": path, "title": "Imported"}
    source = tmp_path / f"import-{abs(hash(path))}.json"
    source.write_bytes(orjson.dumps({"format": "reader-annotations", "schema": 1,
                                     "annotations": [record]}))
    return source


def test_export_never_opens_an_imported_article_path(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET first line\n\nmore text here.\n")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    other = tmp_path / "other.json"
    for path in (str(secret), "/dev/zero", str(fifo)):
        assert main(["notes", "import", str(_import_pointing_at(path, db, tmp_path)),
                     "--db", str(other)]) == 0
    capsys.readouterr()
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "notes", "export", "--db", str(other)],
        capture_output=True, text=True, timeout=60, env=os.environ.copy(),
    )
    assert proc.returncode == 0, proc.stderr
    assert "TOP SECRET" not in proc.stdout and "## Imported" in proc.stdout
    assert len(proc.stdout) < 100_000


def test_export_still_reads_a_local_note_s_article(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["notes", "export", "--db", str(db)]) == 0
    assert "### PROACTIVE COOPERATION" in capsys.readouterr().out


# 9: special files ----------------------------------------------------------------------------


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *map(str, args)],
                          capture_output=True, text=True, timeout=60, env=os.environ.copy())


def _one_line_exit_2(proc: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("reader: "), proc.stderr
    for part in parts:
        assert part in proc.stderr, proc.stderr


def test_fifo_article_notes_file_and_import_are_refused_at_once(
    tmp_path: Path, article: Path
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    _one_line_exit_2(_run("outline", fifo), "FIFO")
    _one_line_exit_2(_run("notes", "list", "--db", fifo), "FIFO")
    _one_line_exit_2(_run("notes", "add", article, "--quote", QUOTE, "--db", fifo), "FIFO")
    db = tmp_path / "db.json"
    _one_line_exit_2(_run("notes", "import", fifo, "--db", db), "FIFO")
    assert not db.exists() and not Path(f"{fifo}.lock").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full"])
def test_devices_are_refused(device: str, article: Path) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    _one_line_exit_2(_run("outline", device), "character device")
    _one_line_exit_2(_run("notes", "list", "--db", device), "character device")


# 10: W3C page chains ---------------------------------------------------------------------------


def _chain(pages: int, item: dict[str, object]) -> bytes:
    """A collection whose first page chains `pages` pages by nested `next` (written by hand:
    JSON encoders refuse such depth; the last page holds `item`)."""
    head = b'{"type":"AnnotationPage","items":[],"next":' * (pages - 1)
    last = b'{"type":"AnnotationPage","items":[' + orjson.dumps(item) + b"]}"
    return (b'{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationCollection",'
            b'"first":' + head + last + b"}" * (pages - 1) + b"}")


def test_w3c_chain_of_1000_pages_imports(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w3c = tmp_path / "w3c.json"
    assert main(["notes", "export", "--format", "w3c", "-o", str(w3c), "--db", str(db)]) == 0
    item = json.loads(w3c.read_text())["first"]["items"][0]
    deep = tmp_path / "deep.json"
    deep.write_bytes(_chain(1000, item))
    other = tmp_path / "other.json"
    capsys.readouterr()
    assert main(["notes", "import", str(deep), "--db", str(other)]) == 0
    assert len(Store(other)) == 1


def test_w3c_chain_past_the_limit_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from annotations import w3c
    from annotations.errors import AnnotationError

    assert w3c.MAX_PAGES >= 1000
    monkeypatch.setattr(w3c, "MAX_PAGES", 50)
    with pytest.raises(AnnotationError, match="more than 50 AnnotationPages"):
        w3c.from_w3c(orjson.loads(_chain(51, {})))


# 11: small ones --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["directory", "corrupt", "unreadable"])
def test_bad_notes_file_leaves_no_lock(
    kind: str, tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "annotations.json"
    if kind == "directory":
        db.mkdir()
    else:
        db.write_text('{"meta": ' if kind == "corrupt" else "{}")
        if kind == "unreadable":
            if os.geteuid() == 0:
                pytest.skip("root reads everything")
            db.chmod(0)
    assert main(["notes", "add", str(article), "--quote", QUOTE, "--db", str(db)]) == 2
    _err_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.json", "article.txt"]


def test_no_next_copy_is_left_after_an_add(db: Path, article: Path) -> None:
    from tests.annotations.helpers import plain

    # Large enough that copying the file takes longer than the command's exit.
    Store(db, prepare_next=False).add_many([plain(i) for i in range(30_000)])
    proc = _run("notes", "add", article, "--quote", QUOTE, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert not [p for p in db.parent.iterdir() if p.name.endswith((".next", ".tmp"))]


def test_read_only_notes_file_is_refused_for_writing(
    db: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.chmod(0o444)
    before = db.read_bytes()
    capsys.readouterr()
    assert main(["notes", "add", str(article), "--quote", QUOTE, "--db", str(db)]) == 2
    assert "read-only" in _err_line(capsys)
    assert db.read_bytes() == before and stat.S_IMODE(db.stat().st_mode) == 0o444


def test_duplicate_id_inside_one_import_file_is_reported(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = next(iter(orjson.loads(db.read_bytes())["annotations"].values()))
    twice = tmp_path / "twice.json"
    twice.write_bytes(orjson.dumps({"format": "reader-annotations", "schema": 1,
                                    "annotations": [record, record]}))
    other = tmp_path / "other.json"
    capsys.readouterr()
    assert main(["notes", "import", str(twice), "--db", str(other)]) == 2
    assert "duplicate" in _err_line(capsys)
    assert not other.exists()


def test_export_never_replaces_an_existing_file_unasked_nor_ever_an_article(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = next(iter(Store(db).all())).article.path
    assert article is not None
    before = Path(article).read_bytes()
    for force in ([], ["--force"]):
        assert main(["notes", "export", "-o", article, "--db", str(db), *force]) == 2
        assert "is an article the notes are on" in capsys.readouterr().err
        assert main(["notes", "export", article, "-o", article, "--db", str(db), *force]) == 2
        capsys.readouterr()
    assert Path(article).read_bytes() == before
    other = tmp_path / "mine.md"
    other.write_text("my own file")
    assert main(["notes", "export", "-o", str(other), "--db", str(db)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert other.read_text() == "my own file"
    assert main(["notes", "export", "-o", str(other), "--db", str(db), "--force"]) == 0
    assert other.read_text().startswith("# ")
