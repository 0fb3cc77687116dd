"""Requirement 13: fault tests, bounded in count (never by a clock).

A child process adding notes in a loop is killed with SIGKILL at random moments, at least 50
times; after each kill the file loads and every id the child printed (printed only once its
write was durable) is in it. Two processes adding 200 notes each into one file end with all 400.
(Corrupt files: see test_corrupt.py.)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations import Store, storage

from .helpers import plain

CHILD = Path(__file__).with_name("fault_child.py")
KILLS = 60
MIN_MID_WRITE = 10
"""Kills of whole-file writers that must land inside a write (evidence the test probes the
dangerous window). The loop goes on until both counts are reached, so a slow machine makes the
test longer, never failing: it counts events, it asserts no time."""
MAX_KILLS = 400


def _spawn(db: Path, count: int, mode: str = "next") -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(count), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _complete_lines(output: bytes) -> list[str]:
    """The ids the child finished printing (a line cut by the kill is not an acknowledgement)."""
    return output.decode("ascii").split("\n")[:-1]


@pytest.mark.timeout(600)
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_never_loses_an_acknowledged_note(tmp_path: Path) -> None:
    db = tmp_path / "data" / "annotations.json"
    # Start with 2,000 notes, so that every write takes a few milliseconds to kill it in.
    Store(db, prepare_next=False).add_many([plain(i) for i in range(2000)])
    rng = random.Random(20240501)
    acknowledged: set[str] = set()
    kills = mid_write = full_kills = 0
    while (kills < KILLS or mid_write < MIN_MID_WRITE) and kills < MAX_KILLS:
        # Alternate: writes of the whole file, and writes through a prepared next version.
        mode = "full" if kills % 2 == 0 else "next"
        full_kills += mode == "full"
        child = _spawn(db, 1_000_000, mode)
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()  # the child is now adding in a loop
        assert first.endswith(b"\n"), child.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.02))
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, errors.decode()
        kills += 1
        printed = _complete_lines(first + rest)
        assert printed, "the child printed nothing"
        acknowledged.update(printed)
        if mode == "full" and any(
            n.endswith(".tmp") and not n.endswith(".old.tmp") for n in os.listdir(db.parent)
        ):
            mid_write += 1  # killed between creating its temporary file and the rename
        stored = {a.id for a in Store(db).all()}  # loads: no CorruptStoreError
        missing = acknowledged - stored
        assert not missing, f"after kill {kills}: {len(missing)} acknowledged ids lost"
    assert kills >= KILLS
    # Kills of whole-file writers land inside a write (evidence the test probes the dangerous
    # window; a writer through a prepared version leaves no such trace).
    assert mid_write >= MIN_MID_WRITE, (mid_write, full_kills)
    # A later writer cleans up the temporary files of killed writers and loses nothing.
    Store(db, prepare_next=False).add(plain(5000))
    storage.drain_pending_deletions()
    assert not [n for n in os.listdir(db.parent) if n.endswith((".tmp", ".next"))]
    final = {a.id for a in Store(db).all()}
    assert acknowledged <= final and len(final) >= 2001 + len(acknowledged)
    print(
        f"\n{kills} kills ({mid_write} mid-write), {len(acknowledged)} acknowledged ids all present"
    )


@pytest.mark.timeout(120)
def test_two_processes_adding_200_each_end_with_all_400(tmp_path: Path) -> None:
    db = tmp_path / "annotations.json"
    children = [_spawn(db, 200), _spawn(db, 200)]
    outputs = []
    for child in children:
        out, errors = child.communicate(timeout=100)
        assert child.returncode == 0, errors.decode()
        outputs.append(_complete_lines(out))
    assert [len(o) for o in outputs] == [200, 200]
    stored = {a.id for a in Store(db).all()}
    assert stored == set(outputs[0]) | set(outputs[1]) and len(stored) == 400
