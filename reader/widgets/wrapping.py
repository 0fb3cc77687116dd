"""Breaking an article's blocks into screen lines: positions only (cheap, eager), so the view
can build styled strips lazily for the lines it shows."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from articles import Block

# Characters that take two cells or none; text without them wraps by counting characters. The
# pattern is compiled on first need (it takes milliseconds): ASCII text never needs it.
_NOT_ONE_CELL_CLASS = (
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u1100-\u115f"
    "\u200b-\u200f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U0001f000-\U0001faff\U00020000-\U0003fffd]"
)


@functools.cache
def _not_one_cell_pattern() -> re.Pattern[str]:
    return re.compile(_NOT_ONE_CELL_CLASS)


def not_one_cell(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds a character that takes two cells or none."""
    if text.isascii():
        return False
    return _not_one_cell_pattern().search(text, start, end) is not None


@dataclass(frozen=True, slots=True)
class Layout:
    """Screen lines of an article at one width: `starts[i]:ends[i]` is line i's text and
    `blocks[i]` the index of its block, or -1 for the blank line between blocks."""

    width: int
    starts: list[int]
    ends: list[int]
    blocks: list[int]

    def __len__(self) -> int:
        return len(self.starts)


def _cells_wrap(text: str, pos: int, end: int, width: int) -> int:
    """Where a line starting at `pos` must break, counting cells (for wide characters)."""
    cells = 0
    i = pos
    while i < end:
        size = get_character_cell_size(text[i])
        if cells + size > width:
            break
        cells += size
        i += 1
    if i >= end:
        return end
    space = text.rfind(" ", pos, i + 1)
    return space if space > pos else max(i, pos + 1)


def layout(text: str, blocks: Sequence[Block], width: int) -> Layout:
    """Wrap every block to `width` cells, a blank line after each block."""
    width = max(width, 1)
    starts: list[int] = []
    ends: list[int] = []
    owners: list[int] = []
    for index, block in enumerate(blocks):
        segment = block.start
        wide = not_one_cell(text, block.start, block.end)
        while True:
            newline = text.find("\n", segment, block.end)
            segment_end = block.end if newline < 0 else newline
            pos = segment
            while pos < segment_end or pos == segment:
                if wide:
                    brk = _cells_wrap(text, pos, segment_end, width)
                elif segment_end - pos <= width:
                    brk = segment_end
                else:
                    brk = text.rfind(" ", pos, pos + width + 1)
                    if brk <= pos:
                        brk = pos + width
                starts.append(pos)
                ends.append(brk)
                owners.append(index)
                if brk >= segment_end:
                    break
                pos = brk
                while pos < segment_end and text[pos] == " ":
                    pos += 1
                if pos >= segment_end:
                    break
            if newline < 0:
                break
            segment = newline + 1
        starts.append(block.end)
        ends.append(block.end)
        owners.append(-1)
    return Layout(width, starts, ends, owners)


def cell_to_char(text: str, start: int, end: int, cell: int) -> int:
    """The offset of the character shown at `cell` on a line showing `text[start:end]`."""
    if cell <= 0:
        return start
    if not not_one_cell(text, start, end):
        return min(start + cell, end)
    cells = 0
    for i in range(start, end):
        cells += get_character_cell_size(text[i])
        if cells > cell:
            return i
    return end
