"""Walking one person's (or document's) mentions, or a text search's hits, across the library,
article after article in date order: what `n` and `N` follow when an article was opened from
who's who, the documents or the Text view."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from articles.library import LibraryMention

WalkKind = Literal["person", "document", "search"]


def same_file(a: Path | None, b: Path | None) -> bool:
    """Whether two paths name the same file."""
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


@dataclass(frozen=True, slots=True)
class LibraryWalk:
    """The mentions of one person or document across the library, and the current one."""

    kind: WalkKind
    key: str
    label: str
    mentions: tuple[LibraryMention, ...]
    index: int = 0

    @property
    def current(self) -> LibraryMention:
        """The mention the reader is on."""
        return self.mentions[self.index]

    def step(self, delta: int) -> LibraryWalk:
        """The next (1) or previous (-1) mention in library order, wrapping around at the
        ends (`articles.library.mentions.step_index`)."""
        from articles.library.mentions import step_index

        current = self.current
        index = step_index(self.mentions, current.article, current.start, delta > 0, wrap=True)
        return replace(self, index=self.index if index is None else index)

    def at(self, index: int) -> LibraryWalk:
        """The walk with mention `index` current."""
        return replace(self, index=index % len(self.mentions))

    @property
    def article_count(self) -> int:
        """How many articles the mentions are in."""
        return len({m.path for m in self.mentions})

    def article_number(self) -> int:
        """Which of those articles (1-based, in walk order) holds the current mention."""
        seen: list[Path] = []
        for m in self.mentions[: self.index + 1]:
            if m.path not in seen:
                seen.append(m.path)
        return len(seen)

    def status(self) -> str:
        """"Nguyen Van Thong 3/25 · article 2 of 7"."""
        return (f"{self.label} {self.index + 1}/{len(self.mentions)} · article "
                f"{self.article_number()} of {self.article_count}")
