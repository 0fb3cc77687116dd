"""`reader search DIR QUERY [--json]`: every occurrence of a phrase across a library's articles
(whole words, ignoring case and diacritics), through the full-text index in the cache
directory (`articles.cache.fulltext`), with each hit's article, date and a line of context."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from articles.cache.fulltext import FullTextIndex
from articles.library.entry import ArticleSummary
from articles.library.indexer import Indexer
from articles.library.search import LibraryHit, search_library
from reader.cli.article_commands import console, print_json
from reader.errors import EXIT_BAD_INPUT, EXIT_OK, BadInput, ReaderArgumentParser, say
from reader.safe_text import one_line, visible
from reader.wording import counted


def register(sub: argparse._SubParsersAction[ReaderArgumentParser]) -> None:
    """Add the search subcommand."""
    p = sub.add_parser(
        "search", help="find a phrase across every article of a library folder",
        description="Find a phrase across every article of a library folder: whole words, in "
        "order, ignoring case, diacritics (dang finds Đảng) and white space. Lists each hit "
        "with its article, date and context; uses the full-text index in the cache directory "
        "(made or brought up to date first).")
    p.add_argument("directory", metavar="DIR", help="a library folder (its *.txt and *.html "
                   "files, recursively)")
    p.add_argument("query", metavar="QUERY", help="the phrase to find")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=run_search)


def library_articles(directory: Path) -> tuple[list[Path], list[ArticleSummary]]:
    """The article files of `directory` and their summaries (through the library index);
    BadInput for a missing directory, one that is not a directory, or one without articles."""
    if not directory.exists():
        raise BadInput(f"{directory}: no such directory")
    if not directory.is_dir():
        raise BadInput(f"{directory}: not a directory (reader search takes a library folder)")
    indexer = Indexer()
    files = indexer.list_files([directory])
    if not files:
        raise BadInput(f"{directory}: no article files (*.txt, *.html) in this directory")
    scan = indexer.quick_scan(files, details=False)
    summaries = [e.summary for e in scan.entries]
    summaries += [e.summary for e in indexer.iter_index(scan.pending)]
    indexer.save()
    return files, summaries


def hit_dict(found: LibraryHit) -> dict[str, Any]:
    """One hit as JSON: the article's path, title and date, the offsets into its canonical
    text, the text found, and its context line."""
    a, h = found.article, found.hit
    context, lo, hi = h.context()
    return {
        "path": str(a.path), "title": a.title or None,  # no headline: null, as in outline
        "published": a.published.isoformat(timespec="minutes") if a.published else None,
        "start": h.start, "end": h.end, "text": h.matched,
        "context": context, "context_start": lo, "context_end": hi,
    }


def hits_table(hits: list[LibraryHit], query: str, articles: int) -> Table:
    """The hits as a rich table, the phrase in bold in each context line."""
    count = len({h.article.path for h in hits})
    matches = counted(len(hits), "match")
    title = Text(f"{matches} for “{one_line(query)}” in {count} of {articles} articles")
    table = Table(title=title, header_style="bold")
    table.add_column("Article", ratio=1)
    table.add_column("Date", no_wrap=True)
    table.add_column("Context", ratio=2)
    previous: Path | None = None
    for found in hits:
        a, h = found.article, found.hit
        line, lo, hi = h.context()
        context = Text(visible(line))
        context.stylize("bold", lo, hi)
        day = a.published.date().isoformat() if a.published else "—"
        same = a.path == previous  # the article's title and date once, on its first hit
        name = Text(one_line(a.title)) if a.title else Text(one_line(a.path.name), style="dim")
        table.add_row(Text("") if same else name, "" if same else day, context)
        previous = a.path
    return table


def run_search(args: argparse.Namespace) -> int:
    """`reader search DIR QUERY`: 0 with hits or with a "no matches" line, 2 on bad input."""
    directory = Path(args.directory)
    if not args.query.strip():
        say("search: the query is empty")
        return EXIT_BAD_INPUT
    try:
        files, summaries = library_articles(directory)
    except BadInput as exc:
        say(str(exc))
        return EXIT_BAD_INPUT
    for summary in sorted((s for s in summaries if s.error), key=lambda s: str(s.path)):
        say(summary.error_message or "")
    index = FullTextIndex()
    index.update(files)
    hits = search_library(index, args.query, summaries)
    if args.json:
        print_json([hit_dict(h) for h in hits])
    elif not hits:
        readable = sum(1 for s in summaries if s.readable)
        console().print(Text(f"no matches for “{one_line(args.query)}” in {readable} articles "
                             f"of {one_line(str(directory))}"))
    else:
        console().print(hits_table(hits, args.query, sum(1 for s in summaries if s.readable)))
    return EXIT_OK
