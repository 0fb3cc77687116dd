"""The catalogue in buckets (annotations/buckets.py): opening an article reads the notes file,
at most three small buckets and its own file, and the notes file does not grow with the
articles; a store of the layout before (the whole catalogue in the notes file) is read as it is
and moves to the buckets on its first write, with a backup, also when killed at any step."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotations import CorruptStoreError, Store, move_aside
from annotations import watched_file as watched_file_module
from annotations.buckets import bucket_path, terms
from annotations.codec import to_record
from annotations.layout import LAYOUT_DOC, LAYOUT_KEY, SHARDS, shard_key, shard_path
from annotations.model import Annotation, ArticleRef
from annotations.storage import DurableStorage

from .helpers import plain

REPO = Path(__file__).resolve().parents[2]


def on(i: int, k: int) -> Annotation:
    """Note `i` on article number `k` of a large library (each its own hash, path, title)."""
    ref = ArticleRef(id=f"{k + 1:016x}", path=f"/no-such-library/a-{k:05d}.txt",
                     title=f"Report {k}")
    return dataclasses.replace(plain(i), article=ref)


def library(articles: int, per: int = 4) -> list[Annotation]:
    n = max(articles * per, 1000)
    return [on(i, i % articles) for i in range(n)]


def test_the_notes_file_does_not_grow_with_the_articles(tmp_path: Path) -> None:
    sizes = []
    for articles in (10, 100, 1000):
        db = tmp_path / str(articles) / "annotations.json"
        Store(db).add_many(library(articles))
        data = orjson.loads(db.read_bytes())
        assert data[SHARDS] == {LAYOUT_KEY: LAYOUT_DOC} and data["annotations"] == {}
        sizes.append(db.stat().st_size)
    assert len(set(sizes)) == 1


def test_opening_an_article_reads_its_buckets_and_its_file_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).add_many(library(300))
    loaded: list[Path] = []
    real_load = DurableStorage._load
    real_open = watched_file_module.open_regular

    def counting(self: DurableStorage) -> None:
        loaded.append(self.path)
        real_load(self)

    def opening(path: Path):  # type: ignore[no-untyped-def]
        loaded.append(Path(path))
        return real_open(path)

    monkeypatch.setattr(DurableStorage, "_load", counting)
    monkeypatch.setattr(watched_file_module, "open_regular", opening)
    ref = on(0, 7).article
    found = Store(db_path).for_article(ref)
    assert {a.id for a in found} == {a.id for a in library(300) if a.article == ref}
    wanted = {bucket_path(db_path, t[:2]) for t in terms(ref)}
    assert set(loaded) == {db_path, shard_path(db_path, shard_key(ref))} | wanted
    assert len(wanted) <= 3


def _old_layout(db: Path, notes: list[Annotation]) -> bytes:
    """A store as the layout before wrote it: per-article files and, in the notes file, the
    whole catalogue (each key's article references)."""
    meta = {"schema": {"version": 1}}
    groups: dict[str, dict[str, object]] = {}
    refs: dict[str, set[tuple[str, str, str]]] = {}
    for a in notes:
        key = shard_key(a.article)
        groups.setdefault(key, {})[a.id] = to_record(a)
        refs.setdefault(key, set()).add((a.article.id, a.article.path, a.article.title))
    db.parent.mkdir(parents=True, exist_ok=True)
    for key, group in groups.items():
        shard_path(db, key).write_bytes(orjson.dumps({"meta": meta, "annotations": group}))
    content = orjson.dumps({"meta": meta, "annotations": {},
                            "settings": {"theme": {"value": "textual-light"}},
                            SHARDS: {k: {"refs": [list(t) for t in sorted(r)]}
                                     for k, r in refs.items()}})
    db.write_bytes(content)
    return content


def test_the_layout_before_is_read_as_it_is_and_moved_on_the_first_write(db_path: Path) -> None:
    notes = library(50)
    moved = dataclasses.replace(notes[0], article=ArticleRef("e" * 16, "/lib/moved.txt", "M"))
    notes[0] = moved  # its file is its first article's, listed under its new reference
    content = _old_layout(db_path, notes)
    key = shard_key(on(0, 0).article)
    data = orjson.loads(content)
    data[SHARDS][key]["refs"].append(["e" * 16, "/lib/moved.txt", "M"])
    data[SHARDS].pop(shard_key(moved.article), None)
    content = orjson.dumps(data)
    db_path.write_bytes(content)
    shard_path(db_path, shard_key(moved.article)).unlink(missing_ok=True)
    raw = orjson.loads(shard_path(db_path, key).read_bytes())
    raw["annotations"][moved.id] = to_record(moved)
    shard_path(db_path, key).write_bytes(orjson.dumps(raw))

    store = Store(db_path)
    told: list[str] = []
    store.on_notice = told.append
    assert [a.id for a in store.for_article(moved.article)] == [moved.id]
    assert len(store.all()) == len(notes) and db_path.read_bytes() == content  # no write
    store.set_position("k", 1)  # the first write moves the catalogue
    (backup,) = db_path.parent.glob("annotations.json.backup-*")
    assert backup.read_bytes() == content and len(told) == 1 and str(backup) in told[0]
    data = orjson.loads(db_path.read_bytes())
    assert data[SHARDS] == {LAYOUT_KEY: LAYOUT_DOC}
    assert data["settings"] == {"theme": {"value": "textual-light"}}
    fresh = Store(db_path)
    assert [a.id for a in fresh.for_article(moved.article)] == [moved.id]
    assert {a.id for a in fresh.all()} == {a.id for a in notes}
    fresh.add(on(90000, 3))
    assert len(told) == 1 and len(list(db_path.parent.glob("*.backup-*"))) == 1


CHILD = """
import os, signal, sys
from annotations import Store, fileops, storage, watched_file

db, step, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
calls = [0]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def counted(real):
    def replace(*args, **kwargs):
        calls[0] += 1
        if calls[0] == step and when == "before":
            die()
        out = real(*args, **kwargs)
        if calls[0] == step and when == "after":
            die()
        return out
    return replace

storage.DurableStorage._replace = counted(storage.DurableStorage._replace)
watched_file.write_atomically = counted(fileops.write_atomically)
Store(db).set_position("k", 1)
print("written", flush=True)
"""


@pytest.mark.timeout(300)
def test_a_kill_at_any_step_of_moving_the_catalogue_loses_nothing(db_path: Path) -> None:
    """The backup, every bucket, then the notes file: killed just before or after each."""
    notes = library(6)
    old = _old_layout(db_path, notes)
    step = 0
    while True:
        step += 1
        results = []
        for when in ("before", "after"):
            for left in db_path.parent.glob("annotations.json.catalogue-*"):
                left.unlink()  # as the layout before had none
            db_path.write_bytes(old)
            child = subprocess.run([sys.executable, "-c", CHILD, str(db_path), str(step), when],
                                   cwd=REPO, capture_output=True, timeout=120)
            results.append(child.returncode)
            if child.returncode == 0:
                break
            assert child.returncode == -signal.SIGKILL, child.stderr.decode()
            data = orjson.loads(db_path.read_bytes())
            if data[SHARDS] != {LAYOUT_KEY: LAYOUT_DOC}:
                assert db_path.read_bytes() == old
            assert {a.id for a in Store(db_path).all()} == {a.id for a in notes}
            Store(db_path).set_position("k", 2)  # the next writer finishes the move
            assert orjson.loads(db_path.read_bytes())[SHARDS] == {LAYOUT_KEY: LAYOUT_DOC}
            fresh = Store(db_path)
            assert {a.id for a in fresh.all()} == {a.id for a in notes}
            assert all(fresh.for_article(on(0, k).article) for k in range(6))
        if results[-1] == 0:
            break
        assert step < 40
    assert step > 3  # it was killed at every bucket and at the notes file


def test_a_corrupt_bucket_is_refused_naming_it_and_spoils_only_its_articles(
    db_path: Path,
) -> None:
    Store(db_path).add_many(library(40))
    ref = on(0, 1).article
    bad = bucket_path(db_path, terms(ref)[0][:2])
    bad.write_bytes(b'{"meta": {"schema": {"version": 1}}, "terms": {"x": 3}}')
    others = [on(0, k).article for k in range(40)
              if not {t[:2] for t in terms(on(0, k).article)} & {bad.name[-7:-5]}]
    assert others
    assert Store(db_path).for_article(others[0])
    with pytest.raises(CorruptStoreError) as info:
        Store(db_path).for_article(ref)
    assert info.value.path == bad and "\n" not in str(info.value)
    content = bad.read_bytes()
    with pytest.raises(CorruptStoreError):
        Store(db_path).add(on(70000, 1))
    assert bad.read_bytes() == content
    assert move_aside(bad).name.startswith(bad.name + ".corrupt-")  # as the message says
    fresh = Store(db_path)  # the bucket was written anew from the article files
    assert {a.id for a in fresh.for_article(ref)} == {
        a.id for a in library(40) if a.article == ref}
    fresh.add(on(70001, 1))
