"""The store: durable writes, reading without writing, finding an article's notes, settings,
reading positions, and the locations of the file."""

from __future__ import annotations

import os
import random
import stat
import threading
from pathlib import Path

import orjson
import pytest

from annotations import Store, resolve_db_path, storage
from annotations import store as store_module
from annotations.codec import to_record
from annotations.paths import default_path, user_data_dir
from articles import Article, load

from .helpers import plain, quote_annotation


def test_nothing_is_written_until_the_first_change(db_path: Path) -> None:
    s = Store(db_path)
    assert s.all() == [] and len(s) == 0 and s.get("x") is None
    assert s.get_setting("theme", "default") == "default" and s.get_position("a") is None
    s.check()
    assert not db_path.parent.exists()


def test_first_write_creates_private_file_and_directory(store: Store, db_path: Path) -> None:
    a = store.add(plain(1))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    data = orjson.loads(db_path.read_bytes())
    assert next(iter(data)) == "meta" and data["meta"]["schema"] == {"version": 1}
    assert data["annotations"][a.id]["note"] == "note 1"


def test_add_get_update_remove(store: Store, db_path: Path) -> None:
    a, b = store.add(plain(1)), store.add(plain(2))
    assert store.get(a.id) == a and [x.id for x in store.all()] == sorted([a.id, b.id])
    with pytest.raises(ValueError, match="already exists"):
        store.add(plain(1))
    changed = store.update(a.with_note("changed"))
    assert Store(db_path).get(a.id) == changed and changed.note == "changed"
    assert store.remove(a.id) is True and store.remove(a.id) is False
    assert Store(db_path).get(a.id) is None and len(Store(db_path)) == 1
    with pytest.raises(KeyError):
        store.update(a)


def test_every_acknowledged_write_is_on_disk_for_a_new_reader(store: Store, db_path: Path) -> None:
    ids = [store.add(plain(i)).id for i in range(20)]
    assert sorted(a.id for a in Store(db_path).all()) == sorted(ids)
    raw = orjson.loads(db_path.read_bytes())
    assert sorted(raw["annotations"]) == sorted(ids)


def test_no_temporary_files_are_left(store: Store, db_path: Path) -> None:
    for i in range(5):
        store.add(plain(i))
    store.remove(plain(0).id)
    storage.drain_pending_deletions()  # replaced versions are deleted in the background
    store.settle()
    names = sorted(os.listdir(db_path.parent))
    # A live store keeps one prepared next version of the file (see storage.NextVersion).
    prepared = [n for n in names if n.endswith(storage.NEXT_SUFFIX)]
    assert len(prepared) <= 1 and all(f".{os.getpid()}." in n for n in prepared)
    assert [n for n in names if n not in prepared] == ["annotations.json", "annotations.json.lock"]


