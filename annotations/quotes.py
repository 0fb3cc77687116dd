"""Finding a quote typed by a user (`reader notes add --quote`) in an article's canonical text."""

from __future__ import annotations

import re
import unicodedata


def normalize_quote(quote: str) -> str:
    """The quote as the canonical text would hold it: NFC, `\\n` line ends, no outer space."""
    return unicodedata.normalize("NFC", quote.replace("\r\n", "\n").replace("\r", "\n")).strip()


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The offsets of the `occurrence`-th (1-based) place where `quote` occurs in `text`: exactly,
    or else with each run of white space in the quote matching any run of white space (a quote
    typed on one line matches a passage that spans a line or paragraph break). None if absent."""
    spans = find_all(text, quote)
    return spans[occurrence - 1] if 1 <= occurrence <= len(spans) else None


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every non-overlapping place where `quote` occurs (see find_quote)."""
    quote = normalize_quote(quote)
    if not quote:
        return []
    spans: list[tuple[int, int]] = []
    i = text.find(quote)
    while i >= 0:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + len(quote))
    if spans:
        return spans
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]
