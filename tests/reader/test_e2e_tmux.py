"""End to end: the real `reader` program in a real terminal (tmux), driven as a person would.

Keys go in with `tmux send-keys`, a mouse drag as raw SGR mouse sequences (the terminal bytes a
mouse produces once Textual has turned mouse reporting on), and what the person sees is read back
with `tmux capture-pane`. Every step waits, with a deadline, for the screen to show its effect
before the next one. At the end the database is read with `reader notes list --json`.

The test starts its own tmux server on a private socket with a fixed size, so it needs no
terminal (CI has none); it is skipped where tmux is not installed. The database, HOME and the
XDG directories all live under tmp_path.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.cells import cell_len

from articles import load, sample_path
from articles.parsing.search import find_all

WIDTH, HEIGHT = 140, 40
REPO = Path(__file__).resolve().parents[2]
STEP_TIMEOUT = 10.0
GUTTER = 2
NOTE_TEXT = "Ask the Provincial Party Office for the second-quarter plan"

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it "
                                "from Debian's packages; locally: apt-get install tmux)")

Screen = list[str]


@dataclass
class Terminal:
    """One tmux server on a private socket with one window running the program."""

    socket: str
    env: dict[str, str]
    config: Path
    exit_file: Path
    target: str = "e2e"

    def start(self, command: list[str]) -> None:
        """Start the server with the program in a WIDTHxHEIGHT window; its exit status goes
        to `exit_file`."""
        shell = f"{shlex.join(command)}; echo $? > {shlex.quote(str(self.exit_file))}"
        self.tmux("-f", str(self.config), "new-session", "-d", "-s", self.target,
                  "-x", str(WIDTH), "-y", str(HEIGHT), "-c", str(REPO), shell)

    def tmux(self, *args: str, check: bool = True) -> str:
        assert TMUX is not None
        done = subprocess.run([TMUX, "-L", self.socket, *args], env=self.env, check=False,
                              capture_output=True, text=True, timeout=10)
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def capture(self) -> Screen:
        """The screen as the person sees it, one string per row."""
        text = self.tmux("capture-pane", "-p", "-t", self.target)
        rows = text.split("\n")[:HEIGHT]
        return rows + [""] * (HEIGHT - len(rows))

    def keys(self, *keys: str) -> None:
        """Press keys (tmux key names: Enter, Down, C-s, ...)."""
        self.tmux("send-keys", "-t", self.target, *keys)

    def type(self, text: str) -> None:
        """Type text literally (also raw escape sequences)."""
        self.tmux("send-keys", "-t", self.target, "-l", text)

    def pane(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", self.target, fmt).strip()

    def wait_for(self, what: str, ready: Callable[[Screen], bool],
                 timeout: float = STEP_TIMEOUT) -> Screen:
        """Poll the screen until `ready` holds on a settled screen (the same in two captures
        in a row: tmux may show a frame half drawn); fail with the last screen after
        `timeout`."""
        deadline = time.monotonic() + timeout
        previous: Screen | None = None
        while True:
            screen = self.capture()
            if ready(screen):
                if screen == previous:
                    return screen
                previous = screen
            else:
                previous = None
            if self.pane("#{pane_dead}") == "1":
                raise AssertionError(f"the program exited while waiting for {what}:\n"
                                     + "\n".join(screen))
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}; "
                                     "the screen was:\n" + "\n".join(screen))
            time.sleep(0.05)

    def wait_for_text(self, what: str, timeout: float = STEP_TIMEOUT) -> Screen:
        return self.wait_for(repr(what), lambda screen: any(what in row for row in screen),
                             timeout)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A private tmux server with a 140x40 window; killed at the end whatever happens."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TMUX", "READER_", "XDG_", "TEXTUAL"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        READER_CACHE_DIR=str(tmp_path / "cache"),
        TERM="xterm-256color",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        SHELL="/bin/sh",
    )
    config = tmp_path / "tmux.conf"
    config.write_text(
        "set -g status off\n"               # the pane is the whole 140x40 window
        "set -g remain-on-exit on\n"        # keep the pane: its last screen, if it fails
        "set -g default-terminal xterm-256color\n"
        "set -g default-shell /bin/sh\n"
        "set -g history-limit 0\n"
        "set -g set-clipboard on\n",      # OSC 52 from the program fills a tmux buffer
        encoding="utf-8",
    )
    term = Terminal(f"reader-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}", env, config,
                    tmp_path / "exit-status")
    try:
        yield term
    finally:
        socket = term.tmux("display-message", "-p", "#{socket_path}", check=False).strip()
        term.tmux("kill-server", check=False)
        if socket.endswith(term.socket):
            Path(socket).unlink(missing_ok=True)  # tmux may leave the socket file behind


# --- reading the screen ----------------------------------------------------------------------


def read_status(path: Path) -> str:
    """The exit status written by the shell once the program has ended ("" until then)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""
    return text.strip() if text.endswith("\n") else ""


