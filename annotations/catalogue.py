"""Table `shards` of the notes file (annotations/layout.py): the layout of the store, and in a
store of the layout before the buckets, its whole catalogue (which file holds the notes made on
which article references), read as it is until the first write moves it to the buckets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotations.errors import CorruptStoreError
from annotations.layout import KEY_PATTERN, LAYOUT_DOC, LAYOUT_KEY
from annotations.model import ArticleRef

RefTriple = tuple[str, str, str]
"""(content hash, path, title) of an article reference, as the catalogue keeps it."""


def _triple(ref: ArticleRef) -> RefTriple:
    return (ref.id, ref.path, ref.title)


class Catalogue:
    """The `shards` table, looked up as it is: no index is built when the notes file is read
    (so reading it costs what parsing it costs). A lookup scans the entries once, checking each
    as it goes; `check` checks them all (before a write, and for `Store.check`)."""

    def __init__(self, table: dict[str, dict[str, Any]] | None = None,
                 path: Path | None = None) -> None:
        self._table = table or {}
        self._path = path or Path()
        self.checked = False

    @property
    def refs(self) -> dict[str, dict[str, Any]]:
        """Key -> entry, for every per-article file the table itself names (checked first;
        none in a store whose catalogue is in buckets)."""
        self.check()
        return {k: v for k, v in self._table.items() if k != LAYOUT_KEY}

    @property
    def bucketed(self) -> bool:
        """Whether the store's catalogue is in buckets (annotations/buckets.py)."""
        return LAYOUT_KEY in self._table

    @property
    def legacy(self) -> bool:
        """Whether the table lists files itself (to be moved to the buckets)."""
        return len(self._table) > (1 if self.bucketed else 0)

    def _scan(self, ref: ArticleRef | None) -> set[str]:
        """The keys whose entry lists a reference sharing `ref`'s content hash, path or title
        (none when `ref` is None); CorruptStoreError at the first entry that is not one."""
        keys: set[str] = set()
        rid = ref.id if ref is not None else None
        path = (ref.path or None) if ref is not None else None
        title = (ref.title or None) if ref is not None else None
        for key, doc in self._table.items():
            if key == LAYOUT_KEY:
                if doc != LAYOUT_DOC:
                    raise CorruptStoreError(
                        self._path, f"catalogue entry {key!r} is not a layout this reader knows"
                    )
                continue
            refs = doc.get("refs")
            if type(refs) is not list or len(key) != 16 or not KEY_PATTERN.fullmatch(key):
                raise CorruptStoreError(self._path, f"catalogue entry {key!r} is not a shard entry")
            for item in refs:
                if (type(item) is not list or len(item) != 3 or type(item[0]) is not str
                        or type(item[1]) is not str or type(item[2]) is not str):
                    raise CorruptStoreError(self._path, f"catalogue entry {key!r}: bad reference")
                if item[0] == rid or item[1] == path or item[2] == title:
                    keys.add(key)
        self.checked = True
        return keys

    def check(self) -> None:
        """CorruptStoreError naming the first entry that is not a catalogue entry."""
        if not self.checked:
            self._scan(None)

    def has(self, key: str, ref: ArticleRef) -> bool:
        """Whether the entry of `key` lists this reference."""
        doc = self._table.get(key)
        refs = doc.get("refs") if doc is not None else None
        return isinstance(refs, list) and list(_triple(ref)) in refs

    def keys_for(self, ref: ArticleRef) -> set[str]:
        """The files that may hold notes of this article: a reference with its content hash,
        its path, or its title (a moved file; the file's own index tells if it moved away)."""
        return self._scan(ref)


def entry_with(table: dict[str, dict[str, Any]], key: str, refs: set[ArticleRef]
               ) -> dict[str, Any]:
    """The catalogue entry of `key` (from `table`) with these references added."""
    known = {tuple(r) for r in table.get(key, {}).get("refs", [])}
    merged = sorted(known | {_triple(r) for r in refs})
    return {"refs": [list(t) for t in merged]}
