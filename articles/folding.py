"""Diacritic- and case-insensitive folding: the identity of names, codes and search terms."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "’": "'", "‘": "'"})


def strip_marks(text: str) -> str:
    """`text` without combining marks (NFD, marks dropped, đ→d), keeping case.

    Every Vietnamese letter folds to exactly one character, so for text in NFC the result has
    the same length as the input whenever the input holds no stray combining marks.
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The identity form of `text`: no diacritics, lower case, single spaces."""
    return " ".join(strip_marks(text).lower().split())


def fold_aligned(text: str) -> tuple[str, list[int]]:
    """Fold `text` character by character, returning the folded text and, for each of its
    characters, the offset in `text` it came from. Used to search folded text and report
    offsets into the original."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = strip_marks(ch).lower()
        for f in folded:
            out.append(f)
            origin.append(i)
    return "".join(out), origin
