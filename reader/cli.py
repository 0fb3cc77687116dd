"""The `reader` command line: open the TUI, or run a headless command (docs/design.md §2)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from annotations.errors import StoreError, StoreReadOnly, StoreWriteError
from articles.errors import ArticleError
from reader.errors import EXIT_BAD_INPUT, EXIT_FAILURE, BadInput, ReaderArgumentParser, say

SUBCOMMANDS = ("outline", "people", "documents", "notes", "save")


def build_parser() -> argparse.ArgumentParser:
    """The parser for the headless subcommands."""
    parser = ReaderArgumentParser(
        prog="reader",
        description="Read articles on Vietnamese provincial politics; keep highlights and notes.",
    )
    # Imported here: opening the reader needs none of this, and starts faster without it.
    from reader.commands import article_commands, notes_commands, page_commands

    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    article_commands.register(sub)
    notes_commands.register(sub)
    page_commands.register(sub)
    return parser


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser for opening the reader: `reader [PATH|URL ...] [--db FILE] [--refresh]`."""
    parser = ReaderArgumentParser(
        prog="reader",
        description=(
            "Open the reader on articles (no PATH: the bundled sample article). "
            f"Headless commands: {', '.join(SUBCOMMANDS)} (see 'reader COMMAND --help')."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (.txt, .html), a directory, or a web address")
    parser.add_argument("--db", metavar="FILE", help="the annotations database file")
    parser.add_argument("--refresh", action="store_true",
                        help="fetch a web address again even if its page is stored")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            args = build_parser().parse_args(args_list)
            result: int = args.func(args)
            return result
        args = build_tui_parser().parse_args(args_list)
        from reader.launch import launch

        return launch(args.paths, args.db, refresh=args.refresh)
    except (ArticleError, BadInput) as exc:
        say(str(exc))
        return EXIT_BAD_INPUT
    except StoreError as exc:
        # A corrupt, unreadable or newer-version annotations file is bad input (2); a change
        # that could not be made durable (no space, no permission, lock timeout) a failure (1);
        # a read-only file is the user's choice, so bad input too.
        say(str(exc))
        failed = isinstance(exc, StoreWriteError) and not isinstance(exc, StoreReadOnly)
        return EXIT_FAILURE if failed else EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_FAILURE
