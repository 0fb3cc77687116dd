"""How the command line reports bad input: one line naming the file and the problem, exit 2;
every message goes through `say`, which shows control and bidi characters as visible symbols."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from annotations.errors import CorruptStoreError, StoreError
from reader.safe_text import one_line

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the user must fix (a missing file, a quote not in the article); exits with 2."""


class UsageError(BadInput):
    """A command line argparse cannot parse (a missing or unknown argument)."""


class ReaderArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (raised as UsageError, not printed with
    the usage): the sub-parsers made from it are of this class too."""

    def error(self, message: str) -> NoReturn:
        """Raise UsageError naming the command, the problem, and where help is."""
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def say(message: str) -> None:
    """Print one message line on standard error, as "reader: <message>", with control
    characters, bidi controls and newlines from file names or file contents made visible."""
    print(f"reader: {one_line(message)}", file=sys.stderr)


def store_problem(exc: StoreError) -> str:
    """The message for an annotations file that cannot be used; for a corrupt one, with the
    way out (the same words for the TUI and for the `notes` commands)."""
    if isinstance(exc, CorruptStoreError):
        return (f"{exc}; nothing was changed. To keep it aside and start a new file: "
                f"reader notes move-aside --db {shell_quoted(exc.path)}")
    return str(exc)


def shell_quoted(path: Path) -> str:
    """`path` as typed in a shell: bare when it is only safe characters, else in quotes."""
    text = str(path)
    return (
        text
        if all(c.isalnum() or c in "/._-~" for c in text)
        else "'" + text.replace("'", "'\\''") + "'"
    )
