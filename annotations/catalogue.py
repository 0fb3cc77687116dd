"""The catalogue of a store's per-article files (table `shards` of the notes file, see
annotations/layout.py): which file holds the notes made on which article references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotations.errors import CorruptStoreError
from annotations.layout import KEY_PATTERN
from annotations.model import ArticleRef

RefTriple = tuple[str, str, str]
"""(content hash, path, title) of an article reference, as the catalogue keeps it."""


def _triple(ref: ArticleRef) -> RefTriple:
    return (ref.id, ref.path, ref.title)


class Catalogue:
    """The `shards` table read into lookups by content hash, path and title."""

    def __init__(self) -> None:
        self.refs: dict[str, set[RefTriple]] = {}
        self.by_id: dict[str, set[str]] = {}
        self.by_path: dict[str, set[str]] = {}
        self.by_title: dict[str, set[str]] = {}

    @classmethod
    def of(cls, table: dict[str, dict[str, Any]] | None, path: Path) -> Catalogue:
        """The catalogue of a `shards` table; CorruptStoreError naming what is wrong."""
        out = cls()
        for key, doc in (table or {}).items():
            refs = doc.get("refs")
            if not KEY_PATTERN.fullmatch(key) or not isinstance(refs, list):
                raise CorruptStoreError(path, f"catalogue entry {key!r} is not a shard entry")
            for item in refs:
                if not (isinstance(item, list) and len(item) == 3
                        and all(isinstance(x, str) for x in item)):
                    raise CorruptStoreError(path, f"catalogue entry {key!r}: bad reference")
                out._place(key, (item[0], item[1], item[2]))
            out.refs.setdefault(key, set())
        return out

    def _place(self, key: str, triple: RefTriple) -> None:
        self.refs.setdefault(key, set()).add(triple)
        for lookup, name in ((self.by_id, triple[0]), (self.by_path, triple[1]),
                             (self.by_title, triple[2])):
            if name:
                lookup.setdefault(name, set()).add(key)

    def has(self, key: str, ref: ArticleRef) -> bool:
        """Whether the entry of `key` lists this reference."""
        return _triple(ref) in self.refs.get(key, ())

    def keys_for(self, ref: ArticleRef) -> set[str]:
        """The files that may hold notes of this article: a reference with its content hash,
        its path, or its title (a moved file; the file's own index tells if it moved away)."""
        keys = set(self.by_id.get(ref.id, ()))
        if ref.path:
            keys |= self.by_path.get(ref.path, set())
        if ref.title:
            keys |= self.by_title.get(ref.title, set())
        return keys


def entry_with(table: dict[str, dict[str, Any]], key: str, refs: set[ArticleRef]
               ) -> dict[str, Any]:
    """The catalogue entry of `key` (from `table`) with these references added."""
    known = {tuple(r) for r in table.get(key, {}).get("refs", [])}
    merged = sorted(known | {_triple(r) for r in refs})
    return {"refs": [list(t) for t in merged]}
