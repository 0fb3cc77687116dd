"""Pilot tests of the library: the article table (sorting, filtering by typing, unreadable
files), opening an article and coming back, who's who with posts over time, documents with
their doubt, cross-article n/N, and the notes of every article."""

from __future__ import annotations

import io
import itertools
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from annotations.model import new_annotation
from annotations.store import Store
from articles import load
from articles.indexer import Indexer
from articles.library import LibraryPerson, PostDate, PostHistory
from articles.library_mentions import load_mentions
from reader.app import ReaderApp
from reader.launch import is_library
from reader.render.library import posts_text
from reader.screens import library_screen
from reader.screens.article.screen import ArticleScreen
from reader.screens.library_screen import LibraryScreen
from reader.widgets.article_table import ArticleTable
from reader.widgets.library import entity_pane
from tests.reader.helpers import opened

FIXTURES = Path(__file__).resolve().parent.parent / "articles" / "library_fixtures"
SIZE = (150, 42)


def library_app(db_path: Path) -> ReaderApp:
    return ReaderApp([], Store(db_path), theme="textual-dark",
                     library=Indexer.list_files([FIXTURES]))


async def indexed(pilot: Pilot[None]) -> LibraryScreen:
    """Wait until the whole library is indexed."""
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    for _ in range(400):
        if screen.indexed:
            break
        await pilot.pause(0.02)
    assert screen.indexed and screen.library is not None, "indexing never finished"
    await pilot.pause()
    return screen


