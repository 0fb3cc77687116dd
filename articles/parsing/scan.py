"""Regular expressions for scanning English text with Vietnamese names: words, capitalised runs."""

from __future__ import annotations

import re

UPPER = "".join(filter(str.isupper, map(chr, range(0x41, 0x2000))))
"""Every upper-case letter up to U+1FFF (Latin, Latin Extended, Vietnamese); letters need no
escaping inside a regular expression's character class."""

CAP_WORD = rf"[{UPPER}][^\W_]*(?:['’-][^\W_]+)*"
"""A capitalised word: "Nguyen", "Thông", "People's", "Ba-Ria"."""

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""Any word, digits included, with an inner apostrophe."""


def words_before(text: str, pos: int, count: int, floor: int = 0) -> list[str]:
    """Up to `count` words ending before `pos`, nearest last, not looking before `floor`."""
    window = text[max(floor, pos - 24 * count) : pos]
    return WORD.findall(window)[-count:]


def next_word(text: str, pos: int) -> re.Match[str] | None:
    """The first word at or after `pos`, if only spaces stand between."""
    m = WORD.search(text, pos, pos + 40)
    if m is None or text[pos : m.start()].strip(" "):
        return None
    return m
