"""Pilot tests of the Notes tab's filter: `t` picks a tag, `c` a colour (each offered with its
count), the list and the tab's label follow, the text keeps every highlight, `x` shows all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, TabbedContent

from annotations.model import new_annotation
from annotations.store import Store
from articles import Article
from reader.app import ReaderApp
from reader.dialogs.choice import ChoiceDialog
from tests.reader.helpers import opened, screen_of

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


def listed(app: ReaderApp) -> list[str]:
    notes = screen_of(app).query_one("#notes-list", OptionList)
    return [o.id for o in (notes.get_option_at_index(i) for i in range(notes.option_count))
            if o.id]


async def pick(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    dialog = pilot.app.screen
    assert isinstance(dialog, ChoiceDialog)
    options = dialog.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    options.highlighted = labels.index(label)
    await pilot.press("enter")
    await pilot.pause()


async def test_filter_by_tag_then_colour_then_all(make_app: AppFactory, db_path: Path,
                                                  sample: Article) -> None:
    store = Store(db_path)
    ids = []
    for phrase, color, tags in (("On the afternoon of April 12", "yellow", ["land"]),
                                ("Resolution No. 26-NQ/TW", "green", ["land", "party"]),
                                ("Nguyen Van Thong", "green", [])):
        start = sample.text.index(phrase)
        ids.append(store.add(new_annotation(sample, start, start + len(phrase), color=color,
                                            tags=tags)).id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("3")
        await pilot.pause()
        assert sorted(listed(app)) == sorted(ids)
        await pilot.press("t")
        await pilot.pause()
        await pick(pilot, "#land (2)")
        assert sorted(listed(app)) == sorted(ids[:2])
        tab = str(screen.query_one(TabbedContent).get_tab("notes").label)
        assert tab == "Notes 2 of 3 · #land"
        assert len(screen.anchored) == 3  # the text keeps every highlight
        await pilot.press("c")
        await pilot.pause()
        await pick(pilot, "green (2)")
        assert listed(app) == [ids[1]]
        assert screen.status.message == "Notes: #land · green"
        await pilot.press("x")
        await pilot.pause()
        assert sorted(listed(app)) == sorted(ids)
        assert str(screen.query_one(TabbedContent).get_tab("notes").label) == "Notes 3"


async def test_no_tags_says_how_to_add_them(make_app: AppFactory, db_path: Path,
                                           sample: Article) -> None:
    start = sample.text.index("Nguyen Van Thong")
    Store(db_path).add(new_annotation(sample, start, start + 16))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await pilot.press("3", "t")
        await pilot.pause()
        assert screen_of(app).status.message.startswith("No note has a tag")
