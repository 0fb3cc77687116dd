"""A process killed (SIGKILL) at every step of moving an old notes file into per-article files
leaves either the old file as it was or the complete new layout: never a lost note. Counted
steps, no clock: the child kills itself just before (or just after) its k-th durable file
replacement, or just after writing the backup."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from annotations import Store
from annotations.codec import to_record
from annotations.layout import SHARD_AT, SHARDS

from .test_layout import many, note

REPO = Path(__file__).resolve().parents[2]
CHILD = """
import os, signal, sys
from annotations import Store, sharding, storage
from tests.annotations.test_layout import note

db, step, when = sys.argv[1], int(sys.argv[2]), sys.argv[3]
real_replace, calls = storage.DurableStorage._replace, [0]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def replace(self, *args, **kwargs):
    calls[0] += 1
    if calls[0] == step and when == "before":
        die()
    out = real_replace(self, *args, **kwargs)
    if calls[0] == step and when == "after":
        die()
    return out

real_fsync_dir = sharding.fsync_dir

def fsync_dir(directory):
    real_fsync_dir(directory)
    if when == "backup":
        die()

storage.DurableStorage._replace = replace
sharding.fsync_dir = fsync_dir
Store(db).add(note(99999, 1))
print("added", flush=True)
"""

# Three article files, then the catalogue, then the new note's article file.
STEPS = [(k, when) for k in range(1, 6) for when in ("before", "after")] + [(1, "backup")]


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("step", "when"), STEPS)
def test_a_kill_during_the_move_leaves_the_old_file_or_the_whole_new_layout(
    db_path: Path, step: int, when: str
) -> None:
    notes = many()
    old = orjson.dumps({"meta": {"schema": {"version": 1}},
                        "annotations": {a.id: to_record(a) for a in notes}})
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(old)
    child = subprocess.run([sys.executable, "-c", CHILD, str(db_path), str(step), when],
                           cwd=REPO, capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    data = orjson.loads(db_path.read_bytes())
    if SHARDS in data:  # the move was done: every note is in the new layout
        assert data["annotations"] == {}
    else:
        assert db_path.read_bytes() == old
    ids = {a.id for a in Store(db_path).all()}
    assert {a.id for a in notes} <= ids <= {a.id for a in notes} | {note(99999, 1).id}
    if when == "after" and step == 5:
        assert note(99999, 1).id in ids  # its write was complete
    # The next writer finishes the job, and loses nothing either.
    Store(db_path).add(note(99998, 2))
    final = {a.id for a in Store(db_path).all()}
    assert ids | {note(99998, 2).id} == final
    assert orjson.loads(db_path.read_bytes())["annotations"] == {}
    assert len(list(db_path.parent.glob("annotations.json.backup-*"))) >= 1
    assert len(Store(db_path)) == SHARD_AT + len(final - {a.id for a in notes})
