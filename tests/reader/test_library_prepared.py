"""Pilot tests: a library opened before shows who's who and the documents prepared by the index
while its files are still being checked (F3 lists the people at once), then keeps them when
nothing changed, or shows them built again when a file did."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from annotations.store import Store
from articles.library.indexer import Indexer, ScanResult
from reader.app import ReaderApp
from reader.screens.library_screen import LibraryScreen

FIXTURES = Path(__file__).resolve().parent.parent / "articles" / "library_fixtures"
SIZE = (150, 42)


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES, target)
    when = time.time() - 3600
    for path in target.glob("*.txt"):
        os.utime(path, (when, when))
    return target


def library_app(db_path: Path, library_dir: Path) -> ReaderApp:
    return ReaderApp([], Store(db_path), theme="textual-dark",
                     library=Indexer.list_files([library_dir]))


async def until(pilot: Pilot[None], condition: Callable[[LibraryScreen], bool], what: str
                ) -> LibraryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, LibraryScreen)
    for _ in range(400):
        if condition(screen):
            await pilot.pause()
            return screen
        await pilot.pause(0.02)
    raise AssertionError(f"never {what}")


def header(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-header", Static).render())


def people_listed(screen: LibraryScreen) -> list[str]:
    """The names who's who lists (its list shows one option for each)."""
    index = screen.query_one("#people-index", OptionList)
    names = [p.name for p in screen.people_pane.entries]  # type: ignore[union-attr]
    assert index.option_count == len(names)
    return names


async def test_who_is_who_is_shown_before_the_files_are_checked(
    db_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with library_app(db_path, library_dir).run_test(size=SIZE) as pilot:
        first = await until(pilot, lambda s: s.indexed, "indexed")
        assert first.library is not None
        built = [p.name for p in first.library.people]
    go = threading.Event()  # the second opening's check of the files waits for it
    real = Indexer.quick_scan

    def quick_scan(self: Indexer, *args: Any, **kwargs: Any) -> ScanResult:
        assert go.wait(20)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Indexer, "quick_scan", quick_scan)
    async with library_app(db_path, library_dir).run_test(size=SIZE) as pilot:
        screen = await until(pilot, lambda s: s.library is not None, "prepared")
        assert not screen.indexed  # still checking the files
        assert "people" in header(screen) and "checking the index" in header(screen)
        await pilot.press("f3")
        await pilot.pause()
        listed = people_listed(screen)
        assert sorted(listed) == sorted(built)
        prepared = screen.library
        go.set()
        await until(pilot, lambda s: s.indexed, "indexed")
        assert screen.library is prepared  # nothing changed: the prepared one stays
        assert "indexed in" in header(screen)


async def test_a_changed_file_gives_who_is_who_built_again(
    db_path: Path, library_dir: Path
) -> None:
    async with library_app(db_path, library_dir).run_test(size=SIZE) as pilot:
        first = await until(pilot, lambda s: s.indexed, "indexed")
        assert first.library is not None
        before = {p.name for p in first.library.people}
    changed = next(library_dir.glob("01_*.txt"))
    changed.write_text("Meeting in Dien Chau\n\nOn May 3, 2024, comrade Hoang Thi Lan - "
                       "Secretary of the Dien Chau District Party Committee chaired the "
                       "meeting.\n", encoding="utf-8")
    async with library_app(db_path, library_dir).run_test(size=SIZE) as pilot:
        screen = await until(pilot, lambda s: s.indexed, "indexed")
        assert screen.library is not None
        after = {p.name for p in screen.library.people}
        assert "Hoang Thi Lan" in after and after != before
        await pilot.press("f3")
        await pilot.pause()
        assert "Hoang Thi Lan" in people_listed(screen)
