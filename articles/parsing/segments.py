"""Sentences and words inside a block, for moving a reading cursor through the text."""

from __future__ import annotations

import re

from articles.parsing.scan import WORD

_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[^\W_a-z])")
_ABBREVIATIONS = frozenset(
    "no mr mrs ms dr st prof assoc vol fig art jan feb mar apr aug sept sep oct nov dec gen col lt "
    "maj capt sr jr vs e.g i.e approx dept est".split()
)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]` as (start, end) offsets, trimmed of white space;
    "No. 26" and "Mr. Thong" do not end a sentence."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        before = text[max(start, m.start() - 8) : m.start()].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        while cursor < m.start() and text[cursor].isspace():
            cursor += 1
        stop = m.end()
        while stop > cursor and text[stop - 1].isspace():
            stop -= 1
        if stop > cursor:
            spans.append((cursor, stop))
        cursor = m.end()
    while cursor < end and text[cursor].isspace():
        cursor += 1
    stop = end
    while stop > cursor and text[stop - 1].isspace():
        stop -= 1
    if stop > cursor:
        spans.append((cursor, stop))
    return spans


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words of `text[start:end]` as (start, end) offsets."""
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` widened to whole words: a start or end inside a word (letters and
    digits on both sides) moves out to the word's edge. What a mouse drag selects."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end
