"""Listing every note (annotations/listing.py): each file read and built once, a second listing
reading only the files that changed, a change elsewhere to a listed file seen; the bulk build
gives exactly what building each record one by one gives, and refuses what that refuses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotations import CorruptStoreError, Store
from annotations import listing as listing_module
from annotations.bulkcheck import annotations_of
from annotations.codec import from_record, to_record
from annotations.errors import AnnotationError
from annotations.layout import shard_files, shard_key, shard_path

from .test_buckets import library, on


def test_the_bulk_build_equals_building_one_by_one() -> None:
    notes = library(30)
    notes[1] = dataclasses.replace(notes[1], tags=("land", "budget"), note="ở đâu?\nline",
                                   color="green")
    notes[2] = notes[2].with_note("edited later")  # updated differs from created
    records = {a.id: to_record(a) for a in notes}
    built = annotations_of(records)
    assert built == {k: from_record(r) for k, r in records.items()}
    assert all(built[a.id].article is built[notes[0].id].article
               for a in notes if a.article == notes[0].article)  # one reference per article


@pytest.mark.parametrize("change", [
    lambda r: r["target"].update(end=r["target"]["end"] + 1),
    lambda r: r.update(color="mauve"),
    lambda r: r.update(tags=["a", "a"]),
    lambda r: r.update(created="2024-13-01T00:00:00Z"),
    lambda r: r.update(id="00000000-0000-0000-0000-00000000ffff"),
])
def test_the_bulk_build_refuses_what_one_by_one_refuses(change: object) -> None:
    records = {a.id: to_record(a) for a in library(3)}
    bad = next(iter(records.values()))
    change(bad)  # type: ignore[operator]
    with pytest.raises(AnnotationError, match="annotation '"):
        annotations_of(records)


def test_listing_reads_each_file_once_and_again_only_when_it_changed(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = library(20)
    Store(db_path).add_many(notes)
    opened: list[Path] = []
    real = listing_module.open_regular

    def counting(path: Path):  # type: ignore[no-untyped-def]
        opened.append(Path(path))
        return real(path)

    monkeypatch.setattr(listing_module, "open_regular", counting)
    app = Store(db_path)
    assert {a.id for a in app.all()} == {a.id for a in notes}
    assert sorted(opened) == sorted(shard_files(db_path))
    opened.clear()
    assert len(app) == len(notes) and not opened
    assert not app.changed_on_disk()
    elsewhere = Store(db_path).add(on(90000, 4))  # another copy adds to one listed file
    assert app.changed_on_disk()
    assert elsewhere in app.all()
    assert opened == [shard_path(db_path, shard_key(elsewhere.article))]


def test_an_id_without_its_article_opens_only_the_file_that_holds_it(db_path: Path) -> None:
    notes = library(20)
    Store(db_path).add_many(notes)
    store = Store(db_path)
    wanted = notes[7]
    assert store.get(wanted.id) == wanted
    assert list(store._files.shards) == [shard_key(wanted.article)]
    assert store.remove(wanted.id, base=wanted) and Store(db_path).get(wanted.id) is None


def test_a_corrupt_file_is_named_when_listing(db_path: Path) -> None:
    Store(db_path).add_many(library(5))
    bad = shard_path(db_path, shard_key(on(0, 3).article))
    bad.write_bytes(bad.read_bytes().replace(b'"color":"yellow"', b'"color":"mauve"', 1))
    with pytest.raises(CorruptStoreError) as info:
        Store(db_path).all()
    assert info.value.path == bad and "color" in str(info.value)
    assert Store(db_path).for_article(on(0, 2).article)  # another article: read as usual

