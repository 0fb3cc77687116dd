"""Searching article text the way readers expect: case- and diacritic-insensitive ("thong"
finds "Thông"), with offsets into the canonical text."""

from __future__ import annotations

import re
from functools import lru_cache

from articles.folding import fold, strip_marks


@lru_cache(maxsize=8)
def folded_with_origin(text: str) -> tuple[str, tuple[int, ...] | None]:
    """`text` folded to lower case without diacritics, and the map from each folded character
    to its offset in `text` (None when the two line up one to one, the usual case)."""
    folded = strip_marks(text).lower()
    if len(folded) == len(text):
        return folded, None
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for f in strip_marks(ch).lower():
            out.append(f)
            origin.append(i)
    return "".join(out), tuple(origin)


def find_all(text: str, query: str, limit: int = 100_000, whole_words: bool = False
             ) -> list[tuple[int, int]]:
    """Every occurrence of `query` in `text` as (start, end) offsets, ignoring case, diacritics
    and differences in white space. An empty query finds nothing. With `whole_words`, an
    occurrence must not start or end inside a word (letters and digits): "lam" finds "Lâm"
    but not "lamp", as the full-text index's words do."""
    words = fold(query).split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    # Word edges are checked after matching: a look-behind in the pattern would cost the
    # regex engine its fast literal scan (ten times slower on an article).
    check_start = whole_words and words[0][0].isalnum()
    check_end = whole_words and words[-1][-1].isalnum()
    folded, origin = folded_with_origin(text)
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(folded):
        if check_start and m.start() > 0 and folded[m.start() - 1].isalnum():
            continue
        if check_end and m.end() < len(folded) and folded[m.end()].isalnum():
            continue
        if origin is None:
            spans.append((m.start(), m.end()))
        else:
            spans.append((origin[m.start()], origin[m.end() - 1] + 1))
        if len(spans) >= limit:
            break
    return spans
