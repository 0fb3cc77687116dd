"""Starting the TUI from the command line: load the articles, open the store, run the app."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.paths import given_path_problem, resolve_db_path
from annotations.store import Store
from articles import Article
from reader.errors import EXIT_BAD_INPUT, EXIT_OK, BadInput
from reader.memory import tune_for_reading

if TYPE_CHECKING:
    from articles.cache.article_cache import ArticleCache


def article_files(paths: Sequence[str]) -> list[Path]:
    """The article files named on the command line (a directory gives its .txt and .html
    files). Web addresses are not files: see `load_articles`."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            from articles.library.indexer import Indexer  # only a library needs the indexer

            found = Indexer.list_files([path])
            if not found:
                raise BadInput(f"{path}: no article files (*.txt, *.html) in this directory")
            files.extend(found)
        elif not path.exists():
            raise BadInput(f"{path}: no such file or directory")
        else:
            files.append(path)
    return files


def load_articles(paths: Sequence[str], cache: ArticleCache | None = None) -> list[Article]:
    """The articles to open (the bundled sample when no path is given): from the article cache
    when read before, else parsed for their layout only (the screen shows the text at once, and
    finds people and documents just after)."""
    from articles import sample_path
    from articles.sources.opening import load_cached as load

    files = article_files(paths) if paths else [sample_path()]
    return [load(p, cache, entities=False) for p in files]


def is_library(paths: Sequence[str]) -> bool:
    """A directory, or several files, open the library; one file opens that article."""
    return len(paths) > 1 or any(Path(p).is_dir() for p in paths)


def web_address(paths: Sequence[str]) -> str | None:
    """The one web address to open, if the command line names one; BadInput for an address
    among other paths, or of another scheme than http(s)."""
    from articles.sources import is_address_like, is_url

    addresses = [p for p in paths if is_url(p) or is_address_like(p)]
    if not addresses:
        return None
    for raw in addresses:
        if not is_url(raw):
            raise BadInput(f"{raw}: only http and https addresses can be opened")
    if len(paths) > 1:
        raise BadInput(f"{addresses[0]}: a web address opens alone; to make a library of "
                       "pages, save them into a folder: reader save URL... --to DIR")
    return addresses[0]


def launch(paths: Sequence[str], db: str | None, *, refresh: bool = False) -> int:
    """Open the reader; bad input raises before the screen is taken over. In a library,
    files that cannot be read are listed with the reason instead. A web address opens from
    its stored copy at once; a page not stored yet (or with `refresh`) is fetched behind a
    loading screen, and a failure to fetch it ends the reader with its one-line reason."""
    from articles.cache.article_cache import ArticleCache

    problem = given_path_problem(db)
    if problem is not None:
        raise BadInput(problem)
    cache = ArticleCache()
    url = web_address(paths)
    library = article_files(paths) if url is None and is_library(paths) else None
    pending: str | None = None
    if url is not None:
        from articles.sources.loader import load_stored

        stored = None if refresh else load_stored(url, cache)
        articles = [stored] if stored is not None else []
        pending = url if stored is None else None
    else:
        articles = [] if library is not None else load_articles(paths, cache)
    store = Store(resolve_db_path(db))
    # The notes file itself (settings, catalogue): an unusable one is refused before the app
    # starts. Per-article files are read (and checked) when their article opens.
    store.check_notes_file()
    from reader.app import ReaderApp

    theme = os.environ.get("READER_THEME") or None
    app = ReaderApp(articles, store, theme=theme, library=library, article_cache=cache,
                    fetch_url=pending, refresh=refresh)
    # Without this, a full collection of the start-up objects (some 20 ms, collecting nothing)
    # falls right before the first frame.
    tune_for_reading()
    app.run()
    if app.fetch_error is not None:
        import sys

        print(f"reader: {app.fetch_error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
