"""Pilot tests: opening an article, the sidebar, choosing people and documents, n/N, clicks,
search, the outline, the palette, help, themes, resizing and safe display of hostile text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.widgets import Input, OptionList, TabbedContent

from articles import Article, load, parse
from reader.app import ReaderApp
from reader.widgets.article_view import ArticleView
from reader.widgets.header import ArticleHeader
from tests.reader.helpers import find_on_screen, on_screen, opened, screen_of, settle, visible_lines

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


async def test_opens_the_sample_with_header_outline_text_and_sidebar(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        screen = screen_of(app)
        header = str(screen.query_one(ArticleHeader).render())
        assert "The Standing Committee of Nghe An Provincial Party Committee" in header
        assert "Thanh Duy · April 12, 2023 17:14 · Baonghean.vn" in header
        outline = screen.query_one("#outline", OptionList)
        assert outline.option_count == 3
        tabs = screen.query_one(TabbedContent)
        labels = [str(tabs.get_tab(t).label) for t in ("people", "documents", "notes")]
        assert labels == ["People 8", "Documents 4", "Notes 0"]
        assert screen.query_one("#people-list", OptionList).option_count == 8
        assert screen.query_one("#documents-list", OptionList).option_count == 4
        lines = visible_lines(screen.view)
        assert any("(Baonghean.vn) - On the afternoon of April 12" in line for line in lines)
        assert app.focused is screen.view


async def test_opened_as_the_command_line_does_it_finds_people_after_the_first_paint(
    db_path: Path, tmp_path: Path, sample: Article
) -> None:
    """`reader` opens an article for its layout (or from the article cache): the text first,
    then its people and documents, found in the background and kept for the next time."""
    from annotations.store import Store
    from articles.cache.article_cache import ArticleCache
    from articles.sources.opening import load_cached

    cache = ArticleCache(tmp_path / "article-cache")
    layout_only = load_cached(sample.path or Path(), cache, entities=False)
    assert not layout_only.entities_found and not layout_only.people
    app = ReaderApp([layout_only], Store(db_path), theme="textual-dark", article_cache=cache)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        assert screen.article.people == sample.people
        assert screen.query_one("#people-list", OptionList).option_count == 8
        screen.choose_person(next(i for i, p in enumerate(sample.people)
                                  if p.name == "Nguyen Van Thong"))
        await pilot.press("n")
        assert screen.status.message.startswith("Nguyen Van Thong 2/10")
        await app.workers.wait_for_complete()
    kept = cache.get(sample.text, sample.path)
    assert kept == sample
    reopened = load_cached(sample.path or Path(), cache, entities=False)
    assert reopened.entities_found and reopened.people == sample.people


async def test_choose_thong_then_n_visits_each_of_his_ten_mentions_and_wraps(
    make_app: AppFactory, sample: Article
) -> None:
    thong = next(p for p in sample.people if p.name == "Nguyen Van Thong")
    assert len(thong.mentions) == 10
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("1")
        people = screen_of(app).query_one("#people-list", OptionList)
        assert app.focused is people
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = screen_of(app)
        view = screen.view
        seen = []
        for i in range(11):
            mention = thong.mentions[i % 10]
            assert screen.status.message.startswith(f"Nguyen Van Thong {i % 10 + 1}/10")
            assert view.cursor == (mention.start, mention.end)
            assert on_screen(view, mention.start), f"mention {i + 1} is not on screen"
            seen.append(sample.text[mention.start : mention.end])
            await pilot.press("n")
            await pilot.pause()
        assert seen.count("Nguyen Van Thong") == 8  # 7 by name, the first one again on wrap
        assert seen.count("Standing Deputy Secretary of the Provincial Party Committee") == 3
        by_title = thong.mentions[[m.kind for m in thong.mentions].index("role")]
        assert by_title.kind == "role"


async def test_N_goes_back_and_wraps_to_the_last_mention(make_app: AppFactory,
                                                       sample: Article) -> None:
    thong = next(p for p in sample.people if p.name == "Nguyen Van Thong")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        screen.choose_person(sample.people.index(thong))
        await pilot.press("N")
        await pilot.pause()
        assert screen.status.message.startswith("Nguyen Van Thong 10/10")
        assert screen.view.cursor == (thong.mentions[-1].start, thong.mentions[-1].end)
        assert "(by title)" in screen.status.message
        await pilot.press("N")
        assert screen.status.message.startswith("Nguyen Van Thong 9/10")


async def test_clicking_a_name_in_the_text_chooses_that_person(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        x, y = find_on_screen(screen.view, "Nguyen Van Thong")
        await pilot.click("#article", offset=(x + 4, y))
        await pilot.pause()
        assert screen.status.message.startswith("Nguyen Van Thong 1/10")
        assert screen.occurrences is not None and screen.occurrences.kind == "person"


async def test_clicking_a_document_code_chooses_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        screen.view.scroll_to_offset(screen.article.text.index("Resolution No. 26-NQ/TW"))
        await pilot.pause()
        x, y = find_on_screen(screen.view, "26-NQ/TW")
        await pilot.click("#article", offset=(x + 2, y))
        await pilot.pause()
        assert screen.status.message.startswith("26-NQ/TW 1/2")
        await pilot.press("n")
        assert screen.status.message == "26-NQ/TW 2/2 (short reference)"


async def test_documents_tab_chooses_a_document_and_n_walks_it(make_app: AppFactory,
                                                             sample: Article) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("2")
        screen = screen_of(app)
        assert screen.query_one(TabbedContent).active == "documents"
        await pilot.press("down", "down", "enter")  # 48-KL/TW, the third document
        await pilot.pause()
        doc = sample.documents[2]
        assert doc.code == "48-KL/TW"
        assert screen.status.message == "48-KL/TW 1/2"
        assert screen.view.cursor == (doc.mentions[0].start, doc.mentions[0].end)
        await pilot.press("n", "n")
        assert screen.status.message == "48-KL/TW 1/2"


async def test_outline_jumps_to_a_section_and_follows_reading(make_app: AppFactory,
                                                            sample: Article) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        outline = screen.query_one("#outline", OptionList)
        await pilot.press("o")
        assert app.focused is outline
        await pilot.press("end", "enter")
        await pilot.pause()
        last = sample.sections[-1]
        assert screen.view.top_offset() == last.heading.start if last.heading else 0
        assert app.focused is screen.view
        await pilot.press("home")
        await pilot.pause()
        assert outline.highlighted == 0
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        assert screen.view.cursor is not None  # the reading position is the cursor's
        assert outline.highlighted == outline.section_index_at(screen.view.cursor[0])
        assert outline.highlighted and outline.highlighted > 0


async def test_search_ignores_diacritics_and_n_moves_between_hits(
    make_app: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "diacritics.txt"
    path.write_text(
        "Ông Thông thăm Nghệ An\n\nThanh Duy April 12, 2023 17:14\n\n"
        "(Baonghean.vn) - Comrade Nguyễn Văn Thông - Bí thư Tỉnh ủy visited the province.\n\n"
        "Mr. Thông said that THONG and thong are the same word here.\n",
        encoding="utf-8",
    )
    app = make_app(load(path))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("slash", *"thong", "enter")
        await pilot.pause()
        hits = screen.occurrences
        assert hits is not None and hits.kind == "search"
        texts = [screen.article.text[s.start : s.end] for s in hits.spans]
        assert texts == ["Thông", "Thông", "Thông", "THONG", "thong"]
        assert screen.status.message == "“thong” 1/5"
        await pilot.press("n", "n")
        assert screen.status.message == "“thong” 3/5"
        await pilot.press("escape")
        assert screen.occurrences is None


async def test_slash_pressed_while_the_screen_is_still_coming_opens_the_search(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")  # maybe before the search field is mounted
        await opened(pilot)
        await pilot.pause()
        field = screen_of(app).query_one("#search")
        assert field.has_class("open") and app.focused is field


async def test_keys_typed_at_once_after_slash_go_into_the_search_not_the_article(
    make_app: AppFactory,
) -> None:
    # As tmux or a fast typist sends them: every key queued before the focus has moved.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        for key, character in [("slash", "/"), ("t", "t"), ("h", "h"), ("o", "o"),
                               ("n", "n"), ("g", "g"), ("x", "x"), ("backspace", None),
                               ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        hits = screen.occurrences
        assert hits is not None and hits.kind == "search", screen.status.message
        assert screen.status.message == "“thong” 1/7"
        assert app.focused is screen.view
        assert not screen.query("#search").first().has_class("open")
        # Nothing was highlighted by the h typed into the query.
        await settle(pilot)
        assert app.session.store.all() == []
        # Opened again: the last query is selected, so typing replaces it.
        for key, character in [("slash", "/"), ("k", "k"), ("i", "i"), ("m", "m")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert screen.query_one("#search", Input).value == "kim"


async def test_palette_finds_a_person_without_diacritics_and_jumps(
    make_app: AppFactory, sample: Article
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Person: thong")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.status.message.startswith("Nguyen Van Thong 1/10")


async def test_palette_jumps_to_a_section_and_a_document(make_app: AppFactory,
                                                       sample: Article) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Section: follow functions")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.view.top_offset() == sample.sections[2].start
        await pilot.press("ctrl+p")
        await pilot.press(*"Document: 04-QDi")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.status.message == "04-QDi/TW 1/1"


async def test_help_lists_every_key(make_app: AppFactory) -> None:
    from reader.dialogs.help import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        import io

        from rich.console import Console

        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.table)
        shown = console.export_text()
        for description in ("Highlight", "Next", "Prev", "Search", "Note", "Delete",
                            "Next sentence", "Select", "Quit", "Command palette"):
            assert description in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_theme_is_remembered(make_app: AppFactory) -> None:
    app = make_app(theme=None)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        app.theme = "textual-light"
        await settle(pilot)
    again = make_app(theme=None)
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_reading_position_is_restored(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        cursor = screen_of(app).view.cursor
        assert cursor is not None and cursor[0] > 0
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        await pilot.pause()
        view = screen_of(again).view
        assert view.cursor == cursor
        assert view.line_of(cursor[0]) == int(view.scroll_y)  # at the top of the screen


async def test_resize_rewraps_and_keeps_the_reading_position(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        before_width, before_offset = view.line_layout.width, view.top_offset()
        await pilot.resize_terminal(60, 30)  # the panels collapse below 100
        await pilot.pause()
        assert view.line_layout.width < before_width
        assert view.line_of(before_offset) == int(view.scroll_y)
        for line in visible_lines(view):
            assert len(line.rstrip()) <= view.size.width


async def test_markup_and_escape_sequences_are_shown_as_text(make_app: AppFactory) -> None:
    text = (
        "A [bold]title[/bold] with [link=x]markup[/link]\n\n"
        "(Baonghean.vn) - The file holds \x1b]0;pwned\x07 an escape and a bell\x07 and "
        "[red]brackets[/red].\n"
    )
    app = make_app(parse(text))
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        screen = screen_of(app)
        lines = "\n".join(visible_lines(screen.view))
        assert "[bold]title[/bold]" in lines
        assert "[red]brackets[/red]" in lines
        assert "\x1b" not in lines and "\x07" not in lines
        assert "␛]0;pwned␇" in lines
        header = str(screen.query_one(ArticleHeader).render())
        assert "[bold]title[/bold]" in header


async def test_a_one_megabyte_article_opens_and_scrolls(make_app: AppFactory) -> None:
    from tests.benchmarks.generate import generate_article

    article = parse(generate_article(1_000_000))
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        view = screen_of(app).view
        assert len(view.line_layout) > 10_000
        await pilot.press("end")
        await pilot.pause()
        assert any("Latest" in line for line in visible_lines(view))
        screen_of(app).choose_person(0)
        await pilot.press("n")
        assert screen_of(app).status.message.startswith(f"{article.people[0].name} 2/")


async def test_view_is_an_article_view_with_lazy_strips(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.pause()
        view = screen_of(app).view
        assert isinstance(view, ArticleView)
        # Only the lines on screen have been built.
        assert 0 < len(view._cache) <= view.size.height + 2
