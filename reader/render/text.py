"""The small formatters every list and table shares: a string cut to one short line, a date."""

from __future__ import annotations

from datetime import date, datetime

from articles.model import iso_day
from reader.safe_text import one_line

SNIPPET = 90
"""How long a quote or note is shown in a list."""


def shorten(text: str, limit: int = SNIPPET) -> str:
    """One line of at most `limit` characters, with an ellipsis when cut."""
    line = one_line(" ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def day(value: date | datetime | None) -> str:
    """A date as the tables show it (YYYY-MM-DD), or a dash."""
    return iso_day(value) or "—"
