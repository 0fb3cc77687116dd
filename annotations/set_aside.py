"""Setting a corrupt notes file aside: the user's explicit way to start fresh."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from annotations.errors import CorruptStoreError, StoreError, StoreWriteError
from annotations.storage import fsync_dir
from annotations.store import Store


def move_aside(path: Path | str, *, now: datetime | None = None) -> Path:
    """The user's explicit choice for a corrupt file: rename it to
    `<name>.corrupt-<UTC timestamp>` next to it (nothing is deleted) so that a fresh file is
    started on the next change. Returns the new name. Refuses (StoreError) when the file is
    missing, loads fine, is from a newer reader or unreadable, or cannot be moved. When the
    notes file is sound but one of its per-article files is corrupt, that file is set aside
    (its article's notes are then in the file set aside, not lost)."""

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
    return target

