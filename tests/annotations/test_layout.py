"""One file per article once a store holds many notes (annotations/layout.py): the catalogue,
the move from an old single notes file (with a backup, told once), per-article isolation, a
second copy seeing a note added elsewhere, and exports refusing every file of the store."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import orjson
import pytest

from annotations import CorruptStoreError, Store, move_aside
from annotations.export_file import ExportFileError, check_target
from annotations.layout import (
    LAYOUT_DOC,
    LAYOUT_KEY,
    SHARD_AT,
    SHARDS,
    shard_files,
    shard_key,
    shard_path,
)
from annotations.model import Annotation, ArticleRef
from annotations.note_file import NoteFile
from annotations.storage import DurableStorage
from annotations.store_files import StoreFiles

from .helpers import plain

ARTICLES = ("/lib/a.txt", "/lib/b.txt", "/lib/c.txt")


def note(i: int, article: int) -> Annotation:
    """Note `i` on article number `article` (each its own content hash, path and title)."""
    ref = ArticleRef(id=f"{article:016x}", path=ARTICLES[article], title=f"Article {article}")
    return dataclasses.replace(plain(i), article=ref)


def many(count: int = SHARD_AT) -> list[Annotation]:
    return [note(i, i % len(ARTICLES)) for i in range(count)]


def _legacy_file(db: Path, notes: list[Annotation]) -> bytes:
    """An old notes file: every note in the file itself (as every earlier reader wrote it)."""
    from annotations.codec import to_record

    content = orjson.dumps({"meta": {"schema": {"version": 1}},
                            "annotations": {a.id: to_record(a) for a in notes},
                            "settings": {"theme": {"value": "textual-light"}}})
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(content)
    return content


def test_a_small_store_keeps_its_notes_in_the_notes_file(db_path: Path) -> None:
    Store(db_path).add_many(many(SHARD_AT - 1))
    data = orjson.loads(db_path.read_bytes())
    assert len(data["annotations"]) == SHARD_AT - 1 and SHARDS not in data
    assert list(shard_files(db_path)) == []


def test_a_large_store_keeps_one_file_per_article_and_a_catalogue(db_path: Path) -> None:
    notes = many()
    Store(db_path).add_many(notes)
    data = orjson.loads(db_path.read_bytes())
    assert data["annotations"] == {}
    assert data[SHARDS] == {LAYOUT_KEY: LAYOUT_DOC}  # the catalogue is in buckets
    files = StoreFiles(db_path, prepare_next=False)
    assert files.buckets.all_keys() == {shard_key(note(0, k).article) for k in range(3)}
    for k, path in enumerate(ARTICLES):
        key = shard_key(note(0, k).article)
        assert files.buckets.keys_for(note(0, k).article) == {key}
        held = orjson.loads(shard_path(db_path, key).read_bytes())["annotations"]
        assert {r["article"]["path"] for r in held.values()} == {path}
    assert {a.id for a in Store(db_path).all()} == {a.id for a in notes}
    assert len(Store(db_path)) == SHARD_AT


def test_opening_an_article_reads_only_its_file(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(db_path).add_many(many())
    loaded: list[Path] = []
    real = DurableStorage._load

    def counting(self: DurableStorage) -> None:
        loaded.append(self.path)
        real(self)

    monkeypatch.setattr(DurableStorage, "_load", counting)
    fresh = Store(db_path)
    found = fresh.for_article(note(0, 1).article)
    assert len(found) == len([a for a in many() if a.article.path == ARTICLES[1]])
    assert sorted(loaded) == sorted([db_path, shard_path(db_path, shard_key(note(0, 1).article))])


def test_a_corrupt_article_file_spoils_only_its_article(db_path: Path) -> None:
    Store(db_path).add_many(many())
    bad = shard_path(db_path, shard_key(note(0, 2).article))
    bad.write_bytes(b'{"meta": {"schema": {"version": 1}}, "annotations": {"x": ')
    fresh = Store(db_path)
    assert fresh.for_article(note(0, 0).article)  # another article: read as usual
    with pytest.raises(CorruptStoreError) as info:
        fresh.for_article(note(0, 2).article)
    assert info.value.path == bad and "truncated JSON" in str(info.value)
    with pytest.raises(CorruptStoreError):
        fresh.add(note(5000, 2))  # never written over
    fresh.add(note(5001, 0))  # the other articles are still written
    aside = move_aside(db_path)
    assert aside.name.startswith(bad.name + ".corrupt-") and not bad.exists()
    assert fresh.for_article(note(0, 2).article) == []
    assert Store(db_path).get(note(5001, 0).id) is not None


def test_a_second_copy_sees_a_note_added_elsewhere(db_path: Path) -> None:
    Store(db_path).add_many(many())
    app = Store(db_path)
    before = app.for_article(note(0, 0).article)
    assert not app.changed_on_disk()
    elsewhere = Store(db_path).add(note(7000, 0))
    assert app.changed_on_disk()
    after = app.for_article(note(0, 0).article)
    assert {a.id for a in after} == {a.id for a in before} | {elsewhere.id}
    assert not app.changed_on_disk()
    mine = app.add(note(7001, 0))
    assert not app.changed_on_disk() and Store(db_path).get(mine.id) == mine


def test_update_remove_and_reattach_in_an_article_file(db_path: Path) -> None:
    Store(db_path).add_many(many())
    store = Store(db_path)
    a = note(3, 0)
    changed = store.update(a.with_note("changed"), base=a)
    assert Store(db_path).get(a.id) == changed
    moved = dataclasses.replace(changed, article=ArticleRef("f" * 16, "/lib/moved.txt", "Moved"))
    store.update(moved, base=changed)  # the note stays in its file; the catalogue lists both
    other = Store(db_path)
    assert [x.id for x in other.for_article(moved.article)] == [a.id]
    assert a.id not in {x.id for x in other.for_article(a.article)}
    assert other.remove(a.id) and Store(db_path).get(a.id) is None
    assert not store.remove(a.id)


def test_an_old_file_moves_on_first_write_with_a_backup_told_once(db_path: Path) -> None:
    notes = many()
    content = _legacy_file(db_path, notes)
    store = Store(db_path)
    told: list[str] = []
    store.on_notice = told.append
    assert len(store.all()) == SHARD_AT and db_path.read_bytes() == content  # reading: no write
    store.add(note(9000, 1))
    (backup,) = db_path.parent.glob("annotations.json.backup-*")
    assert backup.read_bytes() == content and oct(backup.stat().st_mode & 0o777) == "0o600"
    assert len(told) == 1 and str(backup) in told[0]
    data = orjson.loads(db_path.read_bytes())
    assert data["annotations"] == {} and data["settings"] == {"theme": {"value": "textual-light"}}
    assert {a.id for a in Store(db_path).all()} == {a.id for a in notes} | {note(9000, 1).id}
    store.add(note(9001, 1))
    assert len(told) == 1 and len(list(db_path.parent.glob("*.backup-*"))) == 1


def test_notes_an_older_reader_adds_to_the_notes_file_are_read_and_kept(db_path: Path) -> None:
    Store(db_path).add_many(many())
    data = orjson.loads(db_path.read_bytes())
    from annotations.codec import to_record

    extra = note(8000, 1)
    data["annotations"] = {extra.id: to_record(extra)}
    db_path.write_bytes(orjson.dumps(data))
    store = Store(db_path)
    assert extra in store.for_article(extra.article)
    store.update(extra.with_note("edited"))
    kept = Store(db_path).get(extra.id)
    assert kept is not None and kept.note == "edited"


def test_exports_refuse_every_file_of_the_store(db_path: Path, tmp_path: Path) -> None:
    Store(db_path).add_many(many())
    shard = next(shard_files(db_path))
    link = tmp_path / "link.json"
    link.symlink_to(shard)
    for target in (shard, link, db_path.with_name("annotations.json.backup-x"),
                   db_path.with_name(".annotations.json.abc.tmp")):
        with pytest.raises(ExportFileError, match="notes"):
            check_target(target, db_path)
    check_target(tmp_path / "export.md", db_path)


def test_no_note_file_is_left_half_written(db_path: Path) -> None:
    Store(db_path).add_many(many())
    store = Store(db_path)
    for i in range(20):
        store.add(note(6000 + i, i % 3))
    store.settle()
    names = os.listdir(db_path.parent)
    assert not [n for n in names if n.endswith(".tmp")]
    assert all(NoteFile(p, prepare_next=False).sync() for p in shard_files(db_path))


@pytest.mark.parametrize("entry", [{"refs": "x"}, {"refs": [["a", "b"]]}, {"refs": [[1, 2, 3]]}])
def test_a_bad_catalogue_is_a_corrupt_notes_file(db_path: Path, entry: object) -> None:
    Store(db_path).add_many(many())
    data = orjson.loads(db_path.read_bytes())
    data[SHARDS][next(iter(data[SHARDS]))] = entry
    content = orjson.dumps(data)
    db_path.write_bytes(content)
    for attempt in (Store(db_path).check_notes_file, Store(db_path).all,
                    lambda: Store(db_path).add(note(1, 0))):
        with pytest.raises(CorruptStoreError, match="catalogue entry") as info:
            attempt()
        assert info.value.path == db_path
    assert db_path.read_bytes() == content


def test_an_article_file_already_there_is_added_to_never_replaced(db_path: Path) -> None:
    """Article files of a store whose notes file was set aside keep their notes."""
    earlier = many()
    Store(db_path).add_many(earlier)
    db_path.rename(db_path.with_name("annotations.json.corrupt-x"))  # as move-aside does
    later = [note(20000 + i, i % 3) for i in range(SHARD_AT)]
    Store(db_path).add_many(later)
    assert {a.id for a in Store(db_path).all()} == {a.id for a in earlier + later}


def test_a_same_size_edit_of_the_notes_file_is_read_before_it_is_written(db_path: Path) -> None:
    """An add to an article's file does not read the notes file by content, but every write
    of the notes file does: an edit that kept its size and mtime is kept, never overwritten."""
    Store(db_path).add_many(many())
    store = Store(db_path)
    store.set_setting("theme", "aaaa")
    store.add(note(30000, 0))  # the article's file only
    st = os.stat(db_path)
    raw = db_path.read_bytes()
    edited = raw.replace(b'"aaaa"', b'"bbbb"')
    assert len(edited) == len(raw) and edited != raw
    with open(db_path, "r+b") as f:
        f.write(edited)
    os.utime(db_path, ns=(st.st_atime_ns, st.st_mtime_ns))
    store.set_position("k", 3)
    data = orjson.loads(db_path.read_bytes())
    assert data["settings"]["theme"] == {"value": "bbbb"} and data["positions"]["k"]["offset"] == 3
    store.add(plain(30001, article_id="e" * 16, path="/lib/new.txt"))  # a catalogue write
    assert orjson.loads(db_path.read_bytes())["settings"]["theme"] == {"value": "bbbb"}
