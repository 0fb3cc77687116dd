"""The garbage collector's settings for an interactive session: short pauses while reading."""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000
"""Allocations between collections of the youngest generation (Python's default is 700).

Textual's strips refer to themselves through their caches, so every frame leaves cyclic
garbage. Collected young, it costs a millisecond or two; with the default threshold it lives
long enough to be promoted, and is then found by full collections that stall the screen for
50-70 ms (measured pressing `n` through a 1 MB article)."""


def tune_for_reading() -> None:
    """Set everything loaded so far aside from future collections (modules, the article: they
    live as long as the program), and collect young garbage in larger, cheaper batches."""
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, 10, 10)
