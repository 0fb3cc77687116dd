"""The one message every library pane posts when the reader picks something to read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from reader.walk import LibraryWalk


class OpenArticle(Message):
    """Open the article at `path`: at offset `at`, or at the current mention of `walk` (whose
    `n`/`N` then continue across the library)."""

    def __init__(self, path: Path, *, at: int | None = None,
                 walk: LibraryWalk | None = None) -> None:
        self.path = path
        self.at = at
        self.walk = walk
        super().__init__()
