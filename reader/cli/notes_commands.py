"""`reader notes add|list|export|import|rm|reattach|move-aside`: the annotations store from the
command line. Parses arguments, calls the annotations package, prints the result."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from annotations import (
    COLORS,
    AnnotationError,
    CorruptStoreError,
    Store,
    actions,
    move_aside,
    resolve_db_path,
)
from annotations.anchoring import Anchored
from annotations.export_file import check_target, write_export
from annotations.exporting import FORMATS, dumps
from annotations.model import Annotation, check_tags, normalize_tags
from annotations.paths import given_path_problem
from articles import load
from reader.errors import EXIT_OK, BadInput, ReaderArgumentParser, store_problem
from reader.safe_text import one_line, visible
from reader.swatches import label_style
from reader.wording import counted

Handler = Callable[[argparse.Namespace], int]


def register(sub: argparse._SubParsersAction[ReaderArgumentParser]) -> None:
    """Add the notes subcommand group."""
    db = ReaderArgumentParser(add_help=False)
    db.add_argument(
        "--db",
        metavar="FILE",
        help="the annotations file (default: $READER_DB, else the user data dir)",
    )
    notes = sub.add_parser(
        "notes",
        help="highlights and notes kept about articles",
        description="Highlights and notes.",
    )
    actions_ = notes.add_subparsers(dest="notes_command", required=True, metavar="ACTION")

    p = actions_.add_parser(
        "add", parents=[db], help="annotate a quote of an article; prints the new id"
    )
    p.add_argument("path", metavar="PATH", help="an article file")
    p.add_argument("--quote", required=True, help="the passage, as it occurs in the article")
    p.add_argument("--note", default="", help="the note (none: a plain highlight)")
    p.add_argument(
        "--color", default=COLORS[0], choices=COLORS, help="highlight colour (default: yellow)"
    )
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    _occurrence_option(p)
    p.set_defaults(func=_guard(run_add))

    p = actions_.add_parser(
        "list", parents=[db], help="list annotations (of one article, anchored)"
    )
    p.add_argument(
        "path", nargs="?", metavar="PATH", help="an article file (default: all annotations)"
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=_guard(run_list))

    p = actions_.add_parser(
        "export", parents=[db], help="export annotations as Markdown, JSON or W3C"
    )
    p.add_argument(
        "path", nargs="?", metavar="PATH", help="an article file (default: all annotations)"
    )
    p.add_argument("--format", default="markdown", choices=FORMATS, help="default: markdown")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.add_argument("--force", action="store_true",
                   help="replace FILE if it exists (never the notes file or an article)")
    p.set_defaults(func=_guard(run_export))

    p = actions_.add_parser(
        "import", parents=[db], help="import our JSON or W3C JSON (ids are kept)"
    )
    p.add_argument(
        "file", metavar="FILE", help="a file written by 'notes export --format json|w3c'"
    )
    p.add_argument(
        "--article", metavar="PATH", action="append", default=[],
        help="an article file the notes are on: W3C offsets into it are converted with its "
        "text (no file the import names is opened otherwise; the quotes re-anchor the notes)",
    )
    p.set_defaults(func=_guard(run_import))

    p = actions_.add_parser("rm", parents=[db], help="delete an annotation")
    p.add_argument("id", metavar="ID", help="the annotation's id (or its first characters)")
    p.set_defaults(func=_guard(run_rm))

    p = actions_.add_parser(
        "reattach", parents=[db], help="point an (unanchored) annotation at a quote"
    )
    p.add_argument("id", metavar="ID", help="the annotation's id (or its first characters)")
    p.add_argument("path", metavar="PATH", help="an article file")
    p.add_argument("--quote", required=True, help="the passage, as it occurs in the article")
    _occurrence_option(p)
    p.set_defaults(func=_guard(run_reattach))

    p = actions_.add_parser(
        "move-aside",
        parents=[db],
        help="rename a corrupt annotations file to <name>.corrupt-<time> and start afresh",
    )
    p.set_defaults(func=_guard(run_move_aside, corrupt_ok=True))


def _guard(handler: Handler, *, corrupt_ok: bool = False) -> Handler:
    """Turn annotation errors into BadInput ("<file>: <problem>", exit 2); add the way out to
    the message about a corrupt file."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CorruptStoreError as exc:
            if corrupt_ok:
                raise
            raise BadInput(store_problem(exc)) from None
        except AnnotationError as exc:
            raise BadInput(
                str(exc) if getattr(exc, "path", None) else f"{_db(args)}: {exc}"
            ) from None

    return run


