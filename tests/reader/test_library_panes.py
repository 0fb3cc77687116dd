"""Pilot tests of the library's panes: each one (the article table, who's who, the documents,
the notes, the text search) posts `OpenArticle` when the reader picks something, and the
screen opens that article where the pick is: the file at its reading position, a mention or a
hit under the cursor, a note's passage on screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList

from annotations.model import new_annotation
from annotations.store import Store
from articles import load
from reader.screens.article.screen import ArticleScreen
from reader.screens.library_screen import LibraryScreen
from reader.widgets.library.open_article import OpenArticle
from tests.reader.helpers import on_screen, opened, screen_of
from tests.reader.test_library_screen import FIXTURES, indexed, library_app
from tests.reader.test_library_text_search import hits_listed

SIZE = (150, 42)


@pytest.fixture
def posted(monkeypatch: pytest.MonkeyPatch) -> list[OpenArticle]:
    """Every `OpenArticle` the library screen is handed (then handled as usual)."""
    seen: list[OpenArticle] = []
    real = LibraryScreen.on_open_article

    def on_open_article(self: LibraryScreen, message: OpenArticle) -> None:
        seen.append(message)
        real(self, message)

    monkeypatch.setattr(LibraryScreen, "on_open_article", on_open_article)
    return seen


def same(a: Path | str | None, b: Path | str | None) -> bool:
    return a is not None and b is not None and Path(a).resolve() == Path(b).resolve()


async def test_the_article_table_opens_the_row_under_the_cursor(
        db_path: Path, posted: list[OpenArticle]) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("down")  # not the first row: the one under the cursor
        key = screen.articles_pane.cursor_key
        assert key is not None
        await pilot.press("enter")
        await opened(pilot)
        [message] = posted
        assert message.path == Path(key) and message.at is None and message.walk is None
        assert same(screen_of(app).article.path, key)


async def test_an_unreadable_row_says_why_and_posts_nothing(
        db_path: Path, posted: list[OpenArticle]) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("end", "enter")  # the unreadable file is last
        await pilot.pause()
        assert posted == []
        assert app.screen is screen
        assert any("not readable as UTF-8" in n.message for n in app._notifications)


@pytest.mark.parametrize(("key", "kind"), [("f3", "person"), ("f4", "document")])
async def test_a_mention_in_whos_who_or_the_documents_opens_at_that_mention(
        db_path: Path, posted: list[OpenArticle], key: str, kind: str) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot)
        await pilot.press(key, "enter", "down", "enter")  # the first entry, its 2nd mention
        await opened(pilot)
        [message] = posted
        walk = message.walk
        assert walk is not None and walk.kind == kind and walk.index == 1
        mention = walk.current
        assert message.path == mention.path
        article_screen = screen_of(app)
        assert same(article_screen.article.path, mention.path)
        for _ in range(100):
            if article_screen.view.cursor == (mention.start, mention.end):
                break
            await pilot.pause(0.02)
        assert article_screen.view.cursor == (mention.start, mention.end)
        assert on_screen(article_screen.view, mention.start)


async def test_a_note_opens_its_article_at_its_passage(
        db_path: Path, posted: list[OpenArticle]) -> None:
    article = load(FIXTURES / "03_2022_north_central_region_resolution.txt")
    start = len(article.text) * 2 // 3  # far down: the passage must be scrolled to
    start = article.text.index(" ", start) + 1
    note = new_annotation(article, start, start + 12, note="a passage far down")
    Store(db_path).add(note)
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f5")
        await pilot.pause()
        notes = screen.query_one("#all-notes", OptionList)
        assert app.focused is notes
        assert notes.highlighted == 1  # the first note, not its article's title above it
        await pilot.press("enter")
        await opened(pilot)
        [message] = posted
        assert message.at == start and message.walk is None
        assert same(message.path, article.path)
        view = screen_of(app).view
        assert on_screen(view, start)
        assert view.cursor is not None and view.cursor[0] <= start < view.cursor[1]


async def test_a_text_search_hit_opens_at_the_hit(
        db_path: Path, posted: list[OpenArticle]) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f8", "slash", *"provincial party committee", "enter")
        await hits_listed(pilot, screen)
        hits = screen.search_pane.hits
        assert hits and len(hits) > 2
        await pilot.press("down", "enter")  # the second hit
        await opened(pilot)
        [message] = posted
        walk = message.walk
        assert walk is not None and walk.kind == "search" and len(walk.mentions) == len(hits)
        second = hits[walk.index]
        assert (walk.current.start, walk.current.end) == (second.start, second.end)
        view = screen_of(app).view
        assert same(screen_of(app).article.path, second.article.path)
        assert view.cursor == (second.start, second.end) and on_screen(view, second.start)


async def test_the_screen_routes_a_pane_s_message_whatever_the_pane(db_path: Path) -> None:
    """An `OpenArticle` from any widget of the screen opens the article, at `at`."""
    app = library_app(db_path)
    path = FIXTURES / "02_2023_standing_committee_party_committees.txt"
    text = load(path).text
    at = text.index("Committee", len(text) // 2)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        screen.people_pane.post_message(OpenArticle(path, at=at))
        await opened(pilot)
        article_screen = app.screen
        assert isinstance(article_screen, ArticleScreen)
        assert on_screen(article_screen.view, at)


@pytest.mark.parametrize("view", ["f2", "f3", "f4", "f5"])
async def test_keys_typed_at_once_after_slash_go_into_the_filter_in_every_view(
        db_path: Path, view: str) -> None:
    # As tmux or a fast typist sends them: every key queued before the focus has moved, so
    # without the typeahead the q reaches the list and quits the app.
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press(view)
        await pilot.pause()
        for key, character in [("slash", "/"), ("q", "q"), ("u", "u"), ("y", "y"),
                               ("x", "x"), ("backspace", None), ("n", "n"), ("h", "h")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running
        assert screen.filter_text == "quynh"
        assert app.focused is screen.query_one("#library-filter", Input)
        # Back in the list, and again: the keys after / replace what the filter held.
        await pilot.press("tab")
        await pilot.pause()
        assert screen.filter_text == "quynh" and not screen.query_one("#library-filter").has_focus
        for key, character in [("slash", "/"), ("v", "v"), ("o", "o")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert screen.filter_text == "vo"
