"""Issue 9, items 5 and 6: hostile titles (over 4,096 characters, control characters) open in
the app, from the library and in `notes add`, stored shortened and cleaned; markup in file
names, quotes, tags and keys of the notes file is shown as text in toasts, lists and the
palette, never read as markup."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from annotations.model import MAX_REF_CHARS, new_annotation
from annotations.store import Store
from articles import load, sample_path
from reader.app import ReaderApp
from reader.screens.article.screen import ArticleScreen
from reader.screens.library_screen import LibraryScreen
from reader.widgets.article_table import ArticleTable
from tests.reader.helpers import opened, screen_of, settle
from tests.reader.test_library_screen import indexed

SIZE = (140, 40)
REPO = Path(__file__).resolve().parents[2]
LONG_TITLE = "Provincial council " * 300  # 5,700 characters on the first line
ODD_TITLE = "Evil \x1b]0;PWNED\x07 title\x01 with \x9b controls"


def body() -> str:
    return sample_path().read_text(encoding="utf-8").split("\n", 1)[1]


def hostile_article(tmp_path: Path, name: str, title: str) -> Path:
    path = tmp_path / "articles" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(title + "\n" + body(), encoding="utf-8")
    return path


@pytest.mark.parametrize("title", [LONG_TITLE, ODD_TITLE], ids=["long", "controls"])
async def test_an_article_with_a_hostile_title_opens_and_takes_notes(
    tmp_path: Path, db_path: Path, title: str
) -> None:
    article = load(hostile_article(tmp_path, "a.txt", title))
    if article.title != title:  # the layout parser may refuse it; a web page's <h1> may not
        article = replace(article, title=title)
    app = ReaderApp([article], Store(db_path), theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("right", "h")
        await settle(pilot)
        assert screen_of(app).status.message == "Highlighted"
    (stored,) = Store(db_path).all()
    assert len(stored.article.title) <= MAX_REF_CHARS
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in stored.article.title)
    if title is LONG_TITLE:
        assert stored.article.title.endswith("…")
        assert stored.article.title[:-1] == title[: MAX_REF_CHARS - 1]
    else:
        assert stored.article.title.startswith("Evil ␛]0;PWNED␇ title␁")
    # Found again for the same article, after a restart.
    assert [a.id for a in Store(db_path).for_article(article)] == [stored.id]


async def test_the_library_opens_articles_with_hostile_titles(
    tmp_path: Path, db_path: Path
) -> None:
    files = [hostile_article(tmp_path, "long.txt", LONG_TITLE),
             hostile_article(tmp_path, "odd.txt", ODD_TITLE)]
    app = ReaderApp([], Store(db_path), theme="textual-dark", library=files)
    async with app.run_test(size=SIZE) as pilot:
        library = await indexed(pilot)
        for row in range(2):
            table = library.query_one("#articles-table", ArticleTable)
            table.move_cursor(row=row)
            table.focus()
            await pilot.press("enter")
            await opened(pilot)
            await pilot.press("right", "h")
            await settle(pilot)
            assert screen_of(app).status.message == "Highlighted"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
    assert len(Store(db_path).all()) == 2


@pytest.mark.parametrize("title", [LONG_TITLE, ODD_TITLE], ids=["long", "controls"])
def test_notes_add_takes_an_article_with_a_hostile_title(tmp_path: Path, title: str) -> None:
    path = hostile_article(tmp_path, "a.txt", title)
    db = tmp_path / "db.json"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "reader", "notes", "add", str(path), "--quote",
                           "comprehensively lead", "--db", str(db)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    (stored,) = Store(db).all()
    assert done.stdout.strip() == stored.id
    assert len(stored.article.title) <= MAX_REF_CHARS


# --- markup from file names and stored data --------------------------------------------------


def unreadable(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "lib" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"Caf\xe9 council\n\nNot UTF-8 at all: \xff\xfe\n")
    return path


def toasts(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


async def rendered_toasts(pilot: Pilot[None]) -> list[str]:
    """The toasts on screen as the user reads them (once they are mounted)."""
    for _ in range(100):
        shown = [str(toast.render()) for toast in pilot.app.screen.query("Toast")]
        if shown:
            return shown
        await pilot.pause(0.01)
    return []


@pytest.mark.parametrize("name", ["zzz [@click=1+]crash.txt", "[reverse]styled.txt",
                                  "esc \x1b]0;PWNED\x07.txt"])
async def test_an_unreadable_file_is_named_literally_in_the_toast(
    tmp_path: Path, db_path: Path, name: str
) -> None:
    files = [unreadable(tmp_path, name), hostile_article(tmp_path, "fine.txt", "Fine")]
    app = ReaderApp([], Store(db_path), theme="textual-dark", library=files)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        library = await indexed(pilot)
        table = library.query_one("#articles-table", ArticleTable)
        row = next(i for i in range(table.row_count)
                   if str(table.get_row_at(i)[0]).startswith("⚠"))
        table.move_cursor(row=row)
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        shown = name.replace("\x1b", "␛").replace("\x07", "␇")
        assert any(shown in message for message in toasts(app)), toasts(app)
        assert not any("\x1b" in message for message in toasts(app))
        rendered = await rendered_toasts(pilot)
        assert any(shown in text for text in rendered), rendered
        # The same unreadable file opened directly (as a walk across the library does).
        assert app.session.load(files[0]) is None
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_markup_in_a_quote_and_a_tag_is_shown_as_text_in_the_palette_and_lists(
    tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "markup.txt"
    path.write_text("A title\n\nThe council met. [@click=1+] and [b]bold[/b] [/x] stayed.\n",
                    encoding="utf-8")
    article = load(path)
    start = article.text.index("[@click=1+]")
    Store(db_path).add(new_annotation(article, start, start + 11, note="[/nope] [@click=x]",
                                      tags=["[/nope]", "[reverse]"]))
    app = ReaderApp([article], Store(db_path), theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        notes = screen_of(app).query_one("#notes-list", OptionList)
        flat = " | ".join(str(notes.get_option_at_index(i).prompt)
                          for i in range(notes.option_count))
        assert "[@click=1+]" in flat and "#[/nope] #[reverse]" in flat
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert any("[/nope] [@click=x]" in p and "[@click=1+]" in p for p in prompts), prompts
        await pilot.press(*"click")
        await pilot.pause(0.3)
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert any("[@click=1+]" in p for p in prompts), prompts
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)


async def test_a_hand_edited_notes_file_with_a_markup_key_is_reported_as_text(
    db_path: Path, make_app: type[ReaderApp]
) -> None:
    article = load(sample_path())
    Store(db_path).add(new_annotation(article, 0, 5, tags=["[/nope]"]))
    data = json.loads(db_path.read_text(encoding="utf-8"))
    record = next(iter(data["annotations"].values()))
    record["[/nope]"] = "\x1b]0;PWNED\x07"
    db_path.write_text(json.dumps(data), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await opened(pilot)
        await pilot.pause()
        messages = toasts(app)
        assert any("[/nope]" in m for m in messages), messages
        assert not any("\x1b" in m for m in messages)
        rendered = await rendered_toasts(pilot)
        assert any("[/nope]" in text for text in rendered), rendered
