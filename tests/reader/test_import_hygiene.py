"""What the reader's start does without (docs/design.md §6), checked in a fresh interpreter as
harlequin checks its own: the app built as `reader` builds it, run headless up to its first
paint, and `sys.modules` read at that moment. Not imported by then: the people and documents
finders, the anchoring of notes (and edlib), every dialog, note taking and saving, the sidebar,
the footer, the outline, the HTML and network machinery, the library's index, sentence
splitting and search. The store itself (TinyDB) is opened and checked before the screen is
taken over, on purpose: a corrupt notes file is one line and exit status 2, not a broken TUI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DEFERRED = (
    "articles.parsing.people", "articles.parsing.documents", "articles.library",
    "articles.people", "articles.documents",
    "annotations.anchoring", "edlib",
    "reader.dialogs", "reader.screens.article.note_actions",
    "reader.screens.article.note_saving", "reader.widgets.sidebar", "reader.widgets.outline",
    "textual.widgets._footer", "textual.widgets._tabbed_content",
    "lxml", "httpx", "articles.sources.html_page", "articles.cache.index_cache", "sqlite3",
    "articles.parsing.segments", "articles.parsing.search",
)
"""Modules (and their submodules) that must not be imported before the first paint."""

FIRST_PAINT = textwrap.dedent('''\
    import asyncio, json, os, sys
    from annotations.store import Store
    from articles.cache.article_cache import ArticleCache
    from reader.app import ReaderApp
    from reader.launch import load_articles
    from reader.screens.article.reading import ArticleReading

    seen = {}
    first_paint = ArticleReading.after_first_paint

    async def after_first_paint(self):
        seen.setdefault("modules", sorted(sys.modules))
        await first_paint(self)

    ArticleReading.after_first_paint = after_first_paint
    cache = ArticleCache()
    app = ReaderApp(load_articles([], cache), Store(os.environ["READER_DB"]),
                    article_cache=cache, theme="textual-dark")

    async def run():
        async with app.run_test(size=(140, 40)) as pilot:
            while not (app.screen.complete and all(w.is_finished for w in app.workers)):
                await pilot.pause(0.02)

    asyncio.run(run())
    print(json.dumps(seen["modules"]))
''')


def modules_at_first_paint(tmp_path: Path) -> set[str]:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache"),
           "READER_DB": str(tmp_path / "notes.json"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", FIRST_PAINT], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def imported(modules: set[str]) -> list[str]:
    return sorted(m for m in modules
                  if any(m == d or m.startswith(d + ".") for d in DEFERRED))


def test_the_first_paint_imports_none_of_what_start_up_defers(tmp_path: Path) -> None:
    never_opened = modules_at_first_paint(tmp_path)  # parsed for its layout only
    assert "reader.screens.article.reading" in never_opened  # the hook ran
    assert "articles.parsing.parser" in never_opened  # what is looked for is named as imported
    assert imported(never_opened) == []
    opened_before = modules_at_first_paint(tmp_path)  # from the article cache
    assert imported(opened_before) == []
    assert "articles.parsing.parser" not in opened_before  # read before: no parsing at all
