"""Moving a store to the current layout (annotations/layout.py), under the store's lock.

The notes the notes file keeps itself move into per-article files before the write that would
leave `SHARD_AT` notes or more in it. Crash-safe by order: (1) an old notes file (one with no
catalogue yet) is copied to `<name>.backup-<UTC time>` (a temporary file, synced, then
renamed); (2) every per-article file is written and synced; (3) the catalogue's buckets are
made to list them; (4) the notes file is replaced, in one atomic write, by the layout with no
notes of its own. A crash before (4) leaves the old file as it was (the per-article files and
buckets written so far are read by nobody: the old file has no layout; the next attempt adds to
them the same notes again); after (4) the new layout is complete. No note is ever only in
memory. A per-article file (or bucket) found already there is added to, never replaced: it may
hold notes of an earlier store whose notes file was set aside.

A store of the layout before (its whole catalogue in table `shards` of the notes file) moves its
catalogue to the buckets at its first write, the same way: backup, buckets, then the notes file
with the layout in one atomic write; until then it is read as it is."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotations import schema
from annotations.errors import StoreWriteError
from annotations.layout import LAYOUT_DOC, LAYOUT_KEY, SHARDS, backup_name, shard_key
from annotations.model import ArticleRef
from annotations.storage import fsync_dir
from annotations.store_files import StoreFiles


def _ref(record: dict[str, Any]) -> ArticleRef:
    art = record["article"]
    return ArticleRef(id=art["id"], path=art["path"], title=art["title"])


def _backup(db: Path, now: datetime) -> Path:
    """A synced copy of the notes file, mode 0600, under a name of its own."""
    target = backup_name(db, now.strftime("%Y%m%dT%H%M%SZ"))
    fd, tmp = tempfile.mkstemp(prefix=f".{db.name}.", suffix=".tmp", dir=db.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(db, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(db.parent)
    return target


def move_notes_to_shards(files: StoreFiles, *, now: datetime | None = None) -> Path | None:
    """Move the notes kept in the notes file into per-article files; returns the backup made
    of an old notes file (None when the store had a catalogue already, or no file). The caller
    holds the lock and has just read the notes file afresh."""
    tables = files.sync()
    legacy = not files.sharded
    backup = None
    try:
        if legacy and files.main.storage.exists:
            backup = _backup(files.db, now or datetime.now(UTC))
    except OSError as exc:
        raise StoreWriteError(files.db, f"cannot back it up: {exc.strerror or exc}") from None
    groups: dict[str, dict[str, dict[str, Any]]] = {}
    refs: dict[str, set[ArticleRef]] = {}
    for note_id, record in tables.get(schema.ANNOTATIONS, {}).items():
        key = shard_key(_ref(record))
        groups.setdefault(key, {})[note_id] = record
        refs.setdefault(key, set()).add(_ref(record))
    for key, records in groups.items():
        shard = files.shard(key)
        shard.fresh()  # a file already there is added to, never replaced (see above)
        shard.annotations().put_many(records)

    files.buckets.add(refs)

    def layout(tables: schema.Tables) -> None:
        tables[SHARDS] = {LAYOUT_KEY: dict(LAYOUT_DOC)}
        tables[schema.ANNOTATIONS] = {}

    files.main.annotations().rewrite(layout)
    files.catalogue_written()
    files.main.index = type(files.main.index)()
    for key in groups:
        files.shard(key).storage.invalidate()  # read back (and indexed) when next needed
    return backup


def move_catalogue_to_buckets(files: StoreFiles, *, now: datetime | None = None) -> Path | None:
    """Move the file references table `shards` lists into the buckets, then keep only the
    layout there; returns the backup made of a notes file of the layout before (None when it
    had the layout already: references an earlier reader listed beside it are just moved).
    The caller holds the lock and has just read the notes file afresh."""
    files.sync()
    backup = None
    if not files.catalogue.bucketed:
        try:
            backup = _backup(files.db, now or datetime.now(UTC))
        except OSError as exc:
            raise StoreWriteError(files.db, f"cannot back it up: {exc.strerror or exc}") from None
    listed = {key: {ArticleRef(*t) for t in entry["refs"]}
              for key, entry in files.catalogue.refs.items()}
    files.buckets.add(listed)

    def layout(tables: schema.Tables) -> None:
        tables[SHARDS] = {LAYOUT_KEY: dict(LAYOUT_DOC)}

    files.main.annotations().rewrite(layout)
    files.catalogue_written()
    return backup
