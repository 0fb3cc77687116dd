"""Benchmark: the library screen on 1,000 generated articles, in-process with Pilot — time until
the article table shows every file, until the complete index is ready (who's who, documents),
cold cache and then warm (a second opening, nothing changed). Reports figures; asserts nothing.

Run: python tests/benchmarks/bench_library_screen.py  (or python -m pytest tests/benchmarks -s)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual.widgets import DataTable

from annotations.store import Store
from reader.app import ReaderApp
from reader.screens.library_screen import LibraryScreen
from tests.benchmarks.generate import generate_library

COUNT = 1000


async def open_library(files: list[Path], db: Path) -> tuple[float, float]:
    """Seconds until the table lists every file, and until the index is complete."""
    start = time.perf_counter()
    app = ReaderApp([], Store(db), theme="textual-dark", library=files)
    table_at = ready_at = 0.0
    async with app.run_test(size=(150, 42)) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, LibraryScreen):
                rows = screen.query_one("#articles-table", DataTable).row_count
                if not table_at and rows == len(files):
                    table_at = time.perf_counter() - start
                if screen.library is not None:
                    ready_at = time.perf_counter() - start
                    break
            await pilot.pause(0.01)
    return table_at, ready_at


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["READER_CACHE_DIR"] = str(work / "cache")
        files = generate_library(work / "library", COUNT)
        # Files written just now are re-hashed on the next opening; age them as real ones are.
        old = time.time() - 3600
        for path in files:
            os.utime(path, (old, old))
        cold = asyncio.run(open_library(files, work / "db.json"))
        warm = asyncio.run(open_library(files, work / "db.json"))
    lines = [f"library screen, {COUNT} generated articles (seconds)",
             f"{'':<14}{'table shown':>12}{'index complete':>16}",
             f"{'first opening':<14}{cold[0]:>12.2f}{cold[1]:>16.2f}   goals: < 1 s, < 20 s",
             f"{'reopening':<14}{warm[0]:>12.2f}{warm[1]:>16.2f}   goal: complete < 1 s"]
    return "\n".join(lines)


def test_bench_library_screen() -> None:
    print("\n" + run())


if __name__ == "__main__":
    print(run())
