"""The prepared next version of the annotations file: an add that uses it writes exactly the
bytes a full rewrite would, other writers and other processes are respected, and leftovers of a
killed process are cleaned up while a live process's are not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson

from annotations import Store
from annotations.storage import NEXT_SUFFIX, encode, temp_prefix
from tests.annotations.helpers import plain


def _next_files(db: Path) -> list[str]:
    return sorted(n for n in os.listdir(db.parent)
                  if n.startswith(temp_prefix(db)) and n.endswith(NEXT_SUFFIX))


def _full_rewrite_bytes(db: Path) -> bytes:
    """What writing the whole database anew would put in the file."""
    data = orjson.loads(db.read_bytes())
    return bytes(encode(data).payload)


def test_adds_through_the_prepared_version_write_what_a_full_rewrite_would(db_path: Path) -> None:
    store = Store(db_path)
    store.add(plain(0))
    for i in range(1, 30):
        assert store.settle()
        assert len(_next_files(db_path)) == 1  # prepared and waiting
        store.add(plain(i))
        assert db_path.read_bytes() == _full_rewrite_bytes(db_path)
    store.set_setting("theme", "textual-light")  # not an append: a full rewrite
    store.add(plain(30))
    assert db_path.read_bytes() == _full_rewrite_bytes(db_path)
    assert {a.id for a in Store(db_path).all()} == {plain(i).id for i in range(31)}


def test_back_to_back_adds_wait_for_the_version_being_prepared(db_path: Path) -> None:
    store = Store(db_path)
    for i in range(40):
        store.add(plain(i))
    assert db_path.read_bytes() == _full_rewrite_bytes(db_path)
    assert len(Store(db_path).all()) == 40


def test_another_writer_makes_the_prepared_version_stale(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path)
    first.add(plain(0))
    first.settle()
    second.add(plain(1))  # the file changes under the first store's prepared version
    first.add(plain(2))
    assert {a.id for a in Store(db_path).all()} == {plain(i).id for i in range(3)}
    assert db_path.read_bytes() == _full_rewrite_bytes(db_path)


def test_a_dead_process_leftover_is_removed_but_not_a_live_one(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_file = db_path.parent / f"{temp_prefix(db_path)}{dead.stdout.strip()}.x{NEXT_SUFFIX}"
    live_file = db_path.parent / f"{temp_prefix(db_path)}{os.getppid()}.y{NEXT_SUFFIX}"
    dead_file.write_bytes(b"left by a killed writer")
    live_file.write_bytes(b"another running reader's")
    Store(db_path).add(plain(0))
    assert not dead_file.exists()
    assert live_file.exists()


def test_closing_the_store_removes_its_prepared_version(db_path: Path) -> None:
    script = (
        "import sys\n"
        "from annotations import Store\n"
        "from tests.annotations.helpers import plain\n"
        "s = Store(sys.argv[1]); s.add(plain(0)); s.settle()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(db_path)], check=True,
                   cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert _next_files(db_path) == []
    assert len(Store(db_path).all()) == 1


def test_a_store_that_is_dropped_removes_its_prepared_version(db_path: Path) -> None:
    import gc

    store = Store(db_path)
    store.add(plain(0))
    assert store.settle()
    assert len(_next_files(db_path)) == 1
    del store
    gc.collect()
    assert _next_files(db_path) == []
