"""A tester's small defects: 1 2 3 and o show the panel they move to on a narrow terminal; the
TUI names the way out of a corrupt notes file; help lists ctrl+p once and scrolls with space
and j/k; choosing a plain highlight in the Notes tab says "Highlight", a note "Note"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from annotations.model import new_annotation
from annotations.store import Store
from articles import Article
from reader.app import ReaderApp
from reader.cli import main
from reader.dialogs.help import HelpScreen
from tests.reader.helpers import opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]


def _on_screen(app: ReaderApp) -> bool:
    """The focused widget is displayed, with all its containers, and has room on the screen."""
    focused = app.focused
    assert focused is not None
    return all(node.display for node in (focused, *focused.ancestors)) and bool(
        focused.region.area)


@pytest.mark.parametrize("key", ["1", "2", "3"])
async def test_a_tab_key_shows_the_hidden_sidebar(make_app: AppFactory, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        assert not screen.query_one("#sidebar-slot").display
        await pilot.press(key)
        await pilot.pause()
        assert screen.query_one("#sidebar-slot").display
        tab = {"1": "people", "2": "documents", "3": "notes"}[key]
        assert app.focused is screen.query_one(f"#{tab}-list", OptionList)
        assert _on_screen(app)


async def test_o_shows_the_hidden_outline_and_a_person_is_chosen_in_view(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("o")
        await pilot.pause()
        assert screen.query_one("#outline-pane").display
        assert app.focused is screen.outline and _on_screen(app)
        await pilot.press("t", "left_square_bracket")  # hide it again, then the people
        await pilot.press("1", "down")
        await pilot.pause()
        assert _on_screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.occurrences is not None  # the person shown in the list was chosen


def test_the_tui_on_a_corrupt_notes_file_says_how_to_move_it_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.json"
    db.write_text('{"annotations": {broken')
    assert main(["--db", str(db)]) == 2
    tui = capsys.readouterr().err
    assert main(["notes", "list", "--db", str(db)]) == 2
    headless = capsys.readouterr().err
    assert tui == headless
    assert tui.count("\n") == 1 and tui.startswith(f"reader: {db}: ")
    assert f"nothing was changed. To keep it aside and start a new file: " \
           f"reader notes move-aside --db {db}" in tui
    assert db.read_text() == '{"annotations": {broken'


async def test_help_lists_ctrl_p_once_and_scrolls_with_space_j_k(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = [b.key for _, group in app.screen.groups for b in group
                if getattr(b, "description", "")]
        assert keys.count("ctrl+p") == 1
        body = app.screen.query_one("#help-body", VerticalScroll)
        await pilot.press("space")
        await pilot.pause()
        paged = body.scroll_y
        assert paged > 1
        await pilot.press("j")
        await pilot.pause()
        assert body.scroll_y == paged + 1
        await pilot.press("k", "k")
        await pilot.pause()
        assert body.scroll_y == paged - 1
        await pilot.press("shift+space")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_choosing_a_highlight_says_highlight_and_a_note_says_note(
    make_app: AppFactory, db_path: Path, sample: Article
) -> None:
    store = Store(db_path)
    first = sample.text.index("Overview of the working session")
    later = sample.text.index("Party leaders at the meeting.")
    plain = store.add(new_annotation(sample, first, first + 8))
    noted = store.add(new_annotation(sample, later, later + 13, note="ask about this"))
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        notes = screen.query_one("#notes-list", OptionList)
        for item, expected in ((plain, f"Highlight: {sample.text[first:first + 8]}"),
                               (noted, "Note: ask about this")):
            await pilot.press("3")
            await pilot.pause()
            ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
            notes.highlighted = ids.index(item.id)
            await pilot.press("enter")
            await pilot.pause()
            assert screen.status.message == expected
