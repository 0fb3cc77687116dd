"""Making article and note text safe to show: control characters and bidi controls become
visible symbols, so no escape sequence from a file ever reaches the terminal and no hidden
reordering changes what a line seems to say. Offsets are kept (one character each)."""

from __future__ import annotations

REPLACEMENT = 0xFFFD
"""What a C1 control or a bidi control shows as (�)."""

BIDI_CONTROLS = (
    *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
    *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
    0x200E,  # LRM
    0x200F,  # RLM
    0x061C,  # ALM
)
"""Characters that reorder the text around them without showing themselves."""

_TABLE = {c: 0x2400 + c for c in range(0x20) if c not in (0x0A,)}
_TABLE[0x7F] = 0x2421
_TABLE.update({c: REPLACEMENT for c in range(0x80, 0xA0)})
_TABLE.update({c: REPLACEMENT for c in BIDI_CONTROLS})
_TABLE[0x2028] = 0x2424  # line separator: ␤, it would break the line on some terminals
_TABLE[0x2029] = 0x2424  # paragraph separator
_TABLE[0x09] = 0x20  # a tab shows as one space, keeping offsets aligned


def visible(text: str) -> str:
    """`text` with C0/C1 control characters (other than newline) replaced by visible symbols
    (ESC becomes ␛, a C1 control �), bidi controls (U+202A–202E, U+2066–2069, U+200E, U+200F,
    U+061C) shown as �, and U+2028/U+2029 as ␤; the result has the same length as `text`."""
    return text.translate(_TABLE)


def one_line(text: str) -> str:
    """`visible(text)` on one line: newlines become spaces."""
    return visible(text).replace("\n", " ")


JSON_ESCAPES = {
    c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), *BIDI_CONTROLS, 0x2028, 0x2029)
}
"""Escapes for JSON text (C0 controls are escaped by any JSON encoder already): the same JSON,
safe to show on a terminal."""


def json_safe(text: str) -> str:
    """JSON text with C1 controls, bidi controls and line separators written as \\u escapes."""
    return text.translate(JSON_ESCAPES)


def restore_hidden(original: str, edited: str) -> str:
    """The text the user means after editing `visible(original)` into `edited`: every part of
    `edited` left as shown is given back its original characters (the control characters the
    symbols stood for); what was typed is kept as typed. So a note holding ESC or a bidi
    control round-trips through an editor that shows it safely."""
    shown = visible(original)
    if edited == shown:
        return original
    import difflib

    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, shown, edited, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append(original[i1:i2] if op == "equal" else edited[j1:j2])
    return "".join(out)
