"""Narrow terminals: the panels collapse so the text keeps its width, `[`, `]` and `z` show
and hide them at any width, no word is cut under the scrollbar, help and footer fit."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Footer, Label

from reader.app import ReaderApp
from reader.dialogs.note_editor import NoteEditor
from reader.screens.panels import Panels
from tests.reader.helpers import opened, screen_of, visible_lines

AppFactory = Callable[..., ReaderApp]


def panes(app: ReaderApp) -> tuple[bool, bool]:
    screen = screen_of(app)
    return (screen.query_one("#outline-pane").display,
            screen.query_one("#sidebar-slot").display)


def test_panels_collapse_outline_first() -> None:
    assert Panels().shown(160) == (True, True)
    assert Panels().shown(110) == (False, True)
    assert Panels().shown(80) == (False, False)
    assert Panels(outline=True).shown(80) == (True, False)
    assert Panels(sidebar=False).shown(110) == (True, False)


def test_a_chosen_panel_keeps_the_text_readable() -> None:
    assert Panels(True, True).shown(80) == (False, True)
    assert Panels(True, True).shown(110) == (True, True)
    assert Panels(sidebar=True).shown(57) == (False, False)
    assert Panels(sidebar=True).toggled_outline(80) == Panels(True, False)
    assert Panels(outline=True).toggled_sidebar(80) == Panels(False, True)
    assert Panels().toggled_outline(110).shown(110) == (True, True)


async def test_forcing_both_panels_at_80x24_keeps_the_text_readable(
        make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        for keys, shown, hidden in ((("left_square_bracket", "right_square_bracket"),
                                     (False, True), "outline"),
                                    (("right_square_bracket", "left_square_bracket"),
                                     (True, False), "sidebar")):
            screen.panels = Panels()
            screen.apply_panels()
            await pilot.press(*keys)
            await pilot.pause()
            assert panes(app) == shown
            assert f"{hidden} hidden to keep the text readable" in screen.status.message
            assert screen.view.text_width >= 30
            assert screen.view.line_layout.width == screen.view.text_width


async def test_80x24_gives_the_text_55_columns(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        assert panes(app) == (False, False)
        assert view.text_width >= 55
        assert view.line_layout.width == view.text_width


async def test_no_word_is_cut_under_the_scrollbar(make_app: AppFactory) -> None:
    for size in ((80, 24), (100, 30), (131, 30), (57, 20)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await opened(pilot)
            view = screen_of(app).view
            room = view.scrollable_content_region.width
            lay = view.line_layout
            longest = max(e - s for s, e in zip(lay.starts, lay.ends, strict=True))
            assert longest + 2 <= room, (size, longest, room)
            for line in visible_lines(view):
                assert len(line) <= room


async def test_brackets_and_z_toggle_the_panels(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right_square_bracket")
        assert panes(app) == (False, True)
        await pilot.press("left_square_bracket")  # both would leave the text 5 columns
        assert panes(app) == (True, False)
        await pilot.press("z")
        assert panes(app) == (False, False)
        assert "Reading mode" in screen.status.message
        await pilot.press("z")
        assert panes(app) == (True, False)
        await pilot.press("right_square_bracket")
        assert panes(app) == (False, True)
        await pilot.press("3")  # into the sidebar's notes list, then hide the sidebar
        await pilot.press("right_square_bracket")
        assert panes(app) == (False, False)
        assert app.focused is screen.view


async def test_wide_terminal_shows_both_and_brackets_hide(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await opened(pilot)
        assert panes(app) == (True, True)
        await pilot.press("left_square_bracket")
        assert panes(app) == (False, True)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert panes(app) == (False, False)
        assert screen_of(app).view.text_width >= 55


async def test_help_fits_and_scrolls_at_80x24(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body", VerticalScroll)
        region = body.region
        assert region.x >= 0 and region.right <= 80 and region.bottom <= 24
        assert body.max_scroll_y > 0
        await pilot.press("down", "down", "pagedown")
        assert body.scroll_y > 0


async def test_footer_hints_fit_at_80_columns(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        footer = app.screen.query_one(Footer)
        keys = [child for child in footer.query("FooterKey") if child.display]
        assert keys
        assert all(key.region.right <= 80 for key in keys)
        assert sum(key.region.width for key in keys) <= 80


async def test_the_note_editor_fits_80x24(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("right", "right", "a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        dialog = editor.query_one("#note-editor").region
        assert Region(0, 0, 80, 24).contains_region(dialog), dialog
        inside = editor.query_one("#note-editor").content_region
        for part in ("#note-help", "#note-text", "#note-tags", "#note-color"):
            region = editor.query_one(part).region
            assert region.area and inside.contains_region(region), (part, region, inside)
        help_line = editor.query_one("#note-help", Label)
        assert "ctrl+s save" in str(help_line.render())
