"""Benchmark: the library screen at 100, 1,000 and 10,000 generated articles (issue 14), measured
from outside, side by side with a bare Textual app's first paint in the same run.

Run: python tests/benchmarks/bench_library_screen.py [SIZES...]   (or: python -m pytest
tests/benchmarks/bench_library_screen.py -s). Takes three to four minutes with 10,000 articles:
one cold opening of 10,000 (about a minute on this 2-core machine) and the warm runs.

Each program is spawned on a pseudo-terminal (140x42, as tests/benchmarks/bench_startup.py
does) and timed from spawn until a phrase is on screen:
- bare Textual app: one Static in a VerticalScroll showing the sample article (bench_startup's
  minimal app) — the floor every first paint is compared with;
- `python -m reader DIR`, warm index (opened before): until the status line under the table
  is painted ("sorted by Date", drawn with the first page of rows) — goal: within 3x the bare
  app at 10,000, and no growth with the library; each run is also a reopening;
- then, in the same run, F3 pressed as soon as the table is on screen, until who's who is
  listed ("M of N people"), then F4 until the documents are ("M of N documents") — goal: each
  within 1 s of asking — and the process's RSS (VmRSS, and its peak VmHWM) at that point —
  goal: < 150 MB;
- `python -m reader DIR` with an empty index (once per size): until the first rows are shown,
  and until the complete index ("indexed in") — goal at 10,000: under 60 s; and the CPU
  seconds the app and its indexing workers spent until then: divided by the cores, what the
  cold index would take on an idle machine (the others' load shows in the wall time only).
Medians of REPEAT runs, interleaved; growth is the ratio to the size before. Asserts nothing.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import fcntl
import termios

from articles import sample_path
from tests.benchmarks.bench_startup import COLUMNS, MINIMAL_APP, ROWS, SAMPLE_MARKER, private_env
from tests.benchmarks.generate import age_files, generate_library

SIZES = (100, 1000, 10000)
REPEAT = 5
REPO = Path(__file__).resolve().parents[2]
F3 = b"\x1bOR"
F4 = b"\x1bOS"
TABLE_SHOWN = re.compile(rb"sorted by Date")
PEOPLE_SHOWN = re.compile(rb"\d+ of \d+ people")
DOCUMENTS_SHOWN = re.compile(rb"\d+ of \d+ documents")
INDEXED = re.compile(rb"indexed in")
TIMEOUT = 1200.0


def _memory(pid: int) -> tuple[float, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return (int(values["VmRSS"].split()[0]) / 1024, int(values["VmHWM"].split()[0]) / 1024)


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) process `pid` has used itself, and its children that have
    ended (the indexing workers), from /proc/PID/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return ((int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick)


def spawn_and_time(argv: list[str], env: dict[str, str], steps: list[re.Pattern[bytes]],
                   keys: dict[int, bytes] | None = None, cpu: list[float] | None = None
                   ) -> tuple[list[float], tuple[float, float]]:
    """Seconds from spawn until each pattern of `steps` has been written, in turn (after step
    i, `keys[i]` is typed); then the process's RSS and peak RSS in MB (and, into `cpu`, its
    CPU seconds and its ended children's: see `cpu_seconds`); then it is killed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               cwd=REPO, start_new_session=True, close_fds=True)
    os.close(slave)
    seen = b""
    times: list[float] = []
    try:
        deadline = start + TIMEOUT
        while len(times) < len(steps):
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.perf_counter()))
            if not ready:
                raise TimeoutError(f"{steps[len(times)].pattern!r} not shown: {seen[-500:]!r}")
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"exited ({process.wait()}): {seen[-2000:]!r}")
            seen += chunk
            while len(times) < len(steps) and (m := steps[len(times)].search(seen)):
                times.append(time.perf_counter() - start)
                seen = seen[m.end():]
                if keys and len(times) - 1 in keys:
                    os.write(master, keys[len(times) - 1])
        memory = _memory(process.pid)
        if cpu is not None:
            cpu.extend(cpu_seconds(process.pid))
        return times, memory
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def run(sizes: tuple[int, ...] = SIZES, repeat: int = REPEAT) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = private_env(root)
        minimal = root / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        bare = [sys.executable, str(minimal), str(sample_path())]
        reader = [sys.executable, "-m", "reader"]
        libraries = {}
        for n in sizes:
            libraries[n] = root / f"library-{n}"
            age_files(generate_library(libraries[n], n), 3600)
        cold: dict[int, list[float]] = {}
        cold_cpu: dict[int, list[float]] = {}
        for n in sizes:  # cold: an empty index, once per size (also fills the index)
            shutil.rmtree(env["READER_CACHE_DIR"], ignore_errors=True)
            cold_cpu[n] = []
            cold[n], _ = spawn_and_time([*reader, str(libraries[n])], env,
                                        [TABLE_SHOWN, INDEXED], cpu=cold_cpu[n])
            shutil.move(env["READER_CACHE_DIR"], root / f"index-{n}")
        bare_times: list[float] = []
        warm: dict[int, list[list[float]]] = {n: [] for n in sizes}
        memory: dict[int, list[tuple[float, float]]] = {n: [] for n in sizes}
        spawn_and_time(bare, env, [re.compile(SAMPLE_MARKER.encode())])  # warm the disk caches
        for _ in range(repeat):
            bare_times.append(spawn_and_time(bare, env,
                                             [re.compile(SAMPLE_MARKER.encode())])[0][0])
            for n in sizes:
                warm_env = {**env, "READER_CACHE_DIR": str(root / f"index-{n}")}
                times, rss = spawn_and_time([*reader, str(libraries[n])], warm_env,
                                            [TABLE_SHOWN, PEOPLE_SHOWN, DOCUMENTS_SHOWN],
                                            {0: F3, 1: F4})
                warm[n].append(times)
                memory[n].append(rss)
    floor = statistics.median(bare_times)
    lines = [f"library screen, generated articles, {COLUMNS}x{ROWS}, medians of {repeat} "
             f"({os.cpu_count()} cores)",
             f"bare Textual app first paint: {floor:.3f} s",
             f"{'':<34}" + "".join(f"{n:>10,}" + ("  growth" if i else "")
                                   for i, n in enumerate(sizes))]

    def row(name: str, values: list[float], unit: str = "s") -> str:
        line = f"{name:<34}"
        for i, value in enumerate(values):
            line += f"{value:>10.{ {'s': 3, 'x': 2}.get(unit, 0)}f}"
            if i:
                line += f"{value / values[i - 1]:>7.1f}x" if values[i - 1] else f"{'':>8}"
        return line

    first = [statistics.median(t[0] for t in warm[n]) for n in sizes]
    lines.append(row("warm: table on screen", first))
    lines.append(row("  ratio to the bare app (goal < 3)", [f / floor for f in first], "x"))
    lines.append(row("warm: F3 then to who's who (< 1)",
                     [statistics.median(t[1] - t[0] for t in warm[n]) for n in sizes]))
    lines.append(row("  then F4 to documents (< 1)",
                     [statistics.median(t[2] - t[1] for t in warm[n]) for n in sizes]))
    lines.append(row("RSS MB then", [statistics.median(m[0] for m in memory[n]) for n in sizes],
                     "MB"))
    lines.append(row("peak RSS MB", [statistics.median(m[1] for m in memory[n]) for n in sizes],
                     "MB"))
    lines.append(row("cold: first paint", [cold[n][0] for n in sizes]))
    lines.append(row("cold: index complete", [cold[n][1] for n in sizes]))
    lines.append(row("  CPU s, the app itself", [cold_cpu[n][0] for n in sizes]))
    lines.append(row("  CPU s, its indexing workers", [cold_cpu[n][1] for n in sizes]))
    cores = os.cpu_count() or 1
    lines.append(row(f"  all CPU / {cores} cores (idle floor)",
                     [sum(cold_cpu[n]) / cores for n in sizes]))
    lines.append(f"load average at the end: {os.getloadavg()[0]:.2f} (1 min)")
    return "\n".join(lines)


def test_bench_library_screen() -> None:
    print("\n" + run())


if __name__ == "__main__":
    print(run(tuple(int(a) for a in sys.argv[1:]) or SIZES))
