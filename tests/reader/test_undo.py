"""Pilot tests of `u`: undoing a highlight, a deletion, a recolour and a note edit, several
steps deep, each saved like any change ("Undone: ..." only once on disk); nothing to undo says
so; a note changed elsewhere since is not overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotations.store import Store
from reader.app import ReaderApp
from reader.dialogs.choice import ChoiceDialog
from tests.reader.helpers import opened, screen_of, settle
from tests.reader.test_saving import Gate

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


async def test_u_undoes_delete_recolour_and_add_several_steps_deep(make_app: AppFactory,
                                                                   db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("u")
        assert screen.status.message == "Nothing to undo"
        await pilot.press("right", "h")
        await settle(pilot)
        (added,) = Store(db_path).all()
        screen.notes.save(added.with_color("green"), added, "Colour changed")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert Store(db_path).all() == []

        gate = Gate(app.session.store, "add")
        await pilot.press("u")
        assert gate.entered.wait(5)
        await pilot.pause()
        # shown at once, said "undone" only once on disk
        assert [i.annotation.id for i in screen.anchored] == [added.id]
        assert screen.status.message == "Undoing…" and Store(db_path).all() == []
        await pilot.press("u")  # while it is being saved: wait
        assert "still being saved" in screen.status.message
        gate.release.set()
        await settle(pilot)
        gate.restore()
        assert screen.status.message == "Undone: deleted highlight restored"
        (back,) = Store(db_path).all()
        assert (back.id, back.color) == (added.id, "green")

        await pilot.press("u")
        await settle(pilot)
        assert screen.status.message == "Undone: colour change"
        (back,) = Store(db_path).all()
        assert back.color == added.color

        await pilot.press("u")
        await settle(pilot)
        assert screen.status.message == "Undone: highlight removed"
        assert Store(db_path).all() == []
        assert screen.anchored == []
        await pilot.press("u")
        assert screen.status.message == "Nothing to undo"


async def test_u_undoes_a_note_edit(make_app: AppFactory, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "h")
        await settle(pilot)
        (added,) = Store(db_path).all()
        screen.notes.save(added.with_note("first thoughts"), added, "Note saved")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert screen.status.message == "Undone: note edit"
        (back,) = Store(db_path).all()
        assert back.note == ""


async def test_u_does_not_overwrite_a_change_made_elsewhere(make_app: AppFactory,
                                                           db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "h")
        await settle(pilot)
        (added,) = Store(db_path).all()
        Store(db_path).update(added.with_note("written in another window"), base=added)
        await pilot.press("u")
        await settle(pilot)
        assert screen.status.message.startswith("Not undone: the highlight was changed "
                                                "elsewhere")
        (kept,) = Store(db_path).all()
        assert kept.note == "written in another window"
        assert [i.annotation.note for i in screen.anchored] == ["written in another window"]
