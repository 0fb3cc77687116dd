"""Pilot tests: highlighting by drag and by keyboard, notes in the modal editor, colours,
deleting, the Notes tab with its Unanchored group, and everything surviving a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, OptionList, TabbedContent, TextArea

from annotations.model import new_annotation
from annotations.store import Store
from articles import Article, parse
from reader.app import ReaderApp
from reader.dialogs.choice import ChoiceDialog, ColorPicker
from reader.dialogs.note_editor import NoteEditor
from tests.reader.helpers import find_on_screen, opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


async def drag(pilot, start: tuple[int, int], end: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    await pilot.mouse_down("#article", offset=start)
    await pilot.hover("#article", offset=end)
    await pilot.mouse_up("#article", offset=end)
    await pilot.pause()


async def test_highlight_by_drag_is_saved_and_survives_a_restart(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        phrase = "On the afternoon of April 12"
        x, y = find_on_screen(screen.view, phrase)
        await drag(pilot, (x, y), (x + len(phrase) - 1, y))
        assert screen.view.selected_range() is not None
        await pilot.press("h")
        await settle(pilot)
        assert str(screen.query_one(TabbedContent).get_tab("notes").label) == "Notes 1"
    stored = Store(db_path).all()
    assert [a.target.exact for a in stored] == [phrase]
    assert stored[0].color == "yellow" and stored[0].note == ""
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        anchored = screen_of(again).anchored
        assert [(a.annotation.target.exact, a.status) for a in anchored] == [(phrase, "exact")]


async def test_highlight_by_keyboard_selection_of_two_sentences(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right")  # the cursor starts on the first sentence on screen
        first = screen.view.cursor
        assert first is not None
        await pilot.press("v", "right", "right")
        selected = screen.view.selected_range()
        assert selected is not None and selected[0] == first[0]
        await pilot.press("h")
        await settle(pilot)
    (annotation,) = Store(db_path).all()
    assert annotation.target.start == selected[0]
    assert annotation.target.exact == sample.text[selected[0] : selected[1]].strip()


async def test_word_moves_and_escape_drops_the_selection(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("w", "w")
        cursor = screen.view.cursor
        assert cursor is not None
        assert screen.article.text[cursor[0] : cursor[1]].isalnum()
        await pilot.press("v", "w", "w")
        assert screen.view.selected_range() is not None
        await pilot.press("escape")
        assert screen.view.selected_range() is None


async def test_note_in_the_editor_is_saved_with_tags_and_colour(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "right")
        sentence = screen.view.cursor
        assert sentence is not None
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"Check the minutes of this meeting")
        editor.query_one("#note-tags", Input).value = "follow-up, Q2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        notes = screen.query_one("#notes-list", OptionList)
        assert notes.option_count == 2  # the section heading and the note
    (annotation,) = Store(db_path).all()
    assert annotation.note == "Check the minutes of this meeting"
    assert annotation.tags == ("follow-up", "Q2")
    assert (annotation.target.start, annotation.target.end) == sentence


async def test_escape_in_the_editor_saves_nothing(make_app: AppFactory, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("right", "a")
        await pilot.pause()
        await pilot.press(*"not kept")
        await pilot.press("escape")  # typed text: asked first, then discarded
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen_of(app).status.message == "Note not saved"
    assert Store(db_path).all() == []


async def test_editing_the_note_of_an_existing_highlight(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    start = sample.text.index("Party leaders at the meeting.")
    Store(db_path).add(new_annotation(sample, start, start + 13, note="first thought"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        screen.jump_to_annotation(Store(db_path).all()[0].id)
        await pilot.press("a")
        await pilot.pause()
        area = app.screen.query_one("#note-text", TextArea)
        assert area.text == "first thought"
        area.text = "second thought"
        await pilot.press("ctrl+s")
        await settle(pilot)
    (annotation,) = Store(db_path).all()
    assert annotation.note == "second thought"
    assert annotation.updated >= annotation.created


async def test_delete_asks_first_and_cancel_keeps_it(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    start = sample.text.index("Party leaders at the meeting.")
    kept = Store(db_path).add(new_annotation(sample, start, start + 13))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        screen.jump_to_annotation(kept.id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # "Cancel" is the first answer
        await settle(pilot)
        assert len(Store(db_path).all()) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert str(screen.query_one(TabbedContent).get_tab("notes").label) == "Notes 0"
    assert Store(db_path).all() == []


async def test_colour_picker_sets_the_colour_and_it_is_remembered(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("right", "H")
        await pilot.pause()
        assert isinstance(app.screen, ColorPicker)
        await pilot.press("3")
        await settle(pilot)
        assert screen_of(app).status.color == "blue"
        await pilot.press("right", "right", "h")
        await settle(pilot)
    colours = sorted(a.color for a in Store(db_path).all())
    assert colours == ["blue", "blue"]
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert again.session.highlight_color == "blue"


async def test_notes_tab_is_in_reading_order_with_an_unanchored_group(
    make_app: AppFactory, db_path: Path, sample: Article, tmp_path: Path
) -> None:
    store = Store(db_path)
    late = sample.text.index("Party leaders at the meeting.")
    early = sample.text.index("Overview of the working session")
    store.add(new_annotation(sample, late, late + 13, note="late"))
    store.add(new_annotation(sample, early, early + 8, note="early"))
    other = parse(sample.text.replace("Featured", "A sentence that only this copy has. Featured"))
    gone = other.text.index("A sentence that only this copy has.")
    orphan = new_annotation(other, gone, gone + 35, note="its passage is gone")
    store.add(orphan.edited(article=new_annotation(sample, 0, 1).article))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("3")
        await pilot.pause()
        screen = screen_of(app)
        notes = screen.query_one("#notes-list", OptionList)
        prompts = [str(notes.get_option_at_index(i).prompt) for i in range(notes.option_count)]
        flat = " | ".join(prompts)
        assert flat.index("early") < flat.index("late") < flat.index("Unanchored (1)")
        assert flat.index("Unanchored (1)") < flat.index("its passage is gone")
        assert str(screen.query_one(TabbedContent).get_tab("notes").label) == (
            "Notes 3 (1 unanchored)"
        )
        ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
        notes.highlighted = ids.index(store.all()[0].id)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.cursor == (late, late + 13)


async def test_an_orphan_can_be_reattached_to_the_selection(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    other = parse(sample.text + "\nA closing line that is not in the sample.\n")
    gone = other.text.index("A closing line")
    store = Store(db_path)
    orphan = new_annotation(other, gone, gone + 14, note="keep me")
    store.add(orphan.edited(article=new_annotation(sample, 0, 1).article))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        assert [a.status for a in screen.anchored] == ["orphan"]
        await pilot.press("right", "v")
        target = screen.view.selected_range()
        assert target is not None
        screen.jump_to_annotation(orphan.id)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # "Re-attach it to the selected text" comes first
        await settle(pilot)
        assert [a.status for a in screen.anchored] == ["exact"]
    (annotation,) = Store(db_path).all()
    assert annotation.note == "keep me"
    assert annotation.target.exact == sample.text[target[0] : target[1]].strip()


async def test_two_windows_on_one_database_keep_each_others_notes(
    make_app: AppFactory, db_path: Path
) -> None:
    first, second = make_app(), make_app()
    async with first.run_test(size=SIZE) as pilot_one, second.run_test(size=SIZE) as pilot_two:
        await pilot_one.press("right", "h")
        await settle(pilot_one)
        await pilot_two.press("right", "right", "right", "h")
        await settle(pilot_two)
    assert len(Store(db_path).all()) == 2
