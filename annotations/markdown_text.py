"""Plain text made safe to place in Markdown: it shows as the same characters and never becomes
a heading, HTML, a list, a link, code, a quote, a table or emphasis (CommonMark and GFM)."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>&!|~#])")
"""Characters that start markup anywhere in a line: backslash-escaped (CommonMark §2.4)."""

_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=:])")
"""At the start of a line: an ordered list marker (`1.`, `1)`), a bullet (`-`, `+`), a setext
underline (`=`, `-`) or a GFM definition/table colon."""

_LEADING_SPACE = re.compile(r"^[ \t]+")


def _leading(match: re.Match[str]) -> str:
    # Indentation as character references: four spaces would otherwise make a code block.
    return "".join("&#9;" if c == "\t" else "&#32;" for c in match.group(0))


def escape_line(line: str) -> str:
    """One line of plain text as Markdown inline text showing the same characters."""
    out = _INLINE.sub(r"\\\1", line)
    out = _LEADING_SPACE.sub(_leading, out)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(1)
                           else "\\" + m.group(3), out, count=1)


def escape_inline(text: str) -> str:
    """Text for one line (a heading, a list of tags): white space runs made single spaces."""
    return escape_line(" ".join(text.split()))


def escape_block(text: str) -> list[str]:
    """Multi-line plain text as Markdown lines of one paragraph group: each line ends with a
    hard break so the lines stay lines; a run of blank lines becomes one paragraph break."""
    lines: list[str] = []
    for raw in text.strip("\n").split("\n"):
        if not raw.strip():
            if lines and lines[-1]:
                lines.append("")
            continue
        if lines and lines[-1]:
            lines[-1] += "\\"  # a hard line break after the line before
        lines.append(escape_line(raw.rstrip()))
    return lines


def code_span(text: str) -> str:
    """`text` as a code span fenced by more backticks than any run inside it."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"
