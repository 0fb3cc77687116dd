"""A corrupt or unreadable file gives one clear error naming the file and the problem, and is
never overwritten or repaired: it stays byte-for-byte unchanged until the user explicitly moves
it aside."""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from annotations import (
    CorruptStoreError,
    Store,
    StoreError,
    StoreReadError,
    StoreVersionError,
    move_aside,
)
from annotations.codec import to_record

from .helpers import plain


def _valid_bytes(tmp_path: Path, n: int = 30) -> bytes:
    path = tmp_path / "valid" / "annotations.json"
    s = Store(path)
    for i in range(n):
        s.add(plain(i))
    return path.read_bytes()


def _bad_record() -> bytes:
    record = to_record(plain(1))
    record["color"] = "orange"
    return orjson.dumps({"meta": {"schema": {"version": 1}}, "annotations": {record["id"]: record}})


CASES: dict[str, tuple[Callable[[bytes], bytes], type[StoreError], str]] = {
    "truncated": (lambda valid: valid[: len(valid) // 2], CorruptStoreError, "truncated JSON"),
    "truncated by one byte": (lambda valid: valid[:-1], CorruptStoreError, "truncated JSON"),
    "random bytes": (
        lambda valid: random.Random(7).randbytes(4096),
        CorruptStoreError,
        "not valid JSON",
    ),
    "empty": (lambda valid: b"", CorruptStoreError, "empty"),
    "a list": (
        lambda valid: b"[1, 2, 3]",
        CorruptStoreError,
        "wrong shape: the top level is a list",
    ),
    "table not an object": (
        lambda valid: b'{"meta": {"schema": {"version": 1}}, "annotations": [1]}',
        CorruptStoreError,
        "wrong shape: table 'annotations' is a list",
    ),
    "document not an object": (
        lambda valid: b'{"meta": {"schema": {"version": 1}}, "annotations": {"a": "b"}}',
        CorruptStoreError,
        "wrong shape: document 'a'",
    ),
    "no schema version": (
        lambda valid: b'{"_default": {}}',
        CorruptStoreError,
        "no schema version",
    ),
    "an invalid record": (
        lambda valid: _bad_record(),
        CorruptStoreError,
        "color: 'orange' is not one of",
    ),
    "a future schema": (
        lambda valid: b'{"meta": {"schema": {"version": 99}}, "annotations": {}}',
        StoreVersionError,
        "newer reader (schema version 99",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_files_give_one_clear_error_and_stay_unchanged(
    case: str, tmp_path: Path, db_path: Path
) -> None:
    make, error, problem = CASES[case]
    content = make(_valid_bytes(tmp_path))
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    store = Store(db_path)
    attempts: list[Callable[[], object]] = [
        store.all,
        store.check,
        lambda: store.get(plain(1).id),
        lambda: store.add(plain(100)),
        lambda: store.add_many([plain(101)]),
        lambda: store.remove(plain(1).id),
        lambda: store.set_setting("theme", "x"),
        lambda: store.set_position("k", 3),
        lambda: Store(db_path).all(),
    ]
    for attempt in attempts:
        with pytest.raises(error) as info:
            attempt()
        message = str(info.value)
        assert message.startswith(f"{db_path}: ") and problem in message
        assert "\n" not in message
        assert info.value.path == db_path
    assert db_path.read_bytes() == content
    assert sorted(os.listdir(db_path.parent)) in (
        ["annotations.json"],
        ["annotations.json", "annotations.json.lock"],
    )


def test_an_unreadable_path_is_a_read_error(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(StoreReadError, match="is a directory"):
        Store(db_path).all()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_no_permission_is_a_read_error(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(_valid_bytes(tmp_path))
    db_path.chmod(0)
    try:
        with pytest.raises(StoreReadError, match="permission denied"):
            Store(db_path).all()
    finally:
        db_path.chmod(0o600)


def test_a_file_that_goes_bad_later_is_noticed(store: Store, db_path: Path) -> None:
    store.add(plain(1))
    content = db_path.read_bytes()[:-10]
    db_path.write_bytes(content)
    with pytest.raises(CorruptStoreError):
        store.add(plain(2))
    assert db_path.read_bytes() == content


def test_move_aside_is_explicit_and_keeps_the_file(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b'{"truncated": ')
    when = datetime(2024, 5, 1, 8, 30, 0, tzinfo=UTC)
    target = move_aside(db_path, now=when)
    assert target == db_path.with_name("annotations.json.corrupt-20240501T083000Z")
    assert target.read_bytes() == b'{"truncated": ' and not db_path.exists()
    fresh = Store(db_path)
    assert fresh.all() == []
    fresh.add(plain(1))
    db_path.write_bytes(b"garbage")
    second = move_aside(db_path, now=when)
    assert second.name == "annotations.json.corrupt-20240501T083000Z-1"
    assert target.read_bytes() == b'{"truncated": '


def test_move_aside_refuses_a_good_missing_or_newer_file(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no such file"):
        move_aside(db_path)
    Store(db_path).add(plain(1))
    content = db_path.read_bytes()
    with pytest.raises(StoreError, match="loads fine"):
        move_aside(db_path)
    assert db_path.read_bytes() == content
    db_path.write_bytes(b'{"meta": {"schema": {"version": 5}}}')
    with pytest.raises(StoreVersionError):
        move_aside(db_path)
    assert db_path.exists()
