"""`reader outline|people|documents PATH... [--json]`: what the articles package finds in a file,
or, given a directory or several files, across a library of articles (through the index cache)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from articles import Article, load
from articles.export import (
    document_dict,
    library_document_dict,
    library_person_dict,
    outline_dict,
    person_dict,
    summary_dict,
)
from articles.library import Library, LibraryDocument, LibraryPerson
from articles.library.indexer import Indexer
from reader.errors import EXIT_BAD_INPUT, EXIT_OK, BadInput, ReaderArgumentParser, say
from reader.render.text import day
from reader.safe_text import json_safe, one_line


def register(sub: argparse._SubParsersAction[ReaderArgumentParser]) -> None:
    """Add the outline, people and documents subcommands."""
    for name, func, help_text, many in (
        ("outline", run_outline, "title, authors, date, source and sections of an article",
         "a directory or several files list the articles instead"),
        ("people", run_people, "the people an article names, with posts and mentions",
         "a directory or several files give every person across them, merged by name, with "
         "each post and the dates of the articles giving it"),
        ("documents", run_documents, "the Party/State documents an article cites",
         "a directory or several files give every document across them and the articles "
         "citing it"),
    ):
        description = (
            f"{help_text[0].upper()}{help_text[1:]}; {many}. Files that cannot be read are "
            "reported on stderr and skipped."
        )
        p = sub.add_parser(name, help=help_text, description=description)
        p.add_argument(
            "paths", nargs="+", metavar="PATH",
            help="an article file (.txt, .html) or http(s) address, or a directory (its *.txt "
            "and *.html files) or several files",
        )
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        p.set_defaults(func=func)


def print_json(data: Any) -> None:
    """JSON on stdout and nothing else."""
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def console() -> Console:
    """A console for tables: no markup, no emoji codes, no highlighting of article text."""
    return Console(highlight=False, emoji=False, markup=False, soft_wrap=False)


def _cell(text: str | None) -> Text:
    return Text(one_line(text or ""))


def is_library(paths: list[str]) -> bool:
    """Whether the command is about a library (a directory, or several paths)."""
    return len(paths) > 1 or Path(paths[0]).is_dir()


def open_library(paths: list[str]) -> Library:
    """Index the files of `paths` through the index cache; warn on stderr about each file that
    cannot be read. BadInput when there is no file, or none could be read."""
    indexer = Indexer()
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not indexer.list_files([path]):
            raise BadInput(f"{path}: no article files (*.txt, *.html) in this directory")
    library = indexer.index_all(paths)
    for summary in sorted(library.unreadable, key=lambda a: str(a.path)):
        say(summary.error_message or "")
    if not library.readable:
        raise BadInput("no readable article among the files given")
    return library


def run_library(args: argparse.Namespace, table: Callable[[Library], Table],
                data: Callable[[Library], Any]) -> int:
    """Print a library view as JSON or as a table."""
    try:
        library = open_library(args.paths)
    except BadInput as exc:
        say(str(exc))
        return EXIT_BAD_INPUT
    if args.json:
        print_json(data(library))
    else:
        console().print(table(library))
    return EXIT_OK


def articles_table(library: Library) -> Table:
    """The articles of a library as a rich table, in date order."""
    table = Table(title=Text(f"{len(library.readable)} articles"), header_style="bold")
    table.add_column("Title", ratio=1)
    table.add_column("Date", no_wrap=True)
    table.add_column("Authors")
    table.add_column("Source")
    table.add_column("People", justify="right")
    table.add_column("Documents", justify="right")
    for a in library.readable:
        table.add_row(_cell(a.title), _cell(day(a.published)), _cell(", ".join(a.authors)),
                      _cell(a.source), str(a.people_count), str(a.documents_count))
    return table


def run_outline(args: argparse.Namespace) -> int:
    """Print an article's outline, or a library's list of articles."""
    if is_library(args.paths):
        return run_library(args, articles_table,
                           lambda lib: [summary_dict(a) for a in lib.articles])
    article = load(args.paths[0])
    if args.json:
        print_json(outline_dict(article))
        return EXIT_OK
    out = console()
    out.print(Text(one_line(article.title or _untitled(article)), style="bold"))
    meta = [
        ", ".join(article.authors) or "(no author)",
        article.published.isoformat(sep=" ", timespec="minutes") if article.published else "",
        article.source or "",
    ]
    out.print(Text(one_line(" · ".join(m for m in meta if m)), style="dim"))
    if article.url:
        out.print(Text(one_line(article.url), style="dim"))
    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("Section")
    table.add_column("Blocks", justify="right")
    table.add_column("Captions", justify="right")
    for i, section in enumerate(article.sections, 1):
        captions = sum(1 for b in section.blocks if b.kind == "caption")
        table.add_row(str(i), _cell(section.title), str(len(section.blocks)), str(captions))
    out.print(table)
    return EXIT_OK


def _untitled(article: Article) -> str:
    """What names an article without a headline: its file name (or address)."""
    return article.path.name if article.path else (article.url or "(untitled)")


def people_table(article: Article) -> Table:
    """The people of an article as a rich table."""
    title = one_line(article.title or _untitled(article))
    table = Table(title=Text(f"People in {title}"), header_style="bold")
    table.add_column("Name", no_wrap=True)
    table.add_column("Posts")
    table.add_column("By name", justify="right")
    table.add_column("By title", justify="right")
    for person in article.people:
        table.add_row(
            _cell(person.name),
            _cell("; ".join(person.roles)),
            str(len(person.name_mentions)),
            str(len(person.role_mentions)),
        )
    return table


def _posts_cell(person: LibraryPerson) -> Text:
    lines = []
    for post in person.posts:
        first, last = post.first, post.last
        when = day(first) if first == last else f"{day(first)} – {day(last)}"
        lines.append(f"{one_line(post.role)} ({when})")
    return Text("\n".join(lines))


def library_people_table(library: Library) -> Table:
    """The people of a library as a rich table: posts with their dates, articles, mentions."""
    table = Table(title=Text(f"People in {len(library.readable)} articles"),
                  header_style="bold")
    table.add_column("Name", no_wrap=True)
    table.add_column("Posts (dates of the articles giving them)", ratio=1)
    table.add_column("Articles", justify="right")
    table.add_column("Mentions", justify="right")
    for person in library.people:
        table.add_row(_cell(person.name), _posts_cell(person), str(len(person.articles)),
                      str(len(person.mentions)))
    return table


def run_people(args: argparse.Namespace) -> int:
    """Print the people an article (or a library) names."""
    return _run_entities(
        args, "people", library_people_table,
        lambda lib: [library_person_dict(p) for p in lib.people],
        lambda article: [person_dict(article, p) for p in article.people],
        lambda article: people_table(article) if article.people else None)


def documents_table(article: Article) -> Table:
    """The documents of an article as a rich table."""
    title = one_line(article.title or _untitled(article))
    table = Table(title=Text(f"Documents in {title}"), header_style="bold")
    table.add_column("Code", no_wrap=True)
    table.add_column("Type")
    table.add_column("Issuer")
    table.add_column("Date", no_wrap=True)
    table.add_column("Mentions", justify="right")
    for doc in article.documents:
        table.add_row(
            _cell(doc.code),
            _cell(doc.type),
            _cell(doc.issuer or "—"),
            _cell(doc.date.isoformat() if doc.date else "—"),
            str(len(doc.mentions)),
        )
    return table


def _subject_cell(document: LibraryDocument) -> Text:
    if document.doubt:
        return Text(one_line(document.doubt), style="italic")
    return _cell(document.subject or "—")


def library_documents_table(library: Library) -> Table:
    """The documents of a library as a rich table, with the articles citing each."""
    table = Table(title=Text(f"Documents in {len(library.readable)} articles"),
                  header_style="bold")
    table.add_column("Code", no_wrap=True)
    table.add_column("Type")
    table.add_column("Issuer")
    table.add_column("Date", no_wrap=True)
    table.add_column("Subject", ratio=1)
    table.add_column("Articles", justify="right")
    for doc in library.documents:
        table.add_row(
            _cell(doc.code + (" (?)" if doc.doubt else "")), _cell(doc.type),
            _cell(doc.issuer or "—"), _cell(day(doc.date)), _subject_cell(doc),
            str(len(doc.citations)),
        )
    return table


def run_documents(args: argparse.Namespace) -> int:
    """Print the documents an article (or a library) cites."""
    return _run_entities(
        args, "documents", library_documents_table,
        lambda lib: [library_document_dict(d) for d in lib.documents],
        lambda article: [document_dict(article, d) for d in article.documents],
        lambda article: documents_table(article) if article.documents else None)


def _run_entities(
    args: argparse.Namespace, what: str, library_table: Callable[[Library], Table],
    library_json: Callable[[Library], list[dict[str, Any]]],
    article_json: Callable[[Article], list[dict[str, Any]]],
    article_table: Callable[[Article], Table | None],
) -> int:
    """`reader people` / `reader documents`: a library's or one article's, as JSON or a table
    (a line saying there are none when the article has none; its JSON is then [])."""
    if is_library(args.paths):
        return run_library(args, library_table, library_json)
    article = load(args.paths[0])
    if args.json:
        print_json(article_json(article))
        return EXIT_OK
    table = article_table(article)
    if table is None:
        console().print(Text(f"no {what} found in {one_line(str(args.paths[0]))}"),
                        soft_wrap=True)
    else:
        console().print(table)
    return EXIT_OK
