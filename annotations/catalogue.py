"""The catalogue of a store's per-article files (table `shards` of the notes file, see
annotations/layout.py): which file holds the notes made on which article references."""

from __future__ import annotations

from collections.abc import Iterator
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
    """The `shards` table, looked up as it is: no index is built when the notes file is read
    (so reading it costs what parsing it costs); a lookup scans the entries once. `check` must
    have passed before a lookup."""

    def __init__(self, table: dict[str, dict[str, Any]] | None = None,
                 path: Path | None = None) -> None:
        self._table = table or {}
        self._path = path or Path()

    @property
    def refs(self) -> dict[str, dict[str, Any]]:
        """Key -> entry, for every per-article file the catalogue names."""
        return self._table

    def _entries(self) -> Iterator[tuple[str, list[Any]]]:
        for key, doc in self._table.items():
            refs = doc.get("refs")
            if not isinstance(refs, list) or not KEY_PATTERN.fullmatch(key):
                raise CorruptStoreError(self._path, f"catalogue entry {key!r} is not a shard entry")
            yield key, refs

    def check(self) -> None:
        """CorruptStoreError naming the first entry that is not a catalogue entry."""
        for key, refs in self._entries():
            for item in refs:
                _checked(item, key, self._path)

    def has(self, key: str, ref: ArticleRef) -> bool:
        """Whether the entry of `key` lists this reference."""
        doc = self._table.get(key)
        refs = doc.get("refs") if doc is not None else None
        return isinstance(refs, list) and list(_triple(ref)) in refs

    def keys_for(self, ref: ArticleRef) -> set[str]:
        """The files that may hold notes of this article: a reference with its content hash,
        its path, or its title (a moved file; the file's own index tells if it moved away)."""
        keys: set[str] = set()
        rid, path, title = ref.id, ref.path or None, ref.title or None
        for key, doc in self._table.items():
            for item in doc["refs"]:
                if item[0] == rid or item[1] == path or item[2] == title:
                    keys.add(key)
                    break
        return keys


def _checked(item: object, key: str, path: Path) -> None:
    if not (isinstance(item, list) and len(item) == 3 and all(isinstance(x, str) for x in item)):
        raise CorruptStoreError(path, f"catalogue entry {key!r}: bad reference")


def entry_with(table: dict[str, dict[str, Any]], key: str, refs: set[ArticleRef]
               ) -> dict[str, Any]:
    """The catalogue entry of `key` (from `table`) with these references added."""
    known = {tuple(r) for r in table.get(key, {}).get("refs", [])}
    merged = sorted(known | {_triple(r) for r in refs})
    return {"refs": [list(t) for t in merged]}
