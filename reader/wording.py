"""How the reader words a count in its status lines and messages: "1 match", "3 matches"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, the noun in the plural unless `count` is one: counted(1, "match")
    is "1 match", counted(2, "match") "2 matches", counted(0, "article") "0 articles"."""
    if count == 1:
        return f"1 {noun}"
    if plural is None:
        plural = noun + ("es" if noun.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return f"{count} {plural}"
