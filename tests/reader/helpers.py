"""What the Pilot tests look at: the text on screen, where a phrase is, waiting for saves."""

from __future__ import annotations

import time

from textual.pilot import Pilot

from reader.app import ReaderApp
from reader.screens.article.screen import ArticleScreen
from reader.widgets.article_view import ArticleView


def screen_of(app: ReaderApp) -> ArticleScreen:
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    return screen


def visible_lines(view: ArticleView) -> list[str]:
    """The article view's lines as the user sees them (gutter included)."""
    return ["".join(seg.text for seg in view.render_line(y)) for y in range(view.size.height)]


def find_on_screen(view: ArticleView, phrase: str) -> tuple[int, int]:
    """(x, y) of `phrase` in the article view, in the view's own cells."""
    for y, line in enumerate(visible_lines(view)):
        x = line.find(phrase)
        if x >= 0:
            return x, y
    raise AssertionError(f"{phrase!r} is not on screen")


def on_screen(view: ArticleView, offset: int) -> bool:
    """Whether the character at `offset` is in the visible part of the view."""
    line = view.line_of(offset)
    top = int(view.scroll_y)
    return top <= line < top + view.size.height


async def settle(pilot: Pilot[None]) -> None:
    """Let pending saves reach the disk and their results reach the screen."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await pilot.pause()
    assert app.session.wait_for_saves(10)
    await pilot.pause()
    await pilot.pause()


async def opened(pilot: Pilot[None]) -> None:
    """Wait until the article screen is complete: sidebar mounted, notes shown."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    # A deadline, not a count of pauses: on a loaded machine (CI) a pause can take far longer
    # than asked for, and 200 short ones were sometimes not enough.
    deadline = time.monotonic() + 15
    while True:
        screen = app.screen
        if isinstance(screen, ArticleScreen) and screen.complete:
            break
        if time.monotonic() > deadline:
            raise AssertionError("the article screen was never complete")
        await pilot.pause(0.01)
    await pilot.pause()