def status_line(screen: Screen) -> str:
    """The reader's status line: the row above the footer."""
    rows = [row.strip() for row in screen if row.strip()]
    return rows[-2] if len(rows) >= 2 else ""


def footer(screen: Screen) -> str:
    rows = [row for row in screen if row.strip()]
    return rows[-1] if rows else ""


@dataclass(frozen=True)
class TextRow:
    """A row of the article text on screen: its text and where that text starts."""

    y: int            # 0-based screen row
    index: int        # index in the captured row string where the text starts
    text: str


def article_rows(screen: Screen) -> list[TextRow]:
    """The rows of the article view: between the outline's and the sidebar's borders."""
    rows: list[TextRow] = []
    for y, row in enumerate(screen):
        bars = [i for i, ch in enumerate(row) if ch == "│"]
        if len(bars) < 2:
            continue
        left, right = bars[0], bars[1]
        start = left + 1 + GUTTER
        # the cell before the sidebar's border may be the view's scrollbar
        rows.append(TextRow(y, start, row[start:right - 1].rstrip()))
    return rows


def column(screen: Screen, y: int, index: int) -> int:
    """The 1-based terminal column of the character at `index` in row `y`."""
    return cell_len(screen[y][:index]) + 1


def sgr(button: int, x: int, y: int, release: bool = False) -> str:
    """An SGR (1006) mouse report: button 0 is the left button, +32 means motion."""
    return f"\x1b[<{button};{x};{y}{'m' if release else 'M'}"


def modal_quote(screen: Screen) -> str:
    """The quoted passage shown in the note editor, with its lines joined."""
    top = next(i for i, row in enumerate(screen) if "█▀▀▀" in row)
    left = screen[top].index("█▀")
    right = screen[top].rindex("▀█") + 1
    inner = [row[left + 1:right].strip() for row in screen[top + 1:]]
    first = next(i for i, row in enumerate(inner) if row.startswith("“"))
    last = next(i for i in range(first, len(inner)) if "”" in inner[i])
    quote = " ".join(inner[first:last + 1])
    return quote[1:quote.rindex("”")]


# --- the test --------------------------------------------------------------------------------


