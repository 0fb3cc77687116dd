"""Starting the TUI from the command line: load the articles, open the store, run the app."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from annotations.paths import resolve_db_path
from annotations.store import Store
from articles import Article, load, sample_path
from reader.errors import EXIT_OK, BadInput


def article_files(paths: Sequence[str]) -> list[Path]:
    """The article files named on the command line (a directory gives its .txt files)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            from articles.indexer import Indexer  # only a library needs the indexer

            found = Indexer.list_files([path])
            if not found:
                raise BadInput(f"{path}: no article files (*.txt) in this directory")
            files.extend(found)
        elif not path.exists():
            raise BadInput(f"{path}: no such file or directory")
        else:
            files.append(path)
    return files


LAYOUT_FIRST = 200_000
"""Articles longer than this (in bytes) open with their layout at once; people and documents
are found in the background."""


def open_article(path: Path) -> Article:
    """Load an article for reading: a long one is parsed for its layout only, at first."""
    try:
        large = path.stat().st_size > LAYOUT_FIRST
    except OSError:
        large = False
    return load(path, entities=not large)


def load_articles(paths: Sequence[str]) -> list[Article]:
    """The articles to open; the bundled sample when no path is given."""
    if not paths:
        return [load(sample_path())]
    return [open_article(p) for p in article_files(paths)]


def is_library(paths: Sequence[str]) -> bool:
    """A directory, or several files, open the library; one file opens that article."""
    return len(paths) > 1 or any(Path(p).is_dir() for p in paths)


def launch(paths: Sequence[str], db: str | None) -> int:
    """Open the reader; bad input raises before the screen is taken over. In a library,
    files that cannot be read are listed with the reason instead."""
    library = article_files(paths) if is_library(paths) else None
    articles = [] if library is not None else load_articles(paths)
    store = Store(resolve_db_path(db))
    store.check()
    from reader.app import ReaderApp

    theme = os.environ.get("READER_THEME") or None
    ReaderApp(articles, store, theme=theme, library=library).run()
    return EXIT_OK
