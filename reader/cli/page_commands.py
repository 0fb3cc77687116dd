"""`reader save URL... [--to DIR] [--refresh]`: fetch web pages into the page store (so they
open offline ever after), and with `--to`, save each into a library folder as an .html file."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from annotations.paths import resolve_db_path
from annotations.store import Store
from articles.cache.article_cache import ArticleCache
from articles.errors import ArticleError
from articles.folding import fold
from articles.sources import is_url
from articles.sources.loader import open_url
from reader.errors import EXIT_BAD_INPUT, EXIT_OK, ReaderArgumentParser, say
from reader.page_changes import refresh_message
from reader.safe_text import one_line

SAVED_FROM = "<!-- saved from url=({length:04d}){url} -->\n"
"""The mark a browser puts at the top of a saved page; the reader reads the address back."""


def register(sub: argparse._SubParsersAction[ReaderArgumentParser]) -> None:
    """Add the save subcommand."""
    p = sub.add_parser(
        "save", help="fetch web pages and keep them for reading offline",
        description="Fetch each page (or take its stored copy) and keep it in the page store, "
        "so it opens with no network ever after; with --to, also save it into a library folder "
        "as an .html file named after its headline.",
    )
    p.add_argument("urls", nargs="+", metavar="URL", help="http or https addresses")
    p.add_argument("--to", metavar="DIR", help="a library folder to save the pages into")
    p.add_argument("--refresh", action="store_true",
                   help="fetch again even if the page is stored (notes re-anchor if it changed)")
    p.add_argument("--db", metavar="FILE", help="the annotations file (for --refresh reports)")
    p.set_defaults(func=run_save)


def file_name(title: str, url: str) -> str:
    """A file name for a saved page: its headline folded to ASCII words, joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", fold(title).lower()) or re.findall(
        r"[a-z0-9]+", url.lower().split("://", 1)[-1]
    )
    stem = "-".join(words)[:80].rstrip("-") or "page"
    return f"{stem}.html"


def saved_bytes(url: str, body: bytes) -> bytes:
    """The page as saved into a folder: the saved-from mark, then the body as fetched."""
    clean = url.replace("--", "%2D%2D").replace(">", "%3E")
    return SAVED_FROM.format(length=len(clean), url=clean).encode("ascii", "replace") + body


def _save_into(folder: Path, name: str, data: bytes) -> Path:
    stem, suffix = name.removesuffix(".html"), ".html"
    for n in range(1, 1000):
        target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        if not target.exists():
            break
        if target.read_bytes() == data:
            return target
    target.write_bytes(data)
    return target


def run_save(args: argparse.Namespace) -> int:
    """Store (and save) each page; one line per page; exit 2 if any could not be read."""
    folder = Path(args.to) if args.to else None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)  # a new library folder, as `mkdir -p`
        except OSError as error:
            say(f"{folder}: cannot make this folder ({error.strerror or error})")
            return EXIT_BAD_INPUT
    cache = ArticleCache()
    failed = 0
    for url in args.urls:
        try:
            if not is_url(url):
                raise ArticleError(url, "only http and https addresses can be saved")
            opened = open_url(url, cache, refresh=args.refresh)
        except ArticleError as exc:
            say(str(exc))
            failed += 1
            continue
        article = opened.article
        where = "fetched" if opened.fetched else "already stored"
        line = f"{url}: {where}: {article.title or '(untitled)'}"
        if folder is not None:
            data = saved_bytes(opened.stored.final_url, opened.stored.body())
            try:
                saved = _save_into(folder, file_name(article.title or "", url), data)
            except OSError as exc:
                say(f"{folder}: cannot save {url} ({exc.strerror or exc})")
                failed += 1
                continue
            line += f" → {saved}"
        print(one_line(line))
        if args.refresh and opened.before is not None:
            message = refresh_message(Store(resolve_db_path(args.db)), opened.before, article)
            if message:
                print(f"  {one_line(message)}")
    return EXIT_BAD_INPUT if failed else EXIT_OK
