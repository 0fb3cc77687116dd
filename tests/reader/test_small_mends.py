"""Small mends of issue 12: the note editor asks before discarding typed text and edits from
the end of a note; n with nothing chosen and d with no highlight say why nothing happened."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import TextArea

from reader.app import ReaderApp
from reader.dialogs.note_editor import NoteEditor
from tests.reader.helpers import opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]


async def test_n_and_d_say_why_nothing_happened(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("n")
        assert screen.status.message == "Choose a person or a document, or search with /"
        await pilot.press("d")
        assert screen.status.message == "No highlight at the cursor"


async def test_escape_with_typed_text_asks_before_discarding(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"keep me")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ChoiceDialog"
        await pilot.press("enter")  # the first answer: keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("#note-text", TextArea).text == "keep me"
        await pilot.press("escape", "down", "enter")  # discard it
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert screen_of(app).status.message == "Note not saved"


async def test_editing_a_note_starts_at_its_end(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        await pilot.press("a", *"first line", "ctrl+s")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        area = app.screen.query_one("#note-text", TextArea)
        assert area.text == "first line"
        assert area.cursor_location == area.document.end
        await pilot.press(*" and more", "ctrl+s")
        await settle(pilot)
        assert screen_of(app).anchored[0].annotation.note == "first line and more"
