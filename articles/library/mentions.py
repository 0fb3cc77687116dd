"""Mentions loaded when shown: a library built from light entries (`IndexCache.light_entries`)
knows how many mentions each person and document has, and `load_mentions` reads them, from
the index's `mentions` table, when the library screen shows one of them. `step_mention` walks
mentions across the library."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from articles.library.build import (
    Citation,
    LibraryDocument,
    LibraryPerson,
    article_order,
    mention_order,
)
from articles.library.entry import ArticleSummary, LibraryMention

MentionSource = Callable[[str, str, Sequence[ArticleSummary]],
                         dict[Path, list[tuple[LibraryMention, ...]]]]
"""`IndexCache.mentions_of`: (owner "p" or "d", key, articles) -> per article, the mentions of
each entry with that key there, in entry order."""


def load_mentions(item: LibraryPerson | LibraryDocument, source: MentionSource
                  ) -> LibraryPerson | LibraryDocument:
    """`item` with all its mentions, in library order (`item` itself when they are there)."""
    if isinstance(item, LibraryPerson):
        if len(item.mentions) == item.mention_count:
            return item
        found = source("p", item.key.split("#", 1)[0], item.articles)  # "<name>#<place>"
        mentions = tuple(m for article in item.articles for group in found.get(article.path, [])
                         for m in group)
        return replace(item, mentions=mentions, mention_count=len(mentions))
    if all(len(c.mentions) == c.mention_count for c in item.citations):
        return item
    code = item.key.split("#", 1)[0]
    found = source("d", code, [c.article for c in item.citations])
    citations = []
    taken: dict[Path, int] = {}
    for citation in item.citations:
        groups = found.get(citation.path, [])
        n = taken.get(citation.path, 0)
        taken[citation.path] = n + 1
        mentions = groups[n] if n < len(groups) else ()
        citations.append(Citation(citation.article, mentions, len(mentions)))
    return replace(item, citations=tuple(citations))


def step_index(
    mentions: Sequence[LibraryMention], article: ArticleSummary, offset: int,
    forward: bool = True, wrap: bool = False,
) -> int | None:
    """The index of the mention after (or before) position `offset` of `article` in library
    order, for `n`/`N`: `mentions` must be in library order (as `LibraryPerson.mentions` are).
    None at either end unless `wrap` (and None when there are no mentions)."""
    if not mentions:
        return None
    keys = [mention_order(m) for m in mentions]
    here = (*article_order(article), offset)
    if forward:
        i = bisect.bisect_right(keys, here)
        if i < len(mentions):
            return i
        return 0 if wrap else None
    i = bisect.bisect_left(keys, here) - 1
    if i >= 0:
        return i
    return len(mentions) - 1 if wrap else None


def step_mention(
    mentions: Sequence[LibraryMention], article: ArticleSummary, offset: int,
    forward: bool = True, wrap: bool = False,
) -> LibraryMention | None:
    """The mention after (or before) position `offset` of `article` (see `step_index`)."""
    index = step_index(mentions, article, offset, forward, wrap)
    return None if index is None else mentions[index]
