"""Issue 9, item 1: the app says a change is kept only once the store has it on disk. Until the
background write returns the change shows with a "saving…" sign; a failed write is shown, the
change stays on screen, and ctrl+r saves it again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, TextArea

from annotations.errors import StoreWriteError
from annotations.model import Annotation, new_annotation
from annotations.store import Store
from articles import Article
from reader.app import ReaderApp
from reader.dialogs.note_editor import NoteEditor
from tests.reader.helpers import opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


class Gate:
    """Holds a store method until opened, so a test sees the screen while a write is on its
    way; with `fail`, the held call raises as a full disk would."""

    def __init__(self, store: Store, name: str) -> None:
        self.store = store
        self.name = name
        self.real = getattr(store, name)
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail: Exception | None = None
        setattr(store, name, self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.entered.set()
        assert self.release.wait(10)
        if self.fail is not None:
            raise self.fail
        return self.real(*args, **kwargs)

    def restore(self) -> None:
        setattr(self.store, self.name, self.real)


def notes_text(app: ReaderApp) -> str:
    notes = screen_of(app).query_one("#notes-list", OptionList)
    return " | ".join(str(notes.get_option_at_index(i).prompt)
                      for i in range(notes.option_count))


async def test_highlighted_is_said_only_once_the_write_has_returned(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        gate = Gate(app.session.store, "add")
        await pilot.press("right", "h")
        assert gate.entered.wait(5)
        await pilot.pause()
        # The mark is there at once, but not acknowledged: nothing is on disk yet.
        assert len(screen.anchored) == 1
        assert Store(db_path).all() == []
        assert "Highlighted" not in screen.status.message
        assert screen.status.message.startswith("Saving")
        assert "saving…" in notes_text(app)
        gate.release.set()
        await settle(pilot)
        assert screen.status.message == "Highlighted"
        assert "saving…" not in notes_text(app)
        assert len(Store(db_path).all()) == 1


async def test_note_saved_and_deleted_wait_for_the_disk(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    start = sample.text.index("Party leaders at the meeting.")
    kept = Store(db_path).add(new_annotation(sample, start, start + 13))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        gate = Gate(app.session.store, "update")
        screen.jump_to_annotation(kept.id)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one("#note-text", TextArea).text = "check the minutes"
        await pilot.press("ctrl+s")
        assert gate.entered.wait(5)
        await pilot.pause()
        assert screen.status.message != "Note saved"
        assert Store(db_path).all()[0].note == ""
        gate.release.set()
        await settle(pilot)
        assert screen.status.message == "Note saved"
        assert Store(db_path).all()[0].note == "check the minutes"

        gate = Gate(app.session.store, "remove")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "enter")
        assert gate.entered.wait(5)
        await pilot.pause()
        assert screen.anchored == []
        assert screen.status.message == "Deleting…"
        gate.release.set()
        await settle(pilot)
        assert screen.status.message == "Deleted"
    assert Store(db_path).all() == []


async def test_a_failed_save_is_shown_kept_on_screen_and_saved_again(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        gate = Gate(app.session.store, "add")
        gate.fail = StoreWriteError(db_path, "No space left on device")
        gate.release.set()
        await pilot.press("right", "h")
        await settle(pilot)
        assert screen.status.message.startswith("Not saved: ")
        assert "No space left on device" in screen.status.message
        assert "ctrl+r" in screen.status.message
        assert any(n.severity == "error" and "No space left" in n.message
                   for n in app._notifications)
        # Kept on screen, marked, even when the notes are read from the store again.
        assert len(screen.anchored) == 1
        assert "NOT SAVED" in notes_text(app)
        screen.reload_annotations()
        assert len(screen.anchored) == 1
        assert Store(db_path).all() == []
        assert screen.check_action("retry_saves", ()) is True
        gate.restore()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.status.message == "Saved"
        assert "NOT SAVED" not in notes_text(app)
        assert screen.check_action("retry_saves", ()) is False
        (stored,) = Store(db_path).all()
        assert stored.id == screen.anchored[0].annotation.id


@pytest.mark.parametrize("failing", ["update", "remove"])
async def test_a_failed_edit_or_delete_is_not_reverted_silently(
    make_app: AppFactory, db_path: Path, sample: Article, failing: str
) -> None:
    start = sample.text.index("Party leaders at the meeting.")
    kept: Annotation = Store(db_path).add(new_annotation(sample, start, start + 13))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        gate = Gate(app.session.store, failing)
        gate.fail = StoreWriteError(db_path, "Read-only file system")
        gate.release.set()
        screen.jump_to_annotation(kept.id)
        if failing == "update":
            await pilot.press("H")
            await pilot.pause()
            await pilot.press("3")
        else:
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.status.message.startswith("Not saved: ")
        shown = [i.annotation for i in screen.anchored]
        if failing == "update":
            assert [a.color for a in shown] == ["blue"]
        else:
            assert shown == []
        gate.restore()
        await pilot.press("ctrl+r")
        await settle(pilot)
    stored = Store(db_path).all()
    assert [a.color for a in stored] == (["blue"] if failing == "update" else [])


async def test_editing_a_highlight_that_failed_to_save_saves_it_as_new(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        gate = Gate(app.session.store, "add")
        gate.fail = StoreWriteError(db_path, "No space left on device")
        gate.release.set()
        await pilot.press("right", "h")
        await settle(pilot)
        gate.restore()
        (item,) = screen.anchored
        await pilot.press("H")
        await pilot.pause()
        await pilot.press("2")
        await settle(pilot)
        assert screen.status.message == "Colour changed"
        assert screen.check_action("retry_saves", ()) is False
    (stored,) = Store(db_path).all()
    assert (stored.id, stored.color) == (item.annotation.id, "green")
