"""The library: many articles, one index of the officials and documents across them.

`build` merges per-article entries into a `Library` (who's who, documents told apart); `entry`
is what the index keeps per article; `mentions` loads and walks mentions across articles;
`document_identity` and `who_is_who` tell documents and people apart; `indexer` lists, parses
and indexes a folder. The names of `articles.library.build` are importable from here, as they
were when the library was one module."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from articles.library.build import (
        DOUBT_KEY,
        ArticleEntry,
        ArticleSummary,
        Citation,
        EntryDocument,
        EntryFormatError,
        EntryPerson,
        Library,
        LibraryDocument,
        LibraryMention,
        LibraryPerson,
        PostDate,
        PostHistory,
        article_order,
        build_library,
        entry_from_article,
        error_entry,
        mention_order,
        normalise_code,
        provisional_summary,
    )

__all__ = [
    "DOUBT_KEY",
    "ArticleEntry",
    "ArticleSummary",
    "Citation",
    "EntryDocument",
    "EntryFormatError",
    "EntryPerson",
    "Library",
    "LibraryDocument",
    "LibraryMention",
    "LibraryPerson",
    "PostDate",
    "PostHistory",
    "article_order",
    "build_library",
    "entry_from_article",
    "error_entry",
    "mention_order",
    "normalise_code",
    "provisional_summary",
]


def __getattr__(name: str) -> Any:
    """The names of `articles.library.build`, imported on first use (so that importing a
    submodule such as `articles.library.entry` does not build the whole library module)."""
    if name in __all__:
        return getattr(import_module("articles.library.build"), name)
    raise AttributeError(f"module 'articles.library' has no attribute {name!r}")
