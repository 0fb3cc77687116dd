"""The `reader` command line (docs/design.md §2): open the TUI, or run a headless command, one
module per group of commands (`article_commands`, `notes_commands`, `page_commands`,
`search_command`), imported only when one of them is run."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from annotations.errors import StoreError, StoreReadOnly, StoreWriteError
from articles.errors import ArticleError
from reader.errors import (
    EXIT_BAD_INPUT,
    EXIT_FAILURE,
    BadInput,
    ReaderArgumentParser,
    say,
    store_problem,
)

SUBCOMMANDS = ("outline", "people", "documents", "notes", "save", "search")


def build_parser() -> argparse.ArgumentParser:
    """The parser for the headless subcommands."""
    parser = ReaderArgumentParser(
        prog="reader",
        description="Read articles on Vietnamese provincial politics; keep highlights and notes.",
    )
    # Imported here: opening the reader needs none of this, and starts faster without it.
    from reader.cli import article_commands, notes_commands, page_commands, search_command

    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    article_commands.register(sub)
    notes_commands.register(sub)
    page_commands.register(sub)
    search_command.register(sub)
    return parser


def version_line() -> str:
    """`reader 0.1.0`: the installed package's version, from its metadata."""
    try:
        return f"reader {version('reader')}"
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "reader (version unknown: not installed)"


def command_summary() -> str:
    """Every headless subcommand (and each `notes` action) with its one-line description."""
    lines = ["commands (see 'reader COMMAND --help'):"]
    for name, summary in _summaries(build_parser()):
        lines.append(f"  {name:<20} {summary}")
    return "\n".join(lines)


def _summaries(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for choice in action._choices_actions:
            name = prefix + choice.dest
            out.append((name, choice.help or ""))
            out += _summaries(action.choices[choice.dest], name + " ")
    return out


class _HelpWithCommands(argparse.Action):
    """`-h`/`--help` of `reader`: the usage, then the subcommands (built only when asked for,
    so opening the reader imports none of them)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="show this help (and the headless commands) and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        parser.epilog = command_summary()
        parser.print_help()
        parser.exit()


def build_tui_parser() -> argparse.ArgumentParser:
    """The parser for opening the reader: `reader [PATH|URL ...] [--db FILE] [--refresh]`."""
    parser = ReaderArgumentParser(
        prog="reader",
        description=textwrap.fill(
            "Open the reader on articles (no PATH: the bundled sample article), or run a "
            "headless command (listed below).",
            78,
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action=_HelpWithCommands)
    parser.add_argument("--version", action="version", version=version_line(),
                        help="print the version and exit")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="article files (.txt, .html), a directory, or a web address")
    parser.add_argument("--db", metavar="FILE", help="the annotations database file")
    parser.add_argument("--refresh", action="store_true",
                        help="fetch a web address again even if its page is stored")
    return parser


def subcommand_first(args: list[str]) -> list[str]:
    """The arguments with a leading `--db FILE` (as `reader --help` lists it) moved after the
    subcommand it precedes: `reader --db F notes list` is `reader notes list --db F`."""
    lead: list[str] = []
    i = 0
    while i < len(args):
        if args[i] == "--db" and i + 1 < len(args):
            lead += args[i : i + 2]
            i += 2
        elif args[i].startswith("--db="):
            lead.append(args[i])
            i += 1
        else:
            break
    if lead and i < len(args) and args[i] in SUBCOMMANDS:
        return [*args[i:], *lead]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args_list = subcommand_first(list(sys.argv[1:] if argv is None else argv))
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
        say(store_problem(exc))
        failed = isinstance(exc, StoreWriteError) and not isinstance(exc, StoreReadOnly)
        return EXIT_FAILURE if failed else EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_FAILURE
