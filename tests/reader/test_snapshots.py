"""SVG snapshots of the main screens, at a pinned size, theme and private database. Textual is
pinned to one exact version in pyproject.toml: update the pin and these snapshots together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from annotations.model import new_annotation
from annotations.store import Store
from articles import Article
from reader.app import ReaderApp
from tests.reader.helpers import opened, screen_of

pytestmark = pytest.mark.usefixtures("messages_stay")

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)
FIXED = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def test_main_screen(snap_compare: Callable[..., bool], make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=opened)


def test_a_chosen_person(snap_compare: Callable[..., bool], make_app: AppFactory) -> None:
    async def choose(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("1", "down", "enter", "n", "n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=choose)


def test_the_note_editor(snap_compare: Callable[..., bool], make_app: AppFactory) -> None:
    async def open_editor(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("right", "right", "a")
        await pilot.pause()
        area = pilot.app.screen.query_one("#note-text", TextArea)
        area.cursor_blink = False
        await pilot.press(*"Ask the Office for the Q2 plan")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_editor)


def test_the_notes_tab(snap_compare: Callable[..., bool], make_app: AppFactory,
                       db_path: Path, sample: Article) -> None:
    store = Store(db_path)
    added = []
    for phrase, color, note in (
        ("Overview of the working session", "green", ""),
        ("Resolution No. 26-NQ/TW", "blue", "The 2013 resolution on Nghe An"),
        ("Conclusion No. 48-KL/TW", "pink", "Recruitment freeze until the merger is approved"),
    ):
        start = sample.text.index(phrase)
        added.append(store.add(new_annotation(
            sample, start, start + len(phrase), color=color, note=note,
            tags=("merger",) if color == "pink" else (), now=FIXED)))

    async def show_notes(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("3")
        await pilot.pause()
        screen_of(pilot.app).jump_to_annotation(added[1].id)  # type: ignore[arg-type]
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=show_notes)


def test_main_screen_at_80x24(snap_compare: Callable[..., bool], make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=opened)


def test_help_at_80x24(snap_compare: Callable[..., bool], make_app: AppFactory) -> None:
    async def show_help(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=show_help)


def test_a_light_theme(snap_compare: Callable[..., bool], make_app: AppFactory,
                       db_path: Path, sample: Article) -> None:
    store = Store(db_path)
    phrase = "Resolution No. 26-NQ/TW"
    start = sample.text.index(phrase)
    store.add(new_annotation(sample, start, start + len(phrase), color="yellow", note="x",
                             now=FIXED))

    async def choose(pilot: Pilot[None]) -> None:
        await opened(pilot)
        await pilot.press("1", "down", "enter", "n")
        await pilot.pause()

    assert snap_compare(make_app(theme="textual-light"), terminal_size=SIZE, run_before=choose)
