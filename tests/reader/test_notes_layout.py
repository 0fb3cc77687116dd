"""The app on a large old notes file: the first highlight moves the notes into one file per
article and says so once, in a toast naming the backup; nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson

from annotations.codec import to_record
from annotations.layout import SHARD_AT
from annotations.store import Store
from reader.app import ReaderApp
from tests.annotations.helpers import plain
from tests.reader.helpers import opened, settle

SIZE = (140, 40)


def _toasts(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_move_to_per_article_files_is_told_once(
    make_app: Callable[..., ReaderApp], db_path: Path
) -> None:
    old = orjson.dumps({"meta": {"schema": {"version": 1}},
                        "annotations": {a.id: to_record(a) for a in map(plain, range(SHARD_AT))}})
    db_path.write_bytes(old)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert db_path.read_bytes() == old  # opening writes nothing
        await pilot.press("right", "h")
        await settle(pilot)
        (backup,) = db_path.parent.glob(f"{db_path.name}.backup-*")
        told = [t for t in _toasts(app) if "one file per article" in t]
        assert len(told) == 1 and str(backup) in told[0]
        await pilot.press("right", "right", "h")
        await settle(pilot)
        assert len([t for t in _toasts(app) if "one file per article" in t]) == 1
    assert backup.read_bytes() == old and len(Store(db_path).all()) == SHARD_AT + 2
