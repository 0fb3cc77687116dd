"""Benchmark: time to the first painted screen, and the latency of `n`.

Run: python tests/benchmarks/bench_startup.py   (or: python -m pytest tests/benchmarks -s)
Prints a table of medians and the ratios against the goals; asserts nothing about time.

First paint is measured from outside, with no hooks in the programs: each one is spawned on a
pseudo-terminal (TERM=xterm-256color, 140x42 set with TIOCSWINSZ) and timed from spawn until its
output holds a phrase of the article body (the phrase is only written once the article is on
screen); then it is killed. Programs, interleaved, each run once unmeasured to warm the caches:

- a minimal Textual app, written by this benchmark to a temp dir: one Static(text,
  markup=False) in a VerticalScroll, showing the sample article's text;
- `python -m reader` on the sample article, opened before: its first run is left to run on for
  two seconds, as a reader would, so the parsed article is in the article cache;
- the same with an empty article cache at every run: an article never opened before;
- `python -m reader` on a generated 1 MB article (tests/benchmarks/generate.py), opened before
  and never opened before, likewise.

The latency of `n` is measured in-process (`App.run_test`, 140x42) on the 1 MB article, with
the person of most mentions chosen: `action_next_occurrence()` plus `render_line(y)` for every
line of the article view, which is the work of the frame that follows.

Beside each wall-clock time, the CPU time (user + system) the program had used when it painted
(it is stopped at once, then killed; `getrusage(RUSAGE_CHILDREN)`), and for `n` the main
thread's CPU time: on a busy machine the clock times vary by tens of percent from run to run,
the CPU times far less, so comparing two versions of the reader is done on those.

Goals (the issue): the sample within 1.3x the minimal app; the 1 MB article within 2x the
sample; `n` under one frame (16.7 ms). HOME and the XDG directories are temporary ones, so the
reader finds its database where a user's would be, under a fresh XDG_DATA_HOME.

Both programs run from bytecode, as an installed copy does (pip compiles modules when it
installs them): PYTHONDONTWRITEBYTECODE is dropped from their environment and PYTHONPYCACHEPREFIX
points to a temporary directory, which the unmeasured first runs fill. Without this, a checkout
run with PYTHONDONTWRITEBYTECODE=1 compiles every reader module from source at each start, while
Textual's modules come precompiled from site-packages.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pty
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLUMNS, ROWS = 140, 42
REPEAT = 7
N_PRESSES = 50
FRAME_MS = 1000 / 60
PAINT_TIMEOUT = 60.0
WARM_UP_SECONDS = 2.0

# Phrases of the article bodies (the lead paragraphs): on screen only once the text is painted.
SAMPLE_MARKER = "On the afternoon of April 12"
GENERATED_MARKER = "On the morning of April 12"

MINIMAL_APP = textwrap.dedent('''\
    """The least a Textual app can do to show an article: one Static in a VerticalScroll."""
    import sys
    from pathlib import Path

    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Static


    class Minimal(App[None]):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

        def compose(self) -> ComposeResult:
            with VerticalScroll():
                yield Static(self.text, markup=False)


    Minimal(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
''')


def generate_article(target_bytes: int) -> str:
    """tests/benchmarks/generate.py's article (importable also when run as a script)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from tests.benchmarks.generate import generate_article as generate

    return generate(target_bytes)


@dataclass(frozen=True)
class Program:
    """A program to start on a terminal, and the phrase that shows it has painted."""

    name: str
    argv: list[str]
    marker: str
    cold_cache: bool = False
    """Start each run with an empty article cache (the article was never opened before)."""


def private_env(root: Path) -> dict[str, str]:
    """The environment for the programs: a terminal, and nothing of the user's data."""
    home = root / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("READER_", "XDG_", "TEXTUAL", "TMUX"))
           and k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    env.update(
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(ROWS),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        READER_CACHE_DIR=str(root / "reader-cache"),
        # Bytecode is written (by the unmeasured first runs) and used, as in an installed copy:
        # pip compiles a package's modules when it installs them.
        PYTHONPYCACHEPREFIX=str(root / "bytecode"),
    )
    return env


ALTERNATE_SCREEN = b"\x1b[?1049h"  # written when the Textual app starts running


