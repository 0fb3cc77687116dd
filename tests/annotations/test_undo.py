"""Undo: each kind of change (add, delete, recolour, edit) reversed through a real store,
several steps deep, a change merged in from elsewhere kept, and a change made elsewhere since
never overwritten (UndoConflict, nothing written)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations import Store
from annotations.undo import Step, UndoConflict, UndoHistory, inverse_of, reverted

from .helpers import plain


def test_undo_of_an_add_removes_it(store: Store) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    history.added(a)
    inverse = history.undo()
    assert inverse is not None and inverse.kind == "remove"
    assert inverse.apply(store) is True
    assert store.get(a.id) is None
    assert inverse.message == "Undone: note removed"
    assert history.undo() is None


def test_undo_of_a_delete_restores_it_whole(store: Store) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    store.remove(a.id, base=a)
    history.removed(a)
    inverse = history.undo()
    assert inverse is not None
    inverse.apply(store)
    assert store.get(a.id) == a  # same id, created, passage, note, tags
    assert inverse.message == "Undone: deleted note restored"


def test_undo_of_a_recolour_and_of_a_note_edit(store: Store) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    b = store.update(a.with_color("green"), base=a)
    history.updated(a, b, b)
    c = store.update(b.with_note("rewritten"), base=b)
    history.updated(b, c, c)
    first = history.undo()
    assert first is not None and first.message == "Undone: note edit"
    history.undone(first, first.apply(store))
    now = store.get(a.id)
    assert now is not None and (now.note, now.color) == ("note 1", "green")
    second = history.undo()
    assert second is not None and second.message == "Undone: colour change"
    second.apply(store)
    now = store.get(a.id)
    assert now is not None and (now.note, now.color, now.tags) == ("note 1", "yellow", ("t",))


def test_several_steps_deep_back_to_nothing(store: Store) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    history.added(a)
    b = store.update(a.with_tags(["x", "y"]), base=a)
    history.updated(a, b, b)
    store.remove(b.id, base=b)
    history.removed(b)
    messages = []
    while (inverse := history.undo()) is not None:
        history.undone(inverse, inverse.apply(store))
        messages.append(inverse.message)
    assert messages == ["Undone: deleted note restored", "Undone: tags change",
                        "Undone: note removed"]
    assert store.all() == []


def test_a_field_merged_in_from_elsewhere_survives_the_undo(store: Store,
                                                            db_path: Path) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    other = Store(db_path)
    theirs = other.update(a.with_tags(["theirs"]), base=a)
    merged = store.update(a.with_color("pink"), base=a)  # merged with their tags
    assert merged.tags == ("theirs",)
    history.updated(a, a.with_color("pink"), merged)
    inverse = history.undo()
    assert inverse is not None
    inverse.apply(store)
    now = store.get(a.id)
    assert now is not None and (now.color, now.tags) == ("yellow", theirs.tags)


@pytest.mark.parametrize("elsewhere", ["changed", "deleted"])
def test_an_undo_never_overwrites_a_change_made_elsewhere(store: Store, db_path: Path,
                                                          elsewhere: str) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    b = store.update(a.with_note("mine"), base=a)
    history.updated(a, b, b)
    other = Store(db_path)
    if elsewhere == "changed":
        other.update(b.with_note("theirs"), base=b)
    else:
        other.remove(b.id, base=b)
    inverse = history.undo()
    assert inverse is not None
    held = Store(db_path).all()
    with pytest.raises(UndoConflict, match=f"{elsewhere} elsewhere"):
        inverse.apply(store)
    assert Store(db_path).all() == held  # nothing written


def test_undo_of_an_add_refuses_when_it_was_edited_elsewhere(store: Store,
                                                             db_path: Path) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    history.added(a)
    Store(db_path).update(a.with_note("kept"), base=a)
    inverse = history.undo()
    assert inverse is not None
    with pytest.raises(UndoConflict):
        inverse.apply(store)
    kept = store.get(a.id)
    assert kept is not None and kept.note == "kept"


def test_undo_of_a_delete_refuses_when_restored_elsewhere(store: Store, db_path: Path) -> None:
    history = UndoHistory()
    a = store.add(plain(1))
    store.remove(a.id, base=a)
    history.removed(a)
    Store(db_path).add(a.with_note("again"))
    inverse = history.undo()
    assert inverse is not None
    with pytest.raises(UndoConflict, match="restored elsewhere"):
        inverse.apply(store)


def test_history_keeps_at_most_its_depth() -> None:
    history = UndoHistory(depth=3)
    for i in range(5):
        history.added(plain(i))
    assert len(history) == 3
    ids = []
    while (inverse := history.undo()) is not None:
        ids.append(inverse.annotation_id)
    assert ids == [plain(4).id, plain(3).id, plain(2).id]


def test_a_highlight_is_named_a_highlight() -> None:
    a = plain(1).with_note("")
    history = UndoHistory()
    history.added(a)
    inverse = history.undo()
    assert inverse is not None and inverse.message == "Undone: highlight removed"


FIELDS = st.fixed_dictionaries({
    "note": st.sampled_from(["", "a", "b"]),
    "color": st.sampled_from(["yellow", "green", "pink"]),
    "tags": st.sampled_from([(), ("t",), ("x", "y")]),
})


@settings(max_examples=60)
@given(FIELDS, FIELDS)
def test_reverting_keeps_their_fields_and_restores_mine(mine_fields: dict[str, object],
                                                        their_fields: dict[str, object]) -> None:
    """Undoing an edit restores every field it changed and keeps the others as they are now
    (a change made elsewhere to another field survives)."""
    before = plain(1)
    mine = before.edited(**mine_fields)  # type: ignore[arg-type]
    now = mine.edited(**{k: v for k, v in their_fields.items()  # type: ignore[arg-type]
                         if getattr(mine, k) == getattr(before, k)})
    back = reverted(before, mine, now)
    for name in ("note", "color", "tags"):
        changed_by_me = getattr(mine, name) != getattr(before, name)
        assert getattr(back, name) == getattr(before if changed_by_me else now, name)
    assert inverse_of(Step("update", before.id, before, mine, now)).expect == now
