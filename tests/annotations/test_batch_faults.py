"""An import into a store of per-article files is all or nothing (annotations/batch.py): a
process killed (SIGKILL) just before or after each durable step (each bucket, the journal,
each article file, the journal's removal) leaves either every imported note or none, both as
the next reader sees it and as the files hold it once the next writer ran; a write that fails
takes the notes out again at once. Counted steps, no clock."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotations import Store, StoreWriteError
from annotations.codec import to_record
from annotations.layout import JOURNAL_SUFFIX, shard_files
from annotations.model import Annotation, ArticleRef

from .test_buckets import library, on

KEY_FILE = re.compile(r"\.[0-9a-f]{16}\.json$")
REPO = Path(__file__).resolve().parents[2]
CHILD = """
import os, signal, sys
from annotations import Store, fileops, storage, journal, watched_file
from tests.annotations.test_batch_faults import incoming

db, step, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = [0]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def counted(real):
    def step_of(*args, **kwargs):
        calls[0] += 1
        if calls[0] == step and when == "before":
            die()
        out = real(*args, **kwargs)
        if calls[0] == step and when == "after":
            die()
        return out
    return step_of

storage.DurableStorage._replace = counted(storage.DurableStorage._replace)
watched_file.write_atomically = counted(fileops.write_atomically)  # buckets, the journal
journal.Journal.end = counted(journal.Journal.end)
added, skipped = Store(db).add_many(incoming(), imported=True)
print(len(added), flush=True)
"""


def incoming() -> list[Annotation]:
    """An import: notes on three articles the store has, and on two it has not."""
    old = [on(50000 + i, i % 3) for i in range(12)]
    new = [dataclasses.replace(on(60000 + i, 0), article=ArticleRef(
        f"{0xabc0 + i % 2:016x}", f"/no-such-library/new-{i % 2}.txt", f"New {i % 2}"))
        for i in range(6)]
    return old + new


def _held(db: Path) -> set[str]:
    """The ids the per-article files hold, read directly."""
    return {i for p in shard_files(db)
            for i in orjson.loads(p.read_bytes()).get("annotations", {})}


def _marks(db: Path) -> set[str]:
    return {i for p in shard_files(db) for i in orjson.loads(p.read_bytes()).get("imported", {})}


@pytest.mark.timeout(600)
def test_a_kill_at_any_step_of_an_import_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    base = library(10)
    template = tmp_path / "template"
    Store(template / "annotations.json").add_many(base)
    mine = {a.id for a in incoming()}
    everything = {a.id for a in base}
    step, kills = 0, 0
    while True:
        step += 1
        done = False
        for when in ("before", "after"):
            work = tmp_path / f"s{step}{when}"
            subprocess.run(["cp", "-a", str(template), str(work)], check=True)
            db = work / "annotations.json"
            child = subprocess.run([sys.executable, "-c", CHILD, str(db), str(step), when],
                                   cwd=REPO, capture_output=True, timeout=120)
            if child.returncode == 0:
                done = True
                assert {a.id for a in Store(db).all()} == everything | mine
                assert _marks(db) == mine
                break
            assert child.returncode == -signal.SIGKILL, child.stderr.decode()
            kills += 1
            seen = {a.id for a in Store(db).all()} & mine  # the next reader, before any write
            assert seen in (set(), mine), (step, when)
            journal_left = db.with_name(db.name + JOURNAL_SUFFIX).exists()
            assert seen == (set() if journal_left or not _held(db) >= mine else mine)
            Store(db).set_position("k", 1)  # the next writer
            assert not db.with_name(db.name + JOURNAL_SUFFIX).exists()
            held = _held(db) & mine
            assert held == seen and _marks(db) == seen
            assert {a.id for a in Store(db).all()} == everything | seen
            again, _ = Store(db).add_many(incoming(), imported=True)
            assert {a.id for a in again} == mine - seen
            assert {a.id for a in Store(db).all()} == everything | mine
        if done:
            break
        assert step < 60
    assert kills > 12  # every bucket, the journal, five files, its removal: before and after


def test_a_failed_write_mid_import_takes_it_out_again(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = library(10)
    Store(db_path).add_many(base)
    real, calls = os.replace, [0]

    def failing(src: str, dst: str | Path) -> None:
        if KEY_FILE.search(str(dst)):  # an article file
            calls[0] += 1
            if calls[0] == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    store = Store(db_path)
    with pytest.raises(StoreWriteError, match="no space left"):
        store.add_many(incoming(), imported=True)
    monkeypatch.setattr(os, "replace", real)
    assert calls[0] > 3  # two article files were written, then written without them again
    mine = {a.id for a in incoming()}
    assert not _held(db_path) & mine and not _marks(db_path) & mine
    assert not db_path.with_name(db_path.name + JOURNAL_SUFFIX).exists()
    assert {a.id for a in store.all()} == {a.id for a in base}
    assert {a.id for a in Store(db_path).all()} == {a.id for a in base}
    added, _ = store.add_many(incoming(), imported=True)
    assert {a.id for a in added} == mine and store.imported_ids() == mine


def test_a_reader_does_not_see_an_import_under_way(db_path: Path) -> None:
    """While the journal names notes (an import running in another process, or cut short),
    they are not shown; its removal shows them."""
    Store(db_path).add_many(library(10))
    from annotations.journal import Journal
    from annotations.layout import shard_key

    writer = Store(db_path)
    a, b = on(80000, 1), on(80001, 2)
    journal = Journal(db_path)
    journal.begin({shard_key(a.article): [a.id], shard_key(b.article): [b.id]})
    # As an importer does mid-way: the journal written, the first file written.
    writer._files.shard(shard_key(a.article)).annotations().append(a.id, to_record(a))
    reader = Store(db_path)
    assert reader.get(a.id) is None and a not in reader.for_article(a.article)
    assert len(reader) == len(library(10))
    journal.end()
    assert reader.changed_on_disk()
    assert reader.get(a.id) == a and a in reader.for_article(a.article)
