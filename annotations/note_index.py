"""The in-memory index of the annotations read from a notes file, for `Store.for_article`."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotations import schema
from annotations.bulkcheck import check_records
from annotations.codec import Record, from_record
from annotations.errors import AnnotationError, CorruptStoreError
from annotations.model import Annotation, ArticleRef


class NoteIndex:
    """The annotations of one version of the file, indexed for `for_article`: by article
    reference (shared by all notes made on one version of an article), and each reference by
    content hash, path and title. Records are validated in bulk when the file is read and
    turned into Annotation objects when first asked for."""

    def __init__(self) -> None:
        self.items: dict[str, Annotation | Record] = {}
        self.ref_of: dict[str, ArticleRef] = {}
        self.by_ref: dict[ArticleRef, set[str]] = {}
        self.refs_by_id: dict[str, set[ArticleRef]] = {}
        self.refs_by_path: dict[str, set[ArticleRef]] = {}
        self.refs_by_title: dict[str, set[ArticleRef]] = {}
        self.shared: dict[tuple[Any, ...], ArticleRef] = {}

    @classmethod
    def of(cls, tables: schema.Tables | None, path: Path) -> NoteIndex:
        """The index of the annotations table (every record validated)."""
        index = cls()
        records = (tables or {}).get(schema.ANNOTATIONS, {})
        try:
            refs = check_records(records)
        except AnnotationError as exc:
            raise CorruptStoreError(path, str(exc)) from None
        index.shared = dict(refs)
        by_ref: dict[ArticleRef, set[str]] = {ref: set() for ref in refs.values()}
        ref_of = index.ref_of
        for key, record in records.items():
            art = record["article"]
            ref = refs[(art["id"], art["path"], art["title"])]
            ref_of[key] = ref
            by_ref[ref].add(key)
        index.items = dict(records)
        for ref, ids in by_ref.items():
            if ids:
                index.by_ref[ref] = ids
                for lookup, name in index._lookups(ref):
                    lookup.setdefault(name, set()).add(ref)
        return index

    def _lookups(self, ref: ArticleRef) -> Iterator[tuple[dict[str, set[ArticleRef]], str]]:
        for lookup, key in (
            (self.refs_by_id, ref.id),
            (self.refs_by_path, ref.path),
            (self.refs_by_title, ref.title),
        ):
            if key:
                yield lookup, key

    def _place(self, key: str, item: Annotation | Record, ref: ArticleRef) -> None:
        self.items[key] = item
        self.ref_of[key] = ref
        ids = self.by_ref.get(ref)
        if ids is None:
            ids = self.by_ref[ref] = set()
            for lookup, name in self._lookups(ref):
                lookup.setdefault(name, set()).add(ref)
        ids.add(key)

    def add(self, a: Annotation) -> None:
        """Index a new or changed annotation."""
        self.discard(a.id)
        self._place(a.id, a, a.article)

    def discard(self, annotation_id: str) -> None:
        """Forget an annotation."""
        if self.items.pop(annotation_id, None) is None:
            return
        ref = self.ref_of.pop(annotation_id)
        ids = self.by_ref[ref]
        ids.discard(annotation_id)
        if not ids:
            del self.by_ref[ref]
            for lookup, name in self._lookups(ref):
                refs = lookup[name]
                refs.discard(ref)
                if not refs:
                    del lookup[name]

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation (built from its record on first use); AnnotationError if invalid."""
        item = self.items.get(annotation_id)
        if item is None or isinstance(item, Annotation):
            return item
        a = from_record(item, self.shared)
        self.items[annotation_id] = a
        return a

    def matching(self, ref: ArticleRef) -> set[str]:
        """The ids of notes on this article: same content hash, same path, or same title on a
        file that no longer exists (the article was moved)."""
        ids = self.ids_for(self.refs_by_id, ref.id)
        if ref.path:
            ids |= self.ids_for(self.refs_by_path, ref.path)
        if ref.title:
            for other in self.refs_by_title.get(ref.title, ()):
                if moved_away(other.path):
                    ids |= self.by_ref[other]
        return ids

    def ids_for(self, lookup: dict[str, set[ArticleRef]], key: str) -> set[str]:
        """The ids of the annotations whose reference has this hash, path or title."""
        out: set[str] = set()
        for ref in lookup.get(key, ()):
            out |= self.by_ref[ref]
        return out


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Building tens of thousands of small objects runs the cyclic GC for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()



def moved_away(path: str) -> bool:
    """Whether an annotation's article path no longer names a file (the article was moved);
    a web address is never moved away."""
    if path.startswith(("http://", "https://")):
        return False
    return not path or not os.path.isfile(path)

