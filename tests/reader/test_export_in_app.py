"""Exporting this article's notes from the palette: Markdown, JSON or W3C into the file named
in the dialog, "Exported N notes to PATH" only once written; the notes file itself is refused
(nothing written over it); escape exports nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from annotations.model import new_annotation
from annotations.store import Store
from articles import Article
from reader.app import ReaderApp
from reader.dialogs.export_dialog import ExportDialog
from tests.reader.helpers import opened, screen_of, settle

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


def two_notes(db_path: Path, sample: Article) -> None:
    store = Store(db_path)
    for phrase, note in (("On the afternoon of April 12", "# Not a heading"),
                         ("Resolution No. 26-NQ/TW", "")):
        start = sample.text.index(phrase)
        store.add(new_annotation(sample, start, start + len(phrase), note=note))


async def export_via_palette(pilot, name: str, target: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*f"Export notes as {name}")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one(Input).value = str(target)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("name", ["Markdown", "JSON", "W3C"])
async def test_export_from_the_palette_says_so_once_written(
        make_app: AppFactory, db_path: Path, sample: Article, tmp_path: Path, name: str) -> None:
    two_notes(db_path, sample)
    target = tmp_path / "out" / "notes.export"
    target.parent.mkdir()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await export_via_palette(pilot, name, target)
        screen = screen_of(app)
        assert screen.status.message == f"Exported 2 notes to {target}"
    text = target.read_text(encoding="utf-8")
    if name == "Markdown":
        assert "\\# Not a heading" in text
    else:
        data = json.loads(text)
        assert data
    assert oct(target.stat().st_mode & 0o777) == "0o600"


async def test_the_notes_file_is_refused_and_left_alone(
        make_app: AppFactory, db_path: Path, sample: Article) -> None:
    two_notes(db_path, sample)
    before = Store(db_path).all()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await export_via_palette(pilot, "JSON", db_path)
        message = screen_of(app).status.message
        assert message.startswith("Not exported: ") and "notes file" in message
    assert Store(db_path).all() == before  # still the notes file, not an export over it


async def test_escape_exports_nothing(make_app: AppFactory, db_path: Path, sample: Article,
                                      tmp_path: Path) -> None:
    two_notes(db_path, sample)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export notes as Markdown")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_of(app).status.message == "Not exported"


@pytest.mark.parametrize("answer", ["keep", "replace"])
async def test_an_existing_file_is_replaced_only_when_the_user_says_so(
        make_app: AppFactory, db_path: Path, sample: Article, tmp_path: Path,
        answer: str) -> None:
    from reader.dialogs.choice import ChoiceDialog

    two_notes(db_path, sample)
    target = tmp_path / "mine.md"
    target.write_text("my own file")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await export_via_palette(pilot, "Markdown", target)
        assert isinstance(app.screen, ChoiceDialog)
        assert target.read_text() == "my own file"  # nothing written while asking
        if answer == "keep":
            await pilot.press("escape")
        else:
            await pilot.press("down", "enter")
        await settle(pilot)
        message = screen_of(app).status.message
    if answer == "keep":
        assert message == "Not exported (the file was kept)"
        assert target.read_text() == "my own file"
    else:
        assert message == f"Exported 2 notes to {target}"
        assert "\\# Not a heading" in target.read_text()


async def test_the_article_itself_is_refused_and_left_alone(
        make_app: AppFactory, db_path: Path, sample: Article) -> None:
    two_notes(db_path, sample)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        article = screen_of(app).article
        assert article.path is not None
        before = Path(article.path).read_bytes()
        await export_via_palette(pilot, "Markdown", Path(article.path))
        message = screen_of(app).status.message
        assert message.startswith("Not exported: ") and "an article the notes are on" in message
    assert Path(article.path).read_bytes() == before


async def test_the_export_dialog_is_centred_like_the_other_dialogs(
        make_app: AppFactory, db_path: Path, sample: Article) -> None:
    from textual.containers import Vertical

    two_notes(db_path, sample)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export notes as JSON")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one(Vertical).region
        assert abs(box.x - (SIZE[0] - box.right)) <= 1  # as far from the left as the right
        assert box.y > 0
