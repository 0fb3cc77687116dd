"""Moving the notes the notes file keeps itself into per-article files (annotations/layout.py):
done under the store's lock, before the write that would leave `SHARD_AT` notes or more in it.

Crash-safe by order: (1) an old notes file (one with no catalogue yet) is copied to
`<name>.backup-<UTC time>` (a temporary file, synced, then renamed); (2) every per-article file
is written and synced; (3) the notes file is replaced, in one atomic write, by the catalogue
with no notes of its own. A crash before (3) leaves the old file as it was (the per-article
files written so far are listed nowhere; the next attempt adds to them the same notes again);
after (3) the new layout is complete. No note is ever only in memory. A per-article file found
already there is added to, never replaced: it may hold notes of an earlier store whose notes
file was set aside."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotations import schema
from annotations.catalogue import entry_with
from annotations.errors import StoreWriteError
from annotations.layout import SHARDS, backup_name, shard_key
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

    def catalogue(tables: schema.Tables) -> None:
        shards = tables.setdefault(SHARDS, {})
        for key, found in refs.items():
            shards[key] = entry_with(shards, key, found)
        tables[schema.ANNOTATIONS] = {}

    files.main.annotations().rewrite(catalogue)
    files.catalogue_written()
    files.main.index = type(files.main.index)()
    for key in groups:
        files.shard(key).storage.invalidate()  # read back (and indexed) when next needed
    return backup
