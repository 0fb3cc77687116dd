"""A one-line picture of where in the article something is mentioned (as Kindle's X-Ray)."""

from __future__ import annotations

from collections.abc import Iterable

BARS = " ▁▂▃▄▅▆▇█"


def mention_strip(positions: Iterable[int], text_length: int, width: int = 24) -> str:
    """`width` cells, one per slice of the article; taller bars where mentions cluster, a dot
    where there are none."""
    counts = [0] * width
    length = max(1, text_length)
    for pos in positions:
        counts[min(width - 1, max(0, pos) * width // length)] += 1
    peak = max(counts) or 1
    cells = []
    for count in counts:
        if count == 0:
            cells.append("·")
        else:
            cells.append(BARS[max(1, round(count * (len(BARS) - 1) / peak))])
    return "".join(cells)
