"""Issue 9, item 12: the running app is killed (SIGKILL) the moment it acknowledges a change,
at least 50 times: after "Highlighted" (h), "Colour changed" (H and a digit), "Note saved"
(a, typing, ctrl+s; both a new note and an edited one) and "Deleted" (d, confirmed). After each
kill the notes file loads and holds the acknowledged change: 0 acknowledged changes lost.

The program runs in a pseudo-terminal (see pty_app.py) and is killed as soon as the word is
written to the terminal, so no clean-up of any kind runs. Two lanes (each its own notes file
and copy of the article) run side by side to keep the test well under a minute on an idle
machine."""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from annotations.model import COLORS
from annotations.store import Store
from articles import sample_path
from tests.reader.pty_app import PtyApp, reader_command

REPO = Path(__file__).resolve().parents[2]
LANES = 2
RUNS_PER_LANE = 27  # 54 kills in all
STEPS = ("highlight", "colour", "note", "delete", "new note", "delete")


@dataclass
class Lane:
    """One notes file driven by a run of the program after another."""

    article: Path
    db: Path
    env: dict[str, str]
    acknowledged: Counter[str] = field(default_factory=Counter)
    kills: int = 0
    error: BaseException | None = None

    def run(self, runs: int) -> None:
        try:
            for k in range(runs):
                self.step(k, STEPS[k % len(STEPS)])
        except BaseException as exc:  # reported by the test on the main thread
            self.error = exc

    def step(self, k: int, step: str) -> None:
        before = Store(self.db).all()
        app = PtyApp(reader_command(self.article, self.db), self.env, REPO)
        try:
            ready = app.wait_for(r"Notes \d")  # the notes are read, the text has the keys
            chosen = text = ""
            if step == "highlight":
                app.press("right", "h")
                app.wait_for("Highlighted", start=ready)
            elif step == "colour":
                (current,) = before
                chosen = next(c for c in COLORS[1 + k % 4:] + COLORS if c != current.color)
                app.press("right", "H")
                shown = app.wait_for("Highlight colour", start=ready)
                app.press(str(COLORS.index(chosen) + 1))
                app.wait_for("Colour changed", start=shown)
            elif step in ("note", "new note"):
                text = f"note {k} of {self.db.parent.name}"
                app.press("right", "a")
                shown = app.wait_for(re.escape("ctrl+s save"), start=ready)
                app.press(text)
                typed = app.wait_for(re.escape(text), start=shown)
                app.press("ctrl+s")
                app.wait_for("Note saved", start=typed)
            else:
                app.press("right", "d")
                shown = app.wait_for("Delete this highlight", start=ready)
                app.press("down", "enter")
                app.wait_for("Deleted", start=shown)
        finally:
            app.kill()
        self.kills += 1
        self.acknowledged[step] += 1
        after = Store(self.db).all()  # loads: the file is never left corrupt
        lost = f"kill {self.kills} ({step}) lost the acknowledged change: {before} → {after}"
        if step == "highlight":
            assert len(after) == 1 and not before and after[0].note == "", lost
        elif step == "colour":
            assert [(a.id, a.color) for a in after] == [(before[0].id, chosen)], lost
        elif step == "note":
            assert [(a.id, a.note) for a in after] == [(before[0].id, text)], lost
        elif step == "new note":
            assert not before and [a.note for a in after] == [text], lost
        else:
            assert len(before) == 1 and after == [], lost


@pytest.mark.timeout(900)
def test_killing_the_app_right_after_each_acknowledgement_loses_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("READER_", "XDG_", "TEXTUAL", "TMUX"))}
    env.update(HOME=str(tmp_path / "home"), READER_CACHE_DIR=str(tmp_path / "cache"),
               TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", COLUMNS="140",
               LINES="40")
    lanes = []
    for i in range(LANES):
        folder = tmp_path / f"lane{i}"
        folder.mkdir()
        article = folder / "article.txt"
        article.write_bytes(sample_path().read_bytes())
        lanes.append(Lane(article, folder / "notes.json", env))
    threads = [threading.Thread(target=lane.run, args=(RUNS_PER_LANE,)) for lane in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for lane in lanes:
        if lane.error is not None:
            raise lane.error
    kills = sum(lane.kills for lane in lanes)
    acknowledged = sum((lane.acknowledged for lane in lanes), Counter())
    print(f"\n{kills} kills right after an acknowledgement, 0 lost: {dict(acknowledged)}")
    assert kills >= 50
    assert set(acknowledged) == set(STEPS)
