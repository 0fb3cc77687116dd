"""The library's command palette offers its people, documents, articles and notes (diacritics
ignored): a person is shown in who's who, an article opens, a note opens at its passage."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from annotations.model import new_annotation
from annotations.store import Store
from articles import load
from reader.screens.article.screen import ArticleScreen
from reader.widgets.library.entity_pane import EntityPane
from tests.reader.helpers import opened
from tests.reader.test_library_screen import FIXTURES, indexed, library_app

SIZE = (150, 42)


async def palette(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_person_from_the_palette_is_shown_in_who_s_who(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await palette(pilot, "Person: nguyen van thong")
        assert screen.query_one("#library-tabs").active == "people"
        index = screen.query_one("#people-index", OptionList)
        assert index.highlighted is not None
        pane = screen.query_one("#people-pane", EntityPane)
        assert pane.entries[index.highlighted].key.startswith("nguyen van thong")


async def test_an_article_and_a_note_from_the_palette_open(db_path: Path) -> None:
    article = load(FIXTURES / "03_2022_north_central_region_resolution.txt")
    start = article.text.index("(Baonghean")
    Store(db_path).add(new_annotation(article, start, start + 20, note="region memo"))
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot)
        await palette(pilot, "Note: region memo")
        await opened(pilot)
        opened_screen = app.screen
        assert isinstance(opened_screen, ArticleScreen)
        assert opened_screen.article.id == article.id
        assert opened_screen.view.cursor is not None
        await pilot.press("escape")
        await pilot.pause()
        await palette(pilot, "Article: dien chau district speeds")
        await opened(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert "Dien Chau" in (app.screen.article.title or "")


async def test_a_note_added_elsewhere_shows_in_the_library_notes(db_path: Path) -> None:
    """A second running copy (here: another Store on the same file) adds a note: the library's
    Notes view shows it without a restart (the store is watched)."""
    article = load(FIXTURES / "02_2023_standing_committee_party_committees.txt")
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f5")
        await pilot.pause()
        start = article.text.index("(Baonghean")
        Store(db_path).add(new_annotation(article, start, start + 20, note="added elsewhere"))
        notes = screen.query_one("#all-notes", OptionList)
        for _ in range(200):
            shown = " ".join(str(notes.get_option_at_index(i).prompt)
                             for i in range(notes.option_count))
            if "added elsewhere" in shown:
                break
            await pilot.pause(0.05)
        assert "added elsewhere" in shown
