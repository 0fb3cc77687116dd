"""Fault test for the command line (issue 9, item 12): `reader notes export -o FILE` killed with
SIGKILL at random moments leaves FILE either as it was or complete, never partly written, and
never touches the notes file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotations import Store
from tests.annotations.helpers import plain

KILLS = 20
TIME_BUDGET = 60.0
NOTES = 5_000


@pytest.mark.timeout(180)
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_export_killed_at_random_moments_leaves_the_old_or_the_whole_file(
    tmp_path: Path,
) -> None:
    db = tmp_path / "data" / "annotations.json"
    Store(db, prepare_next=False).add_many([plain(i) for i in range(NOTES)])
    notes_bytes = db.read_bytes()
    out = tmp_path / "export.json"
    out.write_text('{"previous": true}')
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    args = [sys.executable, "-m", "reader", "notes", "export", "--force", "--format", "json",
            "-o", str(out), "--db", str(db)]
    # How long a whole export takes here, so the kills spread over all of it.
    started = time.monotonic()
    subprocess.run(args, check=True, env=env, capture_output=True, timeout=60)
    whole = time.monotonic() - started
    out.write_text('{"previous": true}')
    rng = random.Random(9)
    kills = replaced = 0
    started = time.monotonic()
    while kills < KILLS and time.monotonic() - started < TIME_BUDGET:
        child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 1.0) * whole)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        if child.returncode != -signal.SIGKILL:
            continue  # it finished first
        kills += 1
        data = json.loads(out.read_text())  # never a partly written file
        if data != {"previous": True}:
            replaced += 1
            assert len(data["annotations"]) == NOTES
            out.write_text('{"previous": true}')
        assert db.read_bytes() == notes_bytes
    assert kills >= 10, f"only {kills} kills in {TIME_BUDGET:.0f} s"
    print(f"\n{kills} kills of export -o ({replaced} after the rename), no partial file")
