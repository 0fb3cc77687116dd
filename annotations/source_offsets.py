"""Offsets in the text a local article file gives a consumer (docs/design.md §9): the decoded file,
its BOM removed, its line ends as they are in the file. Our offsets index the canonical text
(NFC, `\n` line ends, no BOM); this maps between the two for a plain text file whose canonical
form is its text with only the line ends changed (an NFC file: any other is not mapped)."""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from annotations.model import ArticleRef, Target
from articles.errors import ArticleError
from articles.sources.regular_file import read_regular
from articles.sources.textio import MAX_BYTES, canonicalize, decode


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text as a consumer reads it, and its canonical form: `pairs` holds, for each
    CRLF of the file, the canonical offset of the one `\n` it became."""

    text: str
    canonical: str
    pairs: tuple[int, ...]
    pair_ends: tuple[int, ...]
    """For each CRLF, the file offset just after it."""

    def to_file(self, offset: int) -> int:
        """The file-text offset of a canonical offset."""
        return offset + bisect_left(self.pairs, offset)

    def to_canonical(self, offset: int) -> int:
        """The canonical offset of a file-text offset (inside a CRLF: after its line end)."""
        return offset - bisect_right(self.pair_ends, offset)

    def selects(self, target: Target) -> bool:
        """Whether the target's offsets select its quote in this file's canonical text."""
        return self.canonical[target.start : target.end] == target.exact

    def file_target(self, target: Target) -> Target:
        """The target with offsets, quote, prefix and suffix as they are in the file's text
        (the target must select its quote here: see `selects`)."""
        start, end = self.to_file(target.start), self.to_file(target.end)
        prefix_start = target.start - len(target.prefix)
        prefix = target.prefix
        if prefix_start >= 0 and self.canonical[prefix_start : target.start] == prefix:
            prefix = self.text[self.to_file(prefix_start) : start]
        suffix = target.suffix
        if self.canonical[target.end : target.end + len(suffix)] == suffix:
            suffix = self.text[end : self.to_file(target.end + len(suffix))]
        exact = self.text[start:end]
        return Target(exact=exact, prefix=prefix, suffix=suffix, start=start, end=end)


SourceLookup = Callable[[ArticleRef], "SourceText | None"]


def source_text(text: str) -> SourceText | None:
    """The mapping for decoded file text (a leading BOM is dropped first); None when its
    canonical form differs from it by more than line ends (not NFC, or more BOMs)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    canonical = canonicalize(text)
    if text.replace("\r\n", "\n").replace("\r", "\n") != canonical:
        return None
    pairs: list[int] = []
    at = text.find("\r\n")
    while at != -1:
        pairs.append(at - len(pairs))
        at = text.find("\r\n", at + 2)
    ends = tuple(k + i + 2 for i, k in enumerate(pairs))
    return SourceText(text, canonical, tuple(pairs), ends)


def read_source(path: str) -> SourceText | None:
    """The text of the plain local text file at `path` as a consumer reads it; None for a web
    address, a saved page (its offsets index the article read from the markup), a relative
    path, or a file that cannot be read or mapped."""
    from articles.sources import is_page

    if not path or path.startswith(("http://", "https://")) or is_page(path):
        return None
    p = Path(path)
    if not p.is_absolute():
        return None
    try:
        return source_text(decode(read_regular(p, MAX_BYTES), p))
    except (OSError, ArticleError, ValueError):
        return None


def _read_ref(ref: ArticleRef) -> SourceText | None:
    return read_source(ref.path)


def named_sources(paths: Iterable[Path | str]) -> SourceLookup:
    """A lookup that reads only these files (the articles the user named for an import): a
    reference to any other path, whatever an import file says, is never opened."""
    allowed = {os.path.normpath(os.path.abspath(p)) for p in paths}

    def read(ref: ArticleRef) -> SourceText | None:
        if not ref.path or os.path.normpath(ref.path) not in allowed:
            return None
        return read_source(ref.path)

    return cached_sources(read)


def cached_sources(read: SourceLookup = _read_ref) -> SourceLookup:
    """`read` (default: the file at the reference's path) asked once per article path."""
    seen: dict[str, SourceText | None] = {}

    def find(ref: ArticleRef) -> SourceText | None:
        if ref.path not in seen:
            seen[ref.path] = read(ref)
        return seen[ref.path]

    return find
