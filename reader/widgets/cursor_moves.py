"""Where the reading cursor can go in an article, as plain offsets: the sentence at a point,
the next or previous sentence or word (crossing into the next block), the first and the last
sentence, how far through the text a point is. The article view moves its cursor by these."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from articles import Article
from articles.model import BODY_KINDS

CURSOR_KINDS = BODY_KINDS | {"title"}
"""The blocks the cursor goes through (not the byline, credits or footer)."""

Range = tuple[int, int]


def _sentences(text: str, start: int, end: int) -> list[Range]:
    from articles.parsing.segments import sentence_spans  # the cursor's first move needs it

    return sentence_spans(text, start, end)


def _words(text: str, start: int, end: int) -> list[Range]:
    from articles.parsing.segments import word_spans

    return word_spans(text, start, end)


class CursorMoves:
    """The sentences and words of one article's text that the cursor visits."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        self.blocks = article.blocks
        self._cursor_blocks = [i for i, b in enumerate(self.blocks) if b.kind in CURSOR_KINDS]
        self._starts = [self.blocks[i].start for i in self._cursor_blocks]

    def _sentences_of(self, k: int) -> list[Range]:
        block = self.blocks[self._cursor_blocks[k]]
        return _sentences(self.text, block.start, block.end)

    def _block_index_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def sentence_at(self, offset: int, *, starting: bool = False) -> Range | None:
        """The sentence holding `offset` (with `starting`, the first that starts at or after
        it, in the same block or the next)."""
        if not self._cursor_blocks:
            return None
        k = self._block_index_at(offset)
        for j in range(k, min(k + 2, len(self._cursor_blocks))):
            for span in self._sentences_of(j):
                if (span[0] >= offset) if starting else (span[0] <= offset < span[1]
                                                          or offset < span[0]):
                    return span
        sentences = self._sentences_of(k)
        return sentences[-1] if sentences else None

    def first_sentence(self) -> Range | None:
        """The first sentence of the text (the headline's, when there is one)."""
        first = self._sentences_of(0) if self._cursor_blocks else []
        return first[0] if first else None

    def last_sentence(self) -> Range | None:
        """The last sentence of the text."""
        last = self._sentences_of(len(self._cursor_blocks) - 1) if self._cursor_blocks else []
        return last[-1] if last else None

    def next_sentence(self, cursor: Range, step: int) -> Range | None:
        """The sentence after (`step` 1) or before (-1) `cursor` (None at either end)."""
        return self._next(cursor, step, _sentences)

    def next_word(self, cursor: Range, step: int) -> Range | None:
        """The word after (`step` 1) or before (-1) `cursor` (None at either end)."""
        return self._next(cursor, step, _words)

    def _next(self, cursor: Range, step: int,
              spans_of: Callable[[str, int, int], list[Range]]) -> Range | None:
        k = self._block_index_at(cursor[0])
        while 0 <= k < len(self._cursor_blocks):
            block = self.blocks[self._cursor_blocks[k]]
            spans = spans_of(self.text, block.start, block.end)
            if step > 0:
                # the next span starting after the cursor's start: from a whole sentence,
                # `w` goes to its second word (not to the next sentence's first)
                after = [span for span in spans if span[0] > cursor[0]]
                if after:
                    return after[0]
            else:
                before = [span for span in spans if span[1] <= cursor[0]]
                if before:
                    return before[-1]
            k += step
        return None

    def percent_at(self, offset: int, cursor: Range | None) -> int:
        """How far through the text `offset` is: 100 only with the cursor on the last
        sentence."""
        if not self._cursor_blocks:
            return 100
        last = self.blocks[self._cursor_blocks[-1]]
        if cursor is not None and cursor[1] >= last.end:
            return 100
        return min(99, offset * 100 // max(1, last.end))

    @property
    def empty(self) -> bool:
        """Whether the text has nowhere for the cursor to go."""
        return not self._cursor_blocks
