"""`reader outline|people|documents PATH [--json]`: what the articles package finds in a file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from articles import Article, load
from articles.export import document_dict, outline_dict, person_dict
from reader.errors import EXIT_OK
from reader.safe_text import one_line


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the outline, people and documents subcommands."""
    for name, func, help_text in (
        ("outline", run_outline, "title, authors, date, source and sections of an article"),
        ("people", run_people, "the people an article names, with posts and mentions"),
        ("documents", run_documents, "the Party/State documents an article cites"),
    ):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("path", metavar="PATH", help="an article file")
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        p.set_defaults(func=func)


def print_json(data: Any) -> None:
    """JSON on stdout and nothing else."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def console() -> Console:
    """A console for tables: no markup, no emoji codes, no highlighting of article text."""
    return Console(highlight=False, emoji=False, markup=False, soft_wrap=False)


def _cell(text: str | None) -> Text:
    return Text(one_line(text or ""))


def run_outline(args: argparse.Namespace) -> int:
    """Print an article's outline."""
    article = load(args.path)
    if args.json:
        print_json(outline_dict(article))
        return EXIT_OK
    out = console()
    out.print(Text(one_line(article.title), style="bold"))
    meta = [
        ", ".join(article.authors) or "(no author)",
        article.published.isoformat(sep=" ", timespec="minutes") if article.published else "",
        article.source or "",
    ]
    out.print(Text(one_line(" · ".join(m for m in meta if m)), style="dim"))
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


def people_table(article: Article) -> Table:
    """The people of an article as a rich table."""
    table = Table(title=Text(f"People in {one_line(article.title)}"), header_style="bold")
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


def run_people(args: argparse.Namespace) -> int:
    """Print the people an article names."""
    article = load(args.path)
    if args.json:
        print_json([person_dict(article, p) for p in article.people])
        return EXIT_OK
    console().print(people_table(article))
    return EXIT_OK


def documents_table(article: Article) -> Table:
    """The documents of an article as a rich table."""
    table = Table(title=Text(f"Documents in {one_line(article.title)}"), header_style="bold")
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


def run_documents(args: argparse.Namespace) -> int:
    """Print the documents an article cites."""
    article = load(args.path)
    if args.json:
        print_json([document_dict(article, d) for d in article.documents])
        return EXIT_OK
    console().print(documents_table(article))
    return EXIT_OK
