"""SVG snapshots of the library's Text view (full-text search hits) at 80x24, in the dark and
in a light theme (the header's indexing time is pinned, so the picture is the same each run)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from annotations.store import Store
from articles.library.indexer import Indexer
from reader.app import ReaderApp
from reader.screens import library_screen
from tests.reader.test_library_screen import FIXTURES, indexed
from tests.reader.test_library_text_search import hits_listed

pytestmark = pytest.mark.usefixtures("messages_stay")


def text_search_app(db_path: Path, theme: str) -> ReaderApp:
    return ReaderApp([], Store(db_path), theme=theme, library=Indexer.list_files([FIXTURES]))


async def search(pilot: Pilot[None]) -> None:
    screen = await indexed(pilot)
    await pilot.press("f8", "slash", *"nguyen van thong", "enter")
    await hits_listed(pilot, screen)
    await pilot.pause()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_text_search_hits_at_80x24(snap_compare: Callable[..., bool], db_path: Path,
                                   monkeypatch: pytest.MonkeyPatch, theme: str) -> None:
    monkeypatch.setattr(library_screen.time, "perf_counter", lambda: 0.0)
    assert snap_compare(text_search_app(db_path, theme), terminal_size=(80, 24),
                        run_before=search)
