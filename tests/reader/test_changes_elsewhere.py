"""Issue 9, item 3 (the app's half): an edit or delete in the app is checked against what the
file holds now. A change made elsewhere (the command line, another window) is merged when the
fields differ; on a clash the user chooses in a dialog; nothing is overwritten silently. A
running copy picks up notes added, changed and removed elsewhere without a restart."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from annotations.model import Annotation, new_annotation
from annotations.store import Store
from articles import Article, sample_path
from reader.app import ReaderApp
from reader.dialogs.choice import ChoiceDialog
from reader.dialogs.note_editor import NoteEditor
from reader.screens.library_screen import LibraryScreen
from tests.reader.helpers import opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)
REPO = Path(__file__).resolve().parents[2]
FIRST = "Party leaders at the meeting."
OTHER = "Overview of the working session"


def stored_note(db_path: Path, sample: Article, note: str = "first") -> Annotation:
    start = sample.text.index(FIRST)
    return Store(db_path).add(new_annotation(sample, start, start + 13, note=note))


def stale(app: ReaderApp) -> ReaderApp:
    """An app that does not look for changes made elsewhere during the test: it edits from
    the version it read at the start, as a copy does between two checks."""
    app.poll_seconds = 3600
    return app


async def edit_note(pilot: Pilot[None], app: ReaderApp, annotation_id: str, text: str) -> None:
    screen_of(app).jump_to_annotation(annotation_id)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, NoteEditor)
    app.screen.query_one("#note-text", TextArea).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def choose(pilot: Pilot[None], app: ReaderApp, answer: str) -> str:
    """Answer the conflict dialog with the choice labelled `answer`; its title."""
    dialog = app.screen
    assert isinstance(dialog, ChoiceDialog), type(dialog)
    options = dialog.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    options.highlighted = next(i for i, label in enumerate(labels) if label.startswith(answer))
    await pilot.press("enter")
    await settle(pilot)
    return dialog.title_text


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never: {what}")


async def test_an_edit_keeps_a_reattach_made_on_the_command_line(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    kept = stored_note(db_path, sample)
    app = stale(make_app())
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        env = {**os.environ, "READER_DB": str(db_path)}
        done = subprocess.run([sys.executable, "-m", "reader", "notes", "reattach", kept.id,
                               str(sample_path()), "--quote", OTHER, "--db", str(db_path)],
                              cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
                              check=False)
        assert done.returncode == 0, done.stderr
        await edit_note(pilot, app, kept.id, "second thought")
        assert not isinstance(app.screen, ChoiceDialog)
        assert screen_of(app).status.message.startswith("Note saved")
    (stored,) = Store(db_path).all()
    assert stored.note == "second thought"
    assert stored.target.exact == OTHER  # the reattach is not undone


async def test_a_clash_asks_and_keep_mine_writes_mine(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    kept = stored_note(db_path, sample)
    app = stale(make_app())
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        Store(db_path).update(kept.with_note("theirs"))
        await edit_note(pilot, app, kept.id, "mine")
        assert Store(db_path).all()[0].note == "theirs"  # nothing written before the answer
        title = await choose(pilot, app, "Keep mine")
        assert "changed elsewhere" in title
    assert Store(db_path).all()[0].note == "mine"


async def test_a_clash_keep_theirs_shows_theirs(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    kept = stored_note(db_path, sample)
    app = stale(make_app())
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        Store(db_path).update(kept.with_note("theirs"))
        await edit_note(pilot, app, kept.id, "mine")
        await choose(pilot, app, "Keep theirs")
        assert [i.annotation.note for i in screen_of(app).anchored] == ["theirs"]
    assert Store(db_path).all()[0].note == "theirs"


async def test_an_edit_of_a_note_deleted_elsewhere_asks_and_can_keep_it(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    kept = stored_note(db_path, sample)
    app = stale(make_app())
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        Store(db_path).remove(kept.id)
        screen_of(app).jump_to_annotation(kept.id)
        await pilot.press("H")
        await pilot.pause()
        await pilot.press("3")
        await settle(pilot)
        title = await choose(pilot, app, "Keep mine")
        assert "deleted elsewhere" in title
    (stored,) = Store(db_path).all()
    assert (stored.id, stored.color, stored.note) == (kept.id, "blue", "first")


async def test_deleting_a_note_changed_elsewhere_asks_first(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    kept = stored_note(db_path, sample)
    app = stale(make_app())
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        Store(db_path).update(kept.with_note("changed elsewhere"))
        screen_of(app).jump_to_annotation(kept.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        await choose(pilot, app, "Keep their version")
        assert [i.annotation.note for i in screen_of(app).anchored] == ["changed elsewhere"]
    assert [a.note for a in Store(db_path).all()] == ["changed elsewhere"]


async def test_a_running_copy_picks_up_notes_added_changed_and_removed_elsewhere(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    app = make_app()
    app.poll_seconds = 0.1
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        other = Store(db_path)
        start = sample.text.index(OTHER)
        added = other.add(new_annotation(sample, start, start + len(OTHER), note="from the CLI"))
        await until(pilot, lambda: [i.annotation.id for i in screen.anchored] == [added.id],
                    "the note added elsewhere is shown")
        other.update(added.with_note("changed on the CLI"))
        await until(pilot, lambda: [i.annotation.note for i in screen.anchored]
                    == ["changed on the CLI"], "the change made elsewhere is shown")
        assert "changed on the CLI" in str(
            screen.query_one("#notes-list", OptionList).get_option_at_index(1).prompt)
        other.remove(added.id)
        await until(pilot, lambda: screen.anchored == [], "the note removed elsewhere goes")


async def test_the_library_picks_up_notes_added_elsewhere(
    db_path: Path, sample: Article, tmp_path: Path
) -> None:
    path = tmp_path / "lib" / "a.txt"
    path.parent.mkdir()
    path.write_bytes(sample_path().read_bytes())
    app = ReaderApp([], Store(db_path), theme="textual-dark", library=[path])
    app.poll_seconds = 0.1
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert library.notes.all == []
        from articles import load

        stored_note(db_path, load(path))
        await until(pilot, lambda: len(library.notes.all) == 1, "the library counts the note")
