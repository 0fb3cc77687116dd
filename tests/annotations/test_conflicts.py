"""Changes checked against what is on disk: three-way merge of two edits of one note, the
conflict when they clash or the note was deleted elsewhere, a change made elsewhere noticed,
and a same-size hand edit with its mtime restored never overwritten."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations import Store
from annotations.errors import UpdateConflict
from annotations.merge import merge
from annotations.model import COLORS, Target

from .helpers import plain

# Merging ------------------------------------------------------------------------------------


def test_merge_takes_each_side_s_own_change() -> None:
    base = plain(1)
    mine = base.with_note("my note")
    theirs = base.edited(target=Target("passage", "", "", 0, 7), color="green")
    merged = merge(base, mine, theirs)
    assert merged is not None
    assert (merged.note, merged.color, merged.target) == ("my note", "green", theirs.target)
    assert merged.updated == max(mine.updated, theirs.updated) and merged.created == base.created


def test_merge_clash_on_one_field_is_none() -> None:
    base = plain(1)
    assert merge(base, base.with_note("mine"), base.with_note("theirs")) is None
    assert merge(base, base.with_tags(["a"]), base.with_tags(["b"])) is None


def test_merge_same_change_on_both_sides_is_no_clash() -> None:
    base = plain(1)
    merged = merge(base, base.with_note("same"), base.with_note("same"))
    assert merged is not None and merged.note == "same"


def test_merge_refuses_two_annotations() -> None:
    with pytest.raises(ValueError):
        merge(plain(1), plain(1), plain(2))


_field_values = {
    "note": st.sampled_from(["", "a", "b"]),
    "color": st.sampled_from(COLORS[:3]),
    "tags": st.sampled_from([(), ("x",), ("y",)]),
}


@given(
    mine=st.fixed_dictionaries({}, optional=_field_values),
    theirs=st.fixed_dictionaries({}, optional=_field_values),
)
def test_merge_property(mine: dict[str, object], theirs: dict[str, object]) -> None:
    base = plain(1)
    a = dataclasses.replace(base, **mine)  # type: ignore[arg-type]
    b = dataclasses.replace(base, **theirs)  # type: ignore[arg-type]
    merged = merge(base, a, b)
    clash = any(
        getattr(a, f) != getattr(base, f)
        and getattr(b, f) != getattr(base, f)
        and getattr(a, f) != getattr(b, f)
        for f in ("note", "color", "tags")
    )
    assert (merged is None) == clash
    if merged is not None:
        for f in ("note", "color", "tags"):
            want = getattr(a, f) if getattr(a, f) != getattr(base, f) else getattr(b, f)
            assert getattr(merged, f) == want
        assert merge(base, b, a) == merged


# The store ------------------------------------------------------------------------------------


def test_stale_copy_merges_with_a_reattach_made_elsewhere(db_path: Path) -> None:
    app = Store(db_path)
    base = app.add(plain(1))
    assert app.get(base.id) == base  # the running app holds this version
    cli = Store(db_path)
    moved = cli.update(base.edited(target=Target("elsewhere", "", "", 500, 509)))
    written = app.update(base.with_note("edited in the app"), base=base)
    assert written.target == moved.target and written.note == "edited in the app"
    assert Store(db_path).get(base.id) == written


def test_clashing_edit_raises_and_keeps_theirs(db_path: Path) -> None:
    app = Store(db_path)
    base = app.add(plain(1))
    theirs = Store(db_path).update(base.with_note("from the command line"))
    mine = base.with_note("from the app")
    with pytest.raises(UpdateConflict) as caught:
        app.update(mine, base=base)
    assert caught.value.mine == mine and caught.value.theirs == theirs
    assert Store(db_path).get(base.id) == theirs


def test_edit_of_a_note_deleted_elsewhere_raises(db_path: Path) -> None:
    app = Store(db_path)
    base = app.add(plain(1))
    Store(db_path).remove(base.id)
    with pytest.raises(UpdateConflict) as caught:
        app.update(base.with_note("x"), base=base)
    assert caught.value.theirs is None
    assert Store(db_path).get(base.id) is None


def test_update_with_an_unchanged_base_writes_mine(db_path: Path) -> None:
    s = Store(db_path)
    base = s.add(plain(1))
    mine = base.with_note("new")
    assert s.update(mine, base=base) == mine == Store(db_path).get(base.id)


def test_remove_of_a_note_changed_elsewhere_raises(db_path: Path) -> None:
    app = Store(db_path)
    base = app.add(plain(1))
    theirs = Store(db_path).update(base.with_note("changed"))
    with pytest.raises(UpdateConflict) as caught:
        app.remove(base.id, base=base)
    assert caught.value.theirs == theirs and Store(db_path).get(base.id) == theirs
    assert app.remove(base.id, base=theirs) is True


def test_changed_on_disk_sees_a_change_made_elsewhere(db_path: Path) -> None:
    app = Store(db_path)
    app.add(plain(1))
    assert not app.changed_on_disk()
    added = Store(db_path).add(plain(2))
    assert app.changed_on_disk()
    assert app.get(added.id) == added and not app.changed_on_disk()


def test_same_size_edit_with_mtime_restored_is_not_overwritten(db_path: Path) -> None:
    s = Store(db_path)
    a = s.add(plain(1))
    assert s.get(a.id) is not None  # cached
    assert s.settle()  # the next version is prepared from the bytes before the edit
    st = os.stat(db_path)
    raw = db_path.read_bytes()
    edited = raw.replace(b'"note 1"', b'"NOTE 1"')
    assert len(edited) == len(raw) and edited != raw
    with open(db_path, "r+b") as f:  # in place: same inode, same size
        f.write(edited)
    os.utime(db_path, ns=(st.st_atime_ns, st.st_mtime_ns))
    s.add(plain(2))
    data = orjson.loads(db_path.read_bytes())
    assert data["annotations"][a.id]["note"] == "NOTE 1" and len(data["annotations"]) == 2
