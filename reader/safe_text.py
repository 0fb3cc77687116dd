"""Making article and note text safe to show: control characters become visible symbols, so no
escape sequence from a file ever reaches the terminal. Offsets are kept (one character each)."""

from __future__ import annotations

_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x0A,)}
_TABLE[0x7F] = 0x2421
_TABLE.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_TABLE[0x09] = 0x20  # a tab shows as one space, keeping offsets aligned


def visible(text: str) -> str:
    """`text` with C0/C1 control characters (other than newline) replaced by visible symbols
    (ESC becomes ␛); the result has the same length as `text`."""
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """`visible(text)` on one line: newlines become spaces."""
    return visible(text).replace("\n", " ")
