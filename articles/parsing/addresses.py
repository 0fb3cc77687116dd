"""Street addresses in running text: a name after a house number is a street, not a person
("VTV News, 43 Nguyen Chi Thanh, Ba Dinh, Hanoi")."""

from __future__ import annotations

import re

from articles.parsing.scan import WORD

HOUSE_NUMBER = re.compile(
    r"(?<![\w.,])(?:No\. ?)?\d{1,4}[A-Za-z]?(?:/\d{1,4})* $"
)
"""A house number and a space (on the same line) right before a name: "43 Nguyen Chi Thanh,
Ba Dinh" is a street address."""
MONTHS = frozenset(
    "january february march april may june july august september october november december"
    .split()
)


def street_address(text: str, start: int, end: int) -> bool:
    """Whether the name at `text[start:end]` is the street of an address: a house number right
    before it ("43 Nguyen Chi Thanh"), not a year or a day of a month ("March 14 Nguyen ..."),
    and a comma and another capitalised name right after it (", Ba Dinh")."""
    number = HOUSE_NUMBER.search(text, max(0, start - 12), start)
    if number is None or not re.match(r",\s*[A-ZĐ]", text[end : end + 4]):
        return False
    digits = re.match(r"(?:No\. ?)?(\d+)", number.group())
    if digits is not None and len(digits.group(1)) == 4 and digits.group(1)[:2] in ("19", "20"):
        return False  # a year: "In 2024 Nguyen Van A, ..."
    before = WORD.findall(text, max(0, number.start() - 12), number.start())
    return not (before and before[-1].lower() in MONTHS)