@dataclass(frozen=True)
class Timing:
    """Seconds from spawn until the app started (alternate screen on) and until first paint,
    and the CPU seconds (user + system) the program had used when it painted: it is stopped
    (SIGSTOP) as soon as its paint is read, so the figure holds its start-up work only, and
    a busy machine lengthens the wall-clock times far more than it changes this."""

    started: float
    painted: float
    cpu: float


def time_to_paint(program: Program, env: dict[str, str], linger: float = 0.0) -> Timing:
    """Time `program` on a new pseudo-terminal until `marker` is written, then kill it (after
    `linger` seconds, letting it finish its start: find people, fill its caches)."""
    if program.cold_cache:
        env = {**env, "READER_CACHE_DIR": tempfile.mkdtemp(prefix="cold-cache-",
                                                           dir=env["HOME"])}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    marker = program.marker.encode("utf-8")
    seen = b""
    started: float | None = None
    timing: Timing | None = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(program.argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               cwd=REPO, start_new_session=True, close_fds=True)
    os.close(slave)
    try:
        deadline = start + PAINT_TIMEOUT
        while True:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.perf_counter()))
            if not ready:
                raise TimeoutError(f"{program.name}: {program.marker!r} not painted in "
                                   f"{PAINT_TIMEOUT:.0f} s; last output: {seen[-500:]!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the program has gone
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                raise RuntimeError(f"{program.name} exited before painting (status "
                                   f"{process.wait()}): {seen[-2000:]!r}")
            seen = seen[-max(len(marker), len(ALTERNATE_SCREEN)):] + chunk
            if started is None and ALTERNATE_SCREEN in seen:
                started = now - start
            if marker in seen:
                if not linger:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(process.pid, signal.SIGSTOP)
                timing = Timing(now - start if started is None else started, now - start, 0.0)
                _drain(master, linger)
                break
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert timing is not None  # the loop ends by painting or by raising
    return Timing(timing.started, timing.painted, cpu)


def _drain(master: int, seconds: float) -> None:
    """Keep reading the program's output for `seconds` (so it never blocks on writing)."""
    deadline = time.perf_counter() + seconds
    while (left := deadline - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return


def startup_times(programs: list[Program], env: dict[str, str],
                  repeat: int = REPEAT) -> dict[str, list[Timing]]:
    """Times to first paint of each program, interleaved, after one unmeasured run each, which
    is left to run on for WARM_UP_SECONDS (as if the article had been read before)."""
    for program in programs:
        time_to_paint(program, env, linger=WARM_UP_SECONDS)
    times: dict[str, list[Timing]] = {p.name: [] for p in programs}
    for _ in range(repeat):
        for program in programs:
            times[program.name].append(time_to_paint(program, env))
    return times


async def next_latencies(path: Path, db: Path, presses: int = N_PRESSES
                         ) -> tuple[list[float], list[float], str, int]:
    """Seconds per `n` (the action and the view's lines rebuilt) on the article at `path`, by
    the clock and in the main thread's CPU time."""
    from annotations.store import Store
    from articles import load
    from reader.app import ReaderApp
    from reader.memory import tune_for_reading
    from reader.screens.article.screen import ArticleScreen

    article = load(path)
    app = ReaderApp([article], Store(db), theme="textual-dark")
    tune_for_reading()  # as `reader` does before it runs the app
    times: list[float] = []
    cpu_times: list[float] = []
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        index = max(range(len(article.people)), key=lambda i: len(article.people[i].mentions))
        person = article.people[index]
        screen.choose_person(index)
        await pilot.pause()
        view = screen.view
        for _ in range(presses):
            start, start_cpu = time.perf_counter(), time.thread_time()
            screen.action_next_occurrence()
            for y in range(view.size.height):
                view.render_line(y)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.thread_time() - start_cpu)
            await pilot.pause()
        walked = screen.occurrences
        assert walked is not None and walked.kind == "person", "n walks the chosen person"
        app.session.wait_for_saves()
    return times, cpu_times, person.name, len(person.mentions)


@dataclass
class Results:
    """What one run of the benchmark measured."""

    startup: dict[str, list[Timing]]
    next_times: list[float]
    next_cpu: list[float]
    person: str
    mentions: int
    article_bytes: int


def run(repeat: int = REPEAT, presses: int = N_PRESSES) -> Results:
    """Measure everything, in temporary directories."""
    from articles import load, sample_path

    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        root = Path(tmp)
        env = private_env(root)
        sample = load(sample_path())
        sample_text = root / "sample.txt"
        sample_text.write_text(sample.text, encoding="utf-8")
        minimal = root / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        big = root / "generated-1mb.txt"
        big.write_text(generate_article(1_000_000), encoding="utf-8")
        db = str(root / "notes.json")
        reader = [sys.executable, "-m", "reader"]
        programs = [
            Program("minimal Textual app, sample", [sys.executable, str(minimal),
                                                    str(sample_text)], SAMPLE_MARKER),
            Program("reader, sample", [*reader, "--db", db], SAMPLE_MARKER),
            Program("reader, sample, never opened", [*reader, "--db", db], SAMPLE_MARKER,
                    cold_cache=True),
            Program("reader, 1 MB article", [*reader, str(big), "--db", db], GENERATED_MARKER),
            Program("reader, 1 MB, never opened", [*reader, str(big), "--db", db],
                    GENERATED_MARKER, cold_cache=True),
        ]
        startup = startup_times(programs, env, repeat)
        latencies, cpu_times, person, mentions = asyncio.run(
            next_latencies(big, root / "latency-notes.json", presses))
        return Results(startup, latencies, cpu_times, person, mentions, big.stat().st_size)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def report(results: Results) -> str:
    """The table of medians and the ratios against the goals."""
    median: Callable[[list[float]], float] = statistics.median
    runs = len(next(iter(results.startup.values())))
    lines = [f"First paint on a {COLUMNS}x{ROWS} pty, from spawn, median of {runs} runs "
             "(app started: the alternate screen is switched on, i.e. imports and loading "
             "done):",
             f"{'program':<30}{'paint ms':>10}{'min':>8}{'max':>8}{'app started ms':>16}"
             f"{'CPU ms':>9}"]
    paint: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for name, timings in results.startup.items():
        painted = [t.painted for t in timings]
        paint[name] = median(painted)
        cpu[name] = median([t.cpu for t in timings])
        lines.append(f"{name:<30}{_ms(paint[name]):>10}{_ms(min(painted)):>8}"
                     f"{_ms(max(painted)):>8}{_ms(median([t.started for t in timings])):>16}"
                     f"{_ms(cpu[name]):>9}")
    minimal, sample, cold, big, big_cold = paint.values()
    cpu_minimal, cpu_sample, cpu_cold, cpu_big, cpu_big_cold = cpu.values()
    n_median = median(results.next_times) * 1000
    lines += [
        "",
        f"n in the 1 MB article ({results.article_bytes:,} bytes; {results.person}, "
        f"{results.mentions} mentions), action + every line of the view, "
        f"median of {len(results.next_times)}: {n_median:.2f} ms "
        f"(90th percentile {_percentile(results.next_times, 0.9) * 1000:.2f} ms, "
        f"max {max(results.next_times) * 1000:.2f} ms)",
        "",
        "Goals:",
    ]
    goals = [
        ("reader sample / minimal app", sample / minimal, 1.3, "x"),
        ("  never opened before", cold / minimal, 1.3, "x"),
        ("reader 1 MB / reader sample", big / sample, 2.0, "x"),
        ("  both never opened before", big_cold / cold, 2.0, "x"),
        ("n, median", n_median, FRAME_MS, " ms"),
    ]
    cpu_ratios = [
        ("reader sample / minimal app", cpu_sample / cpu_minimal),
        ("  never opened before", cpu_cold / cpu_minimal),
        ("reader 1 MB / reader sample", cpu_big / cpu_sample),
        ("  both never opened before", cpu_big_cold / cpu_cold),
    ]
    for label, value, goal, unit in goals:
        verdict = "met" if value <= goal else "MISSED"
        lines.append(f"  {label:<30}{value:>8.2f}{unit:<3} goal <= {goal:.1f}{unit:<3} {verdict}")
    lines += ["", "The same ratios in CPU time to first paint (steadier on a busy machine):"]
    lines += [f"  {label:<30}{value:>8.2f}x" for label, value in cpu_ratios]
    n_cpu = median(results.next_cpu) * 1000
    lines.append(f"  {'n, median CPU of the main thread':<30}{n_cpu:>8.2f} ms")
    return "\n".join(lines)


def test_bench_startup() -> None:
    print("\n" + report(run()))


if __name__ == "__main__":
    print(report(run()))
