"""Setting a corrupt notes file aside: the user's explicit way to start fresh."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from annotations.buckets import rebuild_bucket
from annotations.errors import CorruptStoreError, StoreError, StoreWriteError
from annotations.layout import shard_files
from annotations.model import ArticleRef
from annotations.note_file import NoteFile
from annotations.storage import fsync_dir
from annotations.store import Store


def move_aside(path: Path | str, *, now: datetime | None = None) -> Path:
    """The user's explicit choice for a corrupt file: rename it to
    `<name>.corrupt-<UTC timestamp>` next to it (nothing is deleted) so that a fresh file is
    started on the next change. Returns the new name. Refuses (StoreError) when the file is
    missing, loads fine, is from a newer reader or unreadable, or cannot be moved. When the
    notes file is sound but one of its per-article files is corrupt, that file is set aside
    (its article's notes are then in the file set aside, not lost). A corrupt bucket of the
    catalogue is set aside and written anew from the per-article files; it may be named itself
    (as the message about it suggests), or through its notes file."""

    named = BUCKET_FILE.fullmatch(Path(path).name)
    if named is not None and (Path(path).parent / named.group(1)).is_file():
        path = Path(path).parent / named.group(1)  # under the store's lock, as any other
    store = Store(path)
    real = store._real
    if not real.is_file():
        raise StoreError(real, "no such file; nothing to move aside")
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    with store._locked():
        try:
            store.check()
        except CorruptStoreError as exc:
            real = exc.path  # the notes file, or the per-article file that is corrupt
        else:
            raise StoreError(real, "the file loads fine (it is not corrupt); nothing was moved")
        names = [f"{real.name}.corrupt-{stamp}"] + [
            f"{real.name}.corrupt-{stamp}-{n}" for n in range(1, 100)
        ]
        target = next(
            (real.with_name(n) for n in names if not os.path.lexists(real.with_name(n))), None
        )
        if target is None:  # pragma: no cover - a hundred corrupt files in one second
            raise StoreError(real, "too many files set aside this second; try again")
        try:
            os.rename(real, target)
            fsync_dir(real.parent)
        except OSError as exc:
            raise StoreWriteError(real, f"cannot move it aside: {exc.strerror or exc}") from None
        bucket = BUCKET_NAME.fullmatch(real.name[len(store._real.name):])
        if real.parent == store._real.parent and bucket is not None:
            _rebuild(store._real, bucket.group(1))
    return target


BUCKET_NAME = re.compile(r"\.catalogue-([0-9a-f]{2})\.json")
BUCKET_FILE = re.compile(r"(.+)\.catalogue-[0-9a-f]{2}\.json")


def _rebuild(db: Path, name: str) -> None:
    """A bucket set aside is written anew from the per-article files (it is only an index)."""

    def refs_of() -> Iterator[tuple[str, list[ArticleRef]]]:
        for path in shard_files(db):
            note_file = NoteFile(path, prepare_next=False)
            note_file.sync()
            yield path.name[len(db.name) + 1:-len(".json")], list(note_file.index.by_ref)

    try:
        rebuild_bucket(db, name, refs_of())
    except StoreError as exc:
        raise StoreError(exc.path, f"the catalogue could not be rebuilt: {exc.problem}") from None