@pytest.mark.timeout(90)
def test_a_person_reads_searches_highlights_and_notes(terminal: Terminal, tmp_path: Path) -> None:
    article = load(sample_path())
    db = tmp_path / "notes.json"
    terminal.start([sys.executable, "-m", "reader", "--db", str(db)])

    # 1. The sample article opens: its title in the header, eight people in the sidebar.
    terminal.wait_for("the article, its people and no notes",
                      lambda s: any(article.title[:60] in row for row in s)
                      and any("People 8" in row and "Notes 0" in row for row in s), timeout=20)
    terminal.wait_for("the text to take the focus (its keys in the footer)",
                      lambda s: "v Select" in footer(s))

    # 2. `1` moves to the People list (the footer drops the text's keys), down and enter
    #    choose the second person; the status line counts his mentions.
    terminal.keys("1")
    terminal.wait_for("the People list to take the focus", lambda s: "v Select" not in footer(s))
    terminal.keys("Down", "Enter")
    screen = terminal.wait_for("Nguyen Van Thong 1/10",
                               lambda s: status_line(s).startswith("Nguyen Van Thong 1/10"))
    terminal.keys("n")
    screen = terminal.wait_for("Nguyen Van Thong 2/10",
                               lambda s: status_line(s).startswith("Nguyen Van Thong 2/10"))

    # 3. Search: `/` opens the field, typing shows the count, enter jumps to a match.
    terminal.keys("/")
    terminal.wait_for("the search field",
                      lambda s: any("Search (diacritics" in row for row in s)
                      and "v Select" not in footer(s))
    terminal.type("thong")
    total = len(find_all(article.text, "thong"))
    terminal.wait_for("the query and its count",
                      lambda s: any(row.strip() == "thong" for row in s)
                      and any(f"“thong”: {total} matches" in row for row in s))
    terminal.keys("Enter")
    screen = terminal.wait_for("the search position",
                               lambda s: re.match(r"“thong” \d+/\d+", status_line(s))
                               is not None)
    match = re.match(r"“thong” (\d+)/(\d+)", status_line(screen))
    assert match is not None
    assert int(match[2]) == total and 1 <= int(match[1]) <= total

    # 4. A mouse drag from the start of a text row to the end of a name on it, then `h`.
    #    Letting go of the button over a name must not count as a click on that name (which
    #    would choose the person instead of the search): `n` still walks the search after.
    name = "Nguyen Van Thong"
    pattern = re.compile(rf"([A-Za-z].*?\b{name})\b")
    rows = [r for r in article_rows(screen) if pattern.match(r.text)]
    assert rows, f"no row of the text has words then {name}:\n" + "\n".join(screen)
    row = rows[0]
    words = pattern.match(row.text)
    assert words is not None
    dragged = words[1]
    first = row.index
    last = row.index + len(dragged) - 1
    assert screen[row.y][first:last + 1] == dragged
    y = row.y + 1
    x1, x2 = column(screen, row.y, first), column(screen, row.y, last)
    terminal.type(sgr(0, x1, y))
    terminal.type(sgr(32, (x1 + x2) // 2, y))
    terminal.type(sgr(32, x2, y))
    terminal.type(sgr(0, x2, y, release=True))
    terminal.keys("h")
    terminal.wait_for("the highlight in the Notes tab",
                      lambda s: any("Notes 1" in r for r in s)
                      and status_line(s).startswith("Highlighted"))
    terminal.keys("n")
    screen = terminal.wait_for("n to move on", lambda s: not status_line(s).startswith(
        "Highlighted"))
    # (n goes on from the reading cursor, which the drag left where it ended.)
    assert re.match(rf"“thong” \d+/{total}", status_line(screen)), (
        "after a drag that ended on a name, n walks the search: " + status_line(screen))

    # 5. A note with the keyboard: the cursor to the next sentence, `a`, type, ctrl+s.
    terminal.keys("Right")
    terminal.keys("a")
    screen = terminal.wait_for_text("ctrl+s save · escape cancel")
    quote = modal_quote(screen)
    terminal.type(NOTE_TEXT)
    terminal.wait_for("the note text in the editor",
                      lambda s: any(NOTE_TEXT[:40] in r for r in s))
    terminal.keys("C-s")
    terminal.wait_for("the note in the Notes tab",
                      lambda s: any("Notes 2" in r for r in s)
                      and status_line(s).startswith("Note saved"))

    # 6. `q` quits, cleanly. (The exit status comes from the shell around the program: tmux's
    #    own #{pane_dead_status} is at times never filled in, seen with tmux 3.3a.)
    terminal.keys("q")
    deadline = time.monotonic() + STEP_TIMEOUT
    while not (status := read_status(terminal.exit_file)):
        assert time.monotonic() < deadline, "the program did not exit after q:\n" + "\n".join(
            terminal.capture())
        time.sleep(0.05)
    assert status == "0", f"the program exited with status {status}"

    # 7. What was saved, as the command line reports it.
    listed = subprocess.run([sys.executable, "-m", "reader", "notes", "list", "--json",
                             "--db", str(db)], cwd=REPO, env=terminal.env, capture_output=True,
                            text=True, timeout=30, check=True)
    notes = json.loads(listed.stdout)
    assert len(notes) == 2, notes
    by_note = {n["note"]: n for n in notes}
    highlight, note = by_note[""], by_note[NOTE_TEXT]
    assert highlight["target"]["exact"] == dragged
    assert article.text[highlight["target"]["start"]:highlight["target"]["end"]] == dragged
    exact = " ".join(note["target"]["exact"].split())
    if quote.endswith("…"):
        assert exact.startswith(quote[:-1].rstrip())
    else:
        assert exact == quote
    assert note["target"]["start"] >= highlight["target"]["end"]
    assert {n["article"]["title"] for n in notes} == {article.title}


@pytest.mark.timeout(60)
def test_y_copies_the_sentence_to_the_clipboard(terminal: Terminal, tmp_path: Path) -> None:
    article = load(sample_path())
    terminal.start([sys.executable, "-m", "reader", "--db", str(tmp_path / "notes.json")])
    terminal.wait_for("the article and its sidebar",
                      lambda s: any("People 8" in row for row in s), timeout=20)
    # The reading cursor is on the first sentence from the start: the headline.
    terminal.keys("y")
    terminal.wait_for("the copy said", lambda s: status_line(s).startswith("Copied the sentence"))
    deadline = time.monotonic() + STEP_TIMEOUT
    while (buffer := terminal.tmux("show-buffer", check=False)) != article.title:
        assert time.monotonic() < deadline, f"the tmux buffer holds {buffer!r}"
        time.sleep(0.05)
    terminal.keys("q")
    deadline = time.monotonic() + STEP_TIMEOUT
    while not (status := read_status(terminal.exit_file)):
        assert time.monotonic() < deadline, "no exit after q"
        time.sleep(0.05)
    assert status == "0"


@pytest.mark.timeout(60)
def test_q_quits_from_the_library(terminal: Terminal, tmp_path: Path) -> None:
    library = REPO / "tests" / "articles" / "library_fixtures"
    terminal.start([sys.executable, "-m", "reader", str(library),
                    "--db", str(tmp_path / "notes.json")])
    terminal.wait_for_text("filters (diacritics ignored)", timeout=20)
    terminal.keys("q")
    deadline = time.monotonic() + STEP_TIMEOUT
    while not (status := read_status(terminal.exit_file)):
        assert time.monotonic() < deadline, "q on the library screen did not quit:\n" + "\n".join(
            terminal.capture())
        time.sleep(0.05)
    assert status == "0"
