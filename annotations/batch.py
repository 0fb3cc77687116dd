"""Adding several notes at once (an import) to a store of per-article files, all or nothing.

Under the lock: (1) the buckets are made to list every file the notes go to (a pointer to
nothing new is harmless); (2) when the notes go to more than one file, the journal is written
(annotations/journal.py), naming every note and its file; (3) each file is written, with the
import marks of its notes, in one durable write each; (4) the journal is removed: that is the
commit. While the journal exists its notes are not shown (to this process or another). A write
that fails takes the notes out again at once; a process killed before (4) leaves the journal,
and the next writer, before anything else, takes out of each file the notes it names (they were
new, so nothing else is lost) and removes it. A single file's import is one atomic write and
needs no journal."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from annotations import schema
from annotations.codec import to_record
from annotations.model import Annotation
from annotations.note_file import NoteFile
from annotations.store_files import StoreFiles


def recover(files: StoreFiles) -> None:
    """Under the lock, before any write: take out the notes of an import cut short."""
    adding = files.journal.adding()
    if not adding:
        return
    for key, ids in adding.items():
        _take_out(files.shard(key), ids)
    files.journal.end()


def _take_out(shard: NoteFile, ids: list[str]) -> None:
    """Remove these notes (and their import marks) from the file, in one durable write."""
    tables = shard.fresh() or {}
    notes = tables.get(schema.ANNOTATIONS, {})
    marks = tables.get(schema.IMPORTED, {})
    if not any(i in notes or i in marks for i in ids):
        return
    shard.check_writable()

    def change(tables: schema.Tables) -> None:
        for table in (schema.ANNOTATIONS, schema.IMPORTED):
            for i in ids:
                tables.get(table, {}).pop(i, None)

    shard.annotations().rewrite(change)
    for i in ids:
        shard.index.discard(i)


def add_to_shards(files: StoreFiles, groups: dict[str, dict[str, Annotation]],
                  stamp: dict[str, Any] | None,
                  writable: Callable[[str], NoteFile]) -> None:
    """Write each group of new notes to the file of its key (`writable(key)` gives it, read
    by content and checked writable), all or nothing; with `stamp`, each note is marked as
    imported in its file."""
    targets = {key: writable(key) for key in groups}  # a bad file refused before any write
    files.buckets.add({k: {a.article for a in g.values()} for k, g in groups.items()})
    journaled = len(groups) > 1
    if journaled:
        files.journal.begin({key: sorted(group) for key, group in groups.items()})
    written: list[str] = []
    try:
        for key, group in groups.items():
            target = targets[key]
            records = {i: to_record(a) for i, a in group.items()}
            marks = (schema.IMPORTED, {i: dict(stamp) for i in group}) if stamp else None
            written.append(key)  # before the write: a failed write may still have landed
            target.annotations().put_many(records, also=marks)
            for a in group.values():
                target.index.add(a)
    except BaseException:
        if journaled:
            with contextlib.suppress(Exception):  # else the next writer does it
                for key in written:
                    _take_out(files.shard(key), sorted(groups[key]))
                files.journal.end()
        raise
    if journaled:
        files.journal.end()