def _db(args: argparse.Namespace) -> Path:
    """The notes file (one given with --db must be in a folder that exists: see
    `annotations.paths.given_path_problem`)."""
    problem = given_path_problem(args.db)
    if problem is not None:
        raise BadInput(problem)
    return resolve_db_path(args.db)


def _store(args: argparse.Namespace) -> Store:
    # One command makes at most one change: preparing a next version of the file for a
    # following add would only copy the whole file for nothing.
    store = Store(_db(args), prepare_next=False)
    store.on_notice = lambda message: print(f"reader: {one_line(message)}", file=sys.stderr)
    return store


def _console() -> Console:
    return Console(highlight=False, emoji=False, markup=False, soft_wrap=False)


def _cell(text: str, limit: int = 0) -> Text:
    line = one_line(text)
    if limit and len(line) > limit:
        line = line[: limit - 1] + "…"
    return Text(line)


def _write_out(text: str) -> None:
    """Text on standard output, control characters made visible when it is a terminal."""
    sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
    sys.stdout.flush()


def _occurrence_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--occurrence", "--nth", dest="occurrence", type=int, default=None, metavar="N",
        help="when the quote occurs several times: use its N-th occurrence (1-based)",
    )


def _quote_problem(args: argparse.Namespace, exc: AnnotationError) -> BadInput:
    """One line for a quote that does not fit: not found, out of range, or ambiguous."""
    if isinstance(exc, actions.AmbiguousQuote):
        return BadInput(
            f"{args.path}: {exc}; choose one with --occurrence N (N from 1 to {exc.count})"
        )
    if args.occurrence is not None and not str(exc).startswith("the quote does not occur"):
        return BadInput(f"{args.path}: --occurrence {args.occurrence}: {exc}")
    return BadInput(f"{args.path}: {exc}")


def run_add(args: argparse.Namespace) -> int:
    """Annotate a quote; print the new id once it is durable."""
    for tag in args.tag:
        try:
            check_tags(normalize_tags([tag]))
        except AnnotationError as exc:
            problem = str(exc).removeprefix("tags: ")
            raise BadInput(f"--tag {tag[:40]!r}: {problem}") from None
    article = load(args.path)
    try:
        a = actions.add_quote(
            _store(args),
            article,
            args.quote,
            occurrence=args.occurrence,
            note=args.note,
            color=args.color,
            tags=args.tag,
        )
    except (actions.QuoteNotFound, actions.AmbiguousQuote) as exc:
        raise _quote_problem(args, exc) from None
    _write_out(a.id + "\n")
    return EXIT_OK


def _annotation_row(a: Annotation) -> list[Text]:
    return [
        Text(a.id[:8]),
        _cell(a.target.exact, 200),
        _cell(a.note, 200),
        Text(a.color, style=label_style(a.color)),
        _cell(", ".join(a.tags), 30),
    ]


COLUMNS = ["Quote", "Note", "Colour", "Tags"]
RATIOS = {"Article": 2, "Section": 2, "Quote": 4, "Note": 3, "Tags": 1}


def _table(title: str, columns: list[str]) -> Table:
    table = Table(title=Text(title), header_style="bold", title_justify="left", expand=True)
    for name in columns:
        table.add_column(
            name,
            no_wrap=name not in RATIOS,
            ratio=RATIOS.get(name),
            min_width=6 if name == "Tags" else None,
        )
    return table


