"""Copying: `y` the selection or the cursor's sentence, `Y` as a citation, ctrl+c with a
selection copies (without one it still says how to quit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from articles import Article
from reader.app import ReaderApp
from reader.screens.article.copying import citation
from tests.reader.helpers import opened, screen_of

AppFactory = Callable[..., ReaderApp]


def test_citation_names_title_outlet_date(sample: Article) -> None:
    text = citation(sample, "Some  words\nhere")
    quote, source = text.split("\n")
    assert quote == "“Some words here”"
    assert source == f"— {sample.title.rstrip('.')}, Baonghean.vn, 12 April 2023"


def test_citation_never_doubles_punctuation(sample: Article) -> None:
    assert sample.title.endswith("Office.")  # the sample's own title ends with a full stop
    text = citation(sample, "The work was done.")
    assert text.startswith("“The work was done.”\n— ")
    assert ".," not in text and "Office, Baonghean.vn, 12 April 2023" in text
    odd = replace(sample, title="A title;  ", source="Outlet.")
    assert citation(odd, "x") == "“x”\n— A title, Outlet, 12 April 2023"


def test_citation_gives_the_address_of_a_web_page(sample: Article) -> None:
    page = replace(sample, url="https://example.org/a-page")
    assert citation(page, "x").endswith(", 12 April 2023, https://example.org/a-page")
    bare = replace(sample, source=None, published=None, title="")
    assert citation(bare, "x") == "“x”"


async def test_y_copies_the_sentence_at_the_cursor(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "right")
        assert screen.view.cursor is not None
        start, end = screen.view.cursor
        await pilot.press("y")
        assert app.clipboard == screen.article.text[start:end].strip()
        assert screen.status.message.startswith("Copied the sentence (")


async def test_y_copies_the_selection_and_Y_cites_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "right", "v", "w", "w")
        span = screen.view.selected_range()
        assert span is not None
        quote = screen.article.text[span[0]:span[1]].strip()
        await pilot.press("y")
        assert app.clipboard == quote
        assert screen.status.message.startswith("Copied the selection")
        await pilot.press("Y")
        assert app.clipboard == citation(screen.article, quote)
        assert app.clipboard.startswith("“") and "Baonghean.vn" in app.clipboard
        assert screen.status.message.endswith("as a citation")


async def test_ctrl_c_copies_a_selection_else_says_how_to_quit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "v", "w")
        span = screen.view.selected_range()
        assert span is not None
        await pilot.press("ctrl+c")
        assert app.clipboard == screen.article.text[span[0]:span[1]].strip()
        assert not app._notifications
        await pilot.press("escape")  # drops the selection
        assert screen.view.selected_range() is None
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("quit" in n.message for n in app._notifications)
        assert app.is_running