def table_titles(screen: LibraryScreen) -> list[str]:
    table = screen.query_one("#articles-table", ArticleTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_table_lists_every_file_and_why_one_cannot_be_read(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        titles = table_titles(screen)
        assert len(titles) == 7
        assert titles[-1].startswith("⚠ 07_unreadable_windows_1252.txt — not readable as UTF-8")
        header = str(screen.query_one("#library-header", Static).render())
        assert "7 articles" in header and "1 unreadable" in header
        # Newest first by default; undated and unreadable last.
        dates = [str(screen.query_one("#articles-table", ArticleTable).get_row_at(i)[1])
                 for i in range(7)]
        assert dates[:5] == sorted(dates[:5], reverse=True)


async def test_sorting_by_column_header_and_keys(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.click("#articles-table", offset=(3, 0))  # the Title heading
        await pilot.pause()
        assert screen.rows.sort.column == "title"
        readable = [t for t in table_titles(screen) if not t.startswith("⚠")]
        assert readable == sorted(readable, key=str.casefold)
        await pilot.press("f7")
        readable_reversed = [t for t in table_titles(screen) if not t.startswith("⚠")]
        assert readable_reversed == readable[::-1]
        await pilot.press("f6")
        assert screen.rows.sort.column == "date"


async def test_typing_filters_and_escape_clears(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash", *"quynh")
        await pilot.pause()
        titles = table_titles(screen)
        assert titles == ["Quynh Luu district reviews the implementation of Party resolutions "
                          "in the third…"] or (len(titles) == 1 and titles[0].startswith("Quynh"))
        await pilot.press("escape")
        await pilot.pause()
        assert len(table_titles(screen)) == 7


async def test_enter_opens_an_article_and_escape_comes_back(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("slash", *"standing committee", "enter")
        await opened(pilot)
        article_screen = app.screen
        assert isinstance(article_screen, ArticleScreen)
        assert article_screen.article.title.startswith("The Standing Committee of Nghe An")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


def plain(renderable: object, width: int = 60) -> str:
    """What a prompt shows, as text, at `width` columns."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_whos_who_shows_each_post_with_its_dates_in_order(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f3")
        await pilot.pause()
        people = screen.query_one("#people-index", OptionList)
        assert app.focused is people
        first = plain(people.get_option_at_index(0).prompt)
        assert first.startswith("Nguyễn Văn Thông  8 in 3 articles")
        details = str(screen.query_one("#person-details", Static).render())
        organization = details.index("Head of the Provincial Party Organization Committee")
        standing = details.index("Standing Deputy Secretary of the Provincial Party Committee")
        assert organization < details.index("2016-11-08") < details.index("2018-06-05") < standing
        assert details.index("2023-04-12") > standing


async def test_n_continues_through_mentions_across_articles_in_date_order(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        assert screen.library is not None
        light = screen.library.person("nguyen van thong")
        assert light is not None and light.mentions == () and light.mention_count == 8
        person = load_mentions(light, screen.indexer.cache.mentions_of)
        assert isinstance(person, type(light)) and len(person.mentions) == 8
        await pilot.press("f3", "enter", "enter")  # the first person, then the first mention
        await opened(pilot)
        visited = []
        for step in range(9):
            current = app.screen
            assert isinstance(current, ArticleScreen)
            for _ in range(50):
                if current.walk is not None and current.status.message.startswith(
                        f"Nguyễn Văn Thông {step % 8 + 1}/8"):
                    break
                await pilot.pause(0.02)
            assert current.walk is not None
            mention = person.mentions[step % 8]
            assert current.article.path == mention.path
            assert current.view.cursor == (mention.start, mention.end)
            visited.append(mention.path.name)
            if step < 8:
                await pilot.press("n")
                await pilot.pause()
        assert visited[0] == visited[8]  # wrapped around to the first mention
        order = list(dict.fromkeys(visited))
        assert order == ["05_2016_district_resolution_before_2022.txt",
                         "01_2018_organization_committee_cadre_work.txt",
                         "02_2023_standing_committee_party_committees.txt"]
        await pilot.press("N")
        for _ in range(100):
            last = app.screen
            if isinstance(last, ArticleScreen) and last.status.message.startswith(
                    "Nguyễn Văn Thông 8/8"):
                break
            await pilot.pause(0.02)
        assert isinstance(last, ArticleScreen)
        assert last.status.message == "Nguyễn Văn Thông 8/8 · article 3 of 3"
        assert last.article.path == person.mentions[-1].path
        await pilot.press("escape")  # one key back to the library the walk started from
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_documents_tell_two_resolutions_apart_and_show_the_doubt(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f4")
        await pilot.pause()
        docs = screen.query_one("#documents-index", OptionList)
        prompts = [str(docs.get_option_at_index(i).prompt) for i in range(docs.option_count)]
        resolutions = [p for p in prompts if p.startswith("26-NQ/TW")]
        assert len(resolutions) == 3
        assert any("2013-07-30" in p for p in resolutions)
        assert any("2022-11-03" in p for p in resolutions)
        assert any("? which one" in p for p in resolutions)
        directive = next(p for p in prompts if p.startswith("05-CT/TW"))
        assert "3 articles" in directive
        docs.highlighted = prompts.index(next(p for p in resolutions if "? which one" in p))
        await pilot.pause()
        details = str(screen.query_one("#document-details", Static).render())
        assert "2 documents share this code" in details


async def test_the_notes_of_every_article_and_opening_one(db_path: Path) -> None:
    first = load(FIXTURES / "02_2023_standing_committee_party_committees.txt")
    second = load(FIXTURES / "03_2022_north_central_region_resolution.txt")
    store = Store(db_path)
    for article, note in ((first, "about the office"), (second, "about the region")):
        start = article.text.index("(Baonghean")
        store.add(new_annotation(article, start, start + 20, note=note))
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        titles = {t.split("…")[0]: t for t in table_titles(screen)}
        assert len(titles) == 7
        await pilot.press("f5")
        await pilot.pause()
        notes = screen.query_one("#all-notes", OptionList)
        shown = " ".join(str(notes.get_option_at_index(i).prompt)
                         for i in range(notes.option_count))
        assert "about the office" in shown and "about the region" in shown
        ids = [notes.get_option_at_index(i).id for i in range(notes.option_count)]
        notes.highlighted = next(i for i, option_id in enumerate(ids) if option_id)
        await pilot.press("enter")
        await opened(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert len(app.screen.anchored) == 1


def test_a_directory_or_several_files_open_the_library(tmp_path: Path) -> None:
    one = tmp_path / "a.txt"
    one.write_text("Title\n\nText.\n", encoding="utf-8")
    assert not is_library([str(one)])
    assert is_library([str(tmp_path)])
    assert is_library([str(one), str(one)])


async def test_rows_are_added_in_place_while_indexing_never_refilled(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_screen, "SCAN_CHUNK", 2)
    seen: list[tuple[int, int, list[str], str | None]] = []
    real_arrived, real_indexed = LibraryScreen._rows_arrived, LibraryScreen._entries_indexed

    def log(screen: LibraryScreen) -> None:
        table = screen.articles_pane
        seen.append((table.row_count, table.replaced, list(table.keys), table.cursor_key))

    def rows_arrived(self: LibraryScreen, *args: object) -> None:
        real_arrived(self, *args)  # type: ignore[arg-type]
        log(self)

    def entries_indexed(self: LibraryScreen, *args: object) -> None:
        real_indexed(self, *args)  # type: ignore[arg-type]
        log(self)

    monkeypatch.setattr(LibraryScreen, "_rows_arrived", rows_arrived)
    monkeypatch.setattr(LibraryScreen, "_entries_indexed", entries_indexed)
    monkeypatch.setattr(library_screen, "BATCH_SECONDS", 0.0)  # hand over every entry
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        counts = [count for count, *_ in seen]
        assert counts == sorted(counts) and counts[-1] == 7
        assert len(set(counts)) >= 3  # grew batch by batch (2 files at a time)
        assert {replaced for _, replaced, *_ in seen} == {1}  # only the first, empty fill
        for (_, _, before, _), (_, _, after, _) in itertools.pairwise(seen):
            assert set(before) <= set(after)  # no row ever taken away and put back
        assert not any(s.pending for s in screen.summaries.values())
        cursor_keys = [cursor for *_, cursor in seen if cursor is not None]
        assert cursor_keys  # the cursor moves with its row as others come in front of it


async def test_the_first_paint_reads_only_the_first_page_of_the_index(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        first = table_titles(await indexed(pilot))
    monkeypatch.setattr(library_screen, "FIRST_PAGE", 3)
    monkeypatch.setattr(LibraryScreen, "_index", lambda self, keys: None)
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        assert table_titles(screen) == first[:3]  # the newest three, straight from the index
        assert len(screen.summaries) == 3


async def test_a_long_list_of_mentions_is_cut_but_the_walk_goes_through_all(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entity_pane, "MENTION_ROWS", 3)
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f3")
        await pilot.pause()
        mentions = screen.query_one("#person-mentions", OptionList)
        assert mentions.option_count == 4
        assert str(mentions.get_option_at_index(3).prompt).startswith("… and 5 more")
        walk = screen.query_one("#people-pane", entity_pane.EntityPane).walk(0, 0)
        assert len(walk.mentions) == 8


def test_a_post_given_by_many_articles_lists_the_first_and_last() -> None:
    dates = tuple(PostDate(date(2000 + n // 12, n % 12 + 1, 1), Path(f"a{n:02d}.txt"))
                  for n in range(30))
    person = LibraryPerson("x", "Someone", (PostHistory("Chairman", dates),), (), (), 30)
    text = str(posts_text(person))
    assert "a00.txt" in text and "a05.txt" in text and "a06.txt" not in text
    assert "… 18 more articles …" in text and "a24.txt" in text and "a29.txt" in text
    assert text.index("a05.txt") < text.index("18 more") < text.index("a24.txt")


async def test_q_quits_from_the_library_and_slash_filters(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await indexed(pilot)
        await pilot.press("x")  # a letter is a key, not the start of a filter
        assert screen.filter_text == ""
        await pilot.press("slash", *"quynh")
        await pilot.pause()
        assert screen.filter_text == "quynh"  # q typed into the focused field
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert screen.filter_text == ""
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_q_quits_from_an_article_opened_in_the_library_and_from_help(
        db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await indexed(pilot)
        await pilot.press("slash", *"standing committee", "enter")
        await opened(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_at_80_columns_the_title_gets_most_of_the_table(db_path: Path) -> None:
    app = library_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await indexed(pilot)
        table = screen.query_one("#articles-table", ArticleTable)
        widths = table._widths(table.size.width)
        assert widths[0] >= 30, widths
        assert widths[0] > 2 * max(widths[1:]), widths
        title = str(table.get_row_at(0)[0])
        shown = table.render_line(1).text
        assert shown.startswith(title[:28]), (shown, title)


def test_a_long_post_and_a_long_title_wrap_under_themselves() -> None:
    from datetime import datetime
    from types import SimpleNamespace
    from typing import Any

    from reader.render.library import mention_prompt, person_prompt

    post = PostHistory("Standing Deputy Secretary of the Provincial Party Committee and "
                       "Chairman of the Provincial People's Council",
                       (PostDate(date(2016, 11, 8), Path("a.txt")),
                        PostDate(date(2023, 4, 12), Path("b.txt"))))
    person = LibraryPerson("x", "Nguyen Van Thong", (post,), (), (), 8)
    lines = plain(person_prompt(person), 60).splitlines()
    assert lines[0].startswith("Nguyen Van Thong")
    assert all(line.startswith("  ") for line in lines[1:] if line.strip()), lines
    assert "2016-11-08–2023-04-12" in "".join(lines)
    narrow = plain(person_prompt(person), 30)  # the who's who list at 80 columns
    assert "Standing Deputy" in narrow and "2016-11-08–2023-04-12" in narrow
    posts = narrow.split("articles", 1)[1].splitlines()  # after the name line, however cut
    assert all(line.startswith("  ") for line in posts if line.strip()), posts
    mention: Any = SimpleNamespace(  # what mention_prompt reads of a LibraryMention
        path=Path("long.txt"), date=datetime(2024, 3, 3),
        title="The Provincial Party Committee reviews the implementation of the resolution "
              "on the development of the north central region",
        context="Mr. Thong asked the departments to finish the plan.", context_start=4,
        context_end=9, kind="name")
    lines = plain(mention_prompt(mention), 50).splitlines()
    assert lines[0].startswith("2024-03-03  The Provincial")
    assert all(line.startswith(" " * 12) for line in lines[1:] if line.strip()), lines