def run_list(args: argparse.Namespace) -> int:
    """List all annotations, or one article's (anchored in its current text)."""
    store = _store(args)
    if args.path is None:
        items = store.all()
        if args.json:
            _write_out(dumps([actions.listing(a) for a in items]))
            return EXIT_OK
        if not items:
            _console().print(Text(f"no notes in {one_line(str(store.path))}"), soft_wrap=True)
            return EXIT_OK
        count = counted(len(items), "annotation")
        table = _table(f"{count} in {one_line(str(store.path))}", ["ID", "Article", *COLUMNS])
        for a in items:
            row = _annotation_row(a)
            table.add_row(row[0], _cell(a.article.title or a.article.path, 40), *row[1:])
        _console().print(table)
        return EXIT_OK
    article = load(args.path)
    notes = actions.article_notes(store, article)
    if args.json:
        items_json = [
            actions.listing(x.annotation, x, article) for x in notes.placed + notes.orphans
        ]
        _write_out(dumps(items_json))
        return EXIT_OK
    out = _console()
    if not notes.placed and not notes.orphans:
        out.print(Text(f"no notes for {one_line(str(args.path))}"), soft_wrap=True)
        return EXIT_OK
    title = one_line(article.title or "(untitled)")
    table = _table(f"Notes on {title}", ["ID", "Section", "Anchor", *COLUMNS])
    for x in notes.placed:
        row = _annotation_row(x.annotation)
        section = article.section_at(x.start) if x.start is not None else None
        table.add_row(
            row[0], _cell(section.title if section else "—", 30), Text(x.status), *row[1:]
        )
    out.print(table)
    if notes.orphans:
        out.print(_orphan_table(notes.orphans))
    return EXIT_OK


def _orphan_table(orphans: list[Anchored]) -> Table:
    title = f"Unanchored ({len(orphans)}): passages no longer found in the article"
    table = _table(title, ["ID", *COLUMNS])
    for x in orphans:
        table.add_row(*_annotation_row(x.annotation))
    return table


def run_export(args: argparse.Namespace) -> int:
    """Export annotations as Markdown, our JSON or W3C JSON-LD."""
    article = load(args.path) if args.path else None
    sources = [Path(args.path)] if args.path else []
    if args.output:
        # Before reading anything: never the notes file or the article (an existing file, or
        # another article the notes are on, is refused once the notes are read).
        check_target(Path(args.output), _db(args), articles=sources, replace=True)
    store = _store(args)
    text = actions.export_text(store, args.format, article)
    if not args.output:
        _write_out(text)
        return EXIT_OK
    notes = store.for_article(article) if article is not None else store.all()
    sources += [Path(n.article.path) for n in notes
                if n.article.path and "://" not in n.article.path]
    write_export(Path(args.output), text, _db(args), articles=sources, replace=args.force)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Import annotations; existing ids are skipped, so importing twice adds nothing."""
    added, skipped = actions.import_file(_store(args), args.file, article_files=args.article)
    _write_out(f"imported {len(added)}, skipped {len(skipped)} already present\n")
    return EXIT_OK


def run_rm(args: argparse.Namespace) -> int:
    """Delete an annotation; prints its id."""
    removed = actions.remove(_store(args), args.id)
    _write_out(removed.id + "\n")
    return EXIT_OK


def run_reattach(args: argparse.Namespace) -> int:
    """Point an annotation at a quote of an article; prints its id."""
    article = load(args.path)
    try:
        a = actions.reattach(_store(args), args.id, article, args.quote, args.occurrence)
    except (actions.QuoteNotFound, actions.AmbiguousQuote) as exc:
        raise _quote_problem(args, exc) from None
    _write_out(a.id + "\n")
    return EXIT_OK


def run_move_aside(args: argparse.Namespace) -> int:
    """Rename a corrupt annotations file out of the way; prints the new name."""
    target = move_aside(_db(args))
    _write_out(f"moved {_db(args)} to {target}; a new file will be started on the next change\n")
    return EXIT_OK