def test_stale_temporary_files_of_a_killed_writer_are_removed(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    stale = db_path.parent / ".annotations.json.abc123.tmp"
    stale.write_bytes(b'{"half": ')
    unrelated = db_path.parent / "notes.txt"
    unrelated.write_text("keep me")
    Store(db_path).add(plain(1))
    assert not stale.exists() and unrelated.read_text() == "keep me"


def test_two_stores_see_each_others_changes(db_path: Path) -> None:
    one, two = Store(db_path), Store(db_path)
    a = one.add(plain(1))
    assert two.get(a.id) == a
    b = two.add(plain(2))
    assert {x.id for x in one.all()} == {a.id, b.id}
    one.remove(b.id)
    assert two.get(b.id) is None
    # Same size, same inode reuse pattern: still seen (each write stamps a fresh mtime).
    two.update(a.with_note("x"))
    one_view = one.get(a.id)
    assert one_view is not None and one_view.note == "x"


def test_an_unchanged_file_is_not_parsed_again(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.add(plain(1))
    reader = Store(db_path)
    reader.all()
    calls: list[bytes] = []
    real = store_module.DurableStorage._load

    def counting(self: store_module.DurableStorage) -> None:
        calls.append(b"")
        real(self)

    monkeypatch.setattr(store_module.DurableStorage, "_load", counting)
    for _ in range(5):
        reader.all()
        reader.get(plain(1).id)
    assert calls == []
    store.add(plain(2))
    assert len(reader.all()) == 2 and len(calls) == 1


def test_threads_adding_at_once_lose_nothing(store: Store, db_path: Path) -> None:
    def work(base: int) -> None:
        for i in range(25):
            store.add(plain(base + i))

    threads = [threading.Thread(target=work, args=(k * 100,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(Store(db_path).all()) == 100


def test_add_many_is_one_write_and_skips_present_ids(store: Store, db_path: Path) -> None:
    store.add(plain(1))
    before = db_path.stat().st_mtime_ns
    added, skipped = store.add_many([plain(1), plain(2), plain(3), plain(2)])
    assert [a.id for a in added] == [plain(2).id, plain(3).id]
    assert [a.id for a in skipped] == [plain(1).id, plain(2).id]
    assert db_path.stat().st_mtime_ns != before and len(Store(db_path)) == 3
    mtime = db_path.stat().st_mtime_ns
    assert store.add_many([plain(1)]) == ([], [plain(1)])
    assert db_path.stat().st_mtime_ns == mtime  # nothing new: nothing written


def test_for_article_by_hash_then_path_then_title(
    tmp_path: Path, article_copy: Path, store: Store
) -> None:
    article = load(article_copy)
    a = store.add(quote_annotation(article, "Resolution No. 26-NQ/TW"))
    other = store.add(plain(7))
    assert store.for_article(article) == [a]

    # Edited in place: new content hash, same path.
    article_copy.write_text(article.text.replace("Thanh Duy", "Thanh  Duy", 1), encoding="utf-8")
    edited = load(article_copy)
    assert edited.id != article.id
    assert store.for_article(edited) == [a]

    # Moved (and edited): no hash or path in common, same title, old file gone.
    moved_path = tmp_path / "elsewhere" / "moved.txt"
    moved_path.parent.mkdir()
    article_copy.rename(moved_path)
    moved = load(moved_path)
    assert store.for_article(moved) == [a]
    assert other not in store.for_article(moved)


def test_a_copy_with_the_same_title_does_not_steal_notes(
    tmp_path: Path, article_copy: Path, store: Store
) -> None:
    article = load(article_copy)
    a = store.add(quote_annotation(article, "Politburo"))
    copy_path = tmp_path / "copy.txt"
    copy_path.write_text(article.text + "\nAn added line.\n", encoding="utf-8")
    copy = load(copy_path)
    assert copy.title == article.title and copy.id != article.id
    assert store.for_article(copy) == []  # the original file still exists
    assert store.for_article(article) == [a]


def test_for_article_returns_text_order(store: Store, sample: Article) -> None:
    late = store.add(quote_annotation(sample, "Featured Nghe An Newspaper"))
    early = store.add(quote_annotation(sample, "Baonghean.vn"))
    assert store.for_article(sample) == [early, late]


def test_settings_and_positions(store: Store, db_path: Path) -> None:
    store.set_setting("theme", "textual-dark")
    store.set_setting("last_color", {"name": "green", "recent": ["green", "pink"]})
    store.set_position("57c8dbd5a79d9a3d", 1234)
    fresh = Store(db_path)
    assert fresh.get_setting("theme") == "textual-dark"
    assert fresh.get_setting("last_color") == {"name": "green", "recent": ["green", "pink"]}
    assert fresh.get_setting("missing", 3) == 3
    assert fresh.get_position("57c8dbd5a79d9a3d") == 1234
    value = fresh.get_setting("last_color")
    value["recent"].append("mutated")
    assert fresh.get_setting("last_color")["recent"] == ["green", "pink"]
    mtime = db_path.stat().st_mtime_ns
    fresh.set_setting("theme", "textual-dark")
    fresh.set_position("57c8dbd5a79d9a3d", 1234)
    assert db_path.stat().st_mtime_ns == mtime  # unchanged values are not written
    with pytest.raises(ValueError):
        fresh.set_position("k", -1)
    with pytest.raises(ValueError):
        fresh.set_setting("k", object())
    with pytest.raises(ValueError):
        fresh.set_setting("", 1)


def test_settings_do_not_disturb_annotations(store: Store, db_path: Path) -> None:
    a = store.add(plain(1))
    store.set_setting("theme", "x")
    store.set_position("k", 5)
    assert Store(db_path).all() == [a]


def test_default_path_and_overrides(
    monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path
) -> None:
    path = default_path()
    assert path.name == "annotations.json" and path.parent.name == "reader"
    assert str(path).startswith(str(isolated_data_dir))
    assert Store.default_path() == path
    monkeypatch.setenv("READER_DB", "/tmp/from-env.json")
    assert resolve_db_path(None) == Path("/tmp/from-env.json")
    assert resolve_db_path("/tmp/from-cli.json") == Path("/tmp/from-cli.json")
    monkeypatch.setenv("READER_DB", "")
    assert resolve_db_path(None) == path


@pytest.mark.parametrize("xdg", ["", "/srv/data"])
def test_the_user_data_dir_is_the_one_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, xdg: str
) -> None:
    import platformdirs

    monkeypatch.setenv("XDG_DATA_HOME", xdg)
    assert user_data_dir() == Path(platformdirs.user_data_dir("reader", appauthor=False))


def test_a_symlinked_file_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real" / "annotations.json"
    Store(real).add(plain(1))
    link = tmp_path / "link.json"
    link.symlink_to(real)
    Store(link).add(plain(2))
    assert link.is_symlink() and len(Store(real)) == 2


def test_appending_splices_bytes_identical_to_a_full_rewrite(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An add serialises only the new record; the file must be byte-for-byte what serialising
    everything would give, through any mix of adds, updates, removals and settings."""
    calls = {"full": 0, "append": 0}
    real_encode, real_append = storage.encode, storage.encode_append

    def full(data: object) -> storage.Encoded:
        calls["full"] += 1
        return real_encode(data)  # type: ignore[arg-type]

    def append(*args: object) -> storage.Encoded | None:
        calls["append"] += 1
        return real_append(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "encode", full)
    monkeypatch.setattr(storage, "encode_append", append)
    rng = random.Random(3)
    expected: dict[str, object] = {}
    for step in range(120):
        roll = rng.random()
        if roll < 0.6 or not expected:
            a = store.add(plain(1000 + step))
            expected[a.id] = to_record(a)
        elif roll < 0.75:
            victim = rng.choice(sorted(expected))
            assert store.remove(victim)
            del expected[victim]
        elif roll < 0.9:
            target = store.get(rng.choice(sorted(expected)))
            assert target is not None
            changed = store.update(target.with_note(f"edited at {step}"))
            expected[changed.id] = to_record(changed)
        else:
            store.set_setting(f"key{step % 3}", step)
        raw = db_path.read_bytes()
        data = orjson.loads(raw)
        assert data["annotations"] == expected
        assert orjson.dumps(data) == raw
        assert list(data) == ["meta", *[t for t in data if t != "meta"]]
    assert calls["append"] > 50 and calls["full"] > 20
    assert {a.id for a in Store(db_path).all()} == set(expected)


def test_a_file_replaced_behind_our_back_is_not_spliced(store: Store, db_path: Path) -> None:
    store.add(plain(1))
    store.add(plain(2))
    other = Store(db_path)
    other.remove(plain(1).id)  # another process rewrites the file
    store.add(plain(3))  # must re-read, not splice into its old bytes
    assert {a.id for a in Store(db_path).all()} == {plain(2).id, plain(3).id}
    db_path.unlink()
    store.add(plain(4))  # the file is gone: a fresh file, not the old bytes
    assert [a.id for a in Store(db_path).all()] == [plain(4).id]
