"""How the command line reports bad input: one line naming the file and the problem, exit 2."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the user must fix (a missing file, a quote not in the article); exits with 2."""
