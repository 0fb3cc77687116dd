"""Benchmark: the library index at 100, 1,000 and 10,000 generated articles (issue 14), headless.

Run: python tests/benchmarks/bench_library.py [SIZES...]   (or: python -m pytest
tests/benchmarks/bench_library.py -s). Takes about two minutes with 10,000 articles, most of it
the one cold index of 10,000 (about a minute on this 2-core machine, in two worker processes).

For each size, articles of 4-8 KB (tests/benchmarks/generate.py) in a temporary directory:
- cold index: `index_all` with an empty index database (parse everything, in worker processes
  from 150 files on) — goal at 10,000: under 60 s; and its CPU seconds (this process and its
  workers, a mean) divided by the cores: about the time on an idle machine (the wall time
  counts the other programs' load too);
- first page (what the library screen reads before its first paint): open the database,
  the first 100 rows of the table — goal: no growth with the library;
- every row; every file checked against the index (`quick_scan(details=False)`: one stat
  each); who's who and the documents without mentions (`light_entries` + `build_library`);
  the mentions of the most mentioned person (`load_mentions`): what the screen does in the
  background, and when a person is shown; who's who and the documents read back prepared
  (`library_key` + `prepared_library`: what the screen shows them from when nothing changed);
- warm complete reopen with every mention (`index_all`, as `reader people DIR --json`);
- RSS of a fresh process that opens the warm index and reads who's who prepared (the screen's
  data).
Medians of 5 (cold: of 3 at 100, one run above); the growth column is the ratio to the size
before. Asserts nothing about time.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles.cache.index_cache import IndexCache
from articles.library.build import build_library
from articles.library.indexer import Indexer
from articles.library.mentions import load_mentions
from tests.benchmarks.generate import age_files, generate_library

SIZES = (100, 1000, 10000)
REPO = Path(__file__).resolve().parents[2]

RSS_PROBE = textwrap.dedent("""\
    import os, sys
    from articles.cache.index_cache import IndexCache
    from articles.library.indexer import Indexer
    from articles.library.build import build_library
    cache = IndexCache(__import__("pathlib").Path(sys.argv[1]))
    files = Indexer.list_files([sys.argv[2]])
    keys = {os.path.abspath(p): p for p in files}
    rows = {s.path: s for s in cache.summaries(keys)}
    library = cache.prepared_library(cache.library_key(files), rows)  # as the screen does
    if library is None:
        library = build_library(cache.light_entries(rows.values()))
    status = open("/proc/self/status").read().split("\\n")
    print(next(l for l in status if l.startswith("VmRSS")).split()[1])
""")


def cpu_now() -> float:
    """CPU seconds (user + system) of this process and of its children that have ended (the
    indexing workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def median_of(func: Callable[[], object], repeat: int = 5) -> float:
    return statistics.median(timed(func) for _ in range(repeat))


def measure(workdir: Path, count: int) -> dict[str, float]:
    library_dir = workdir / f"library-{count}"
    generated = timed(lambda: generate_library(library_dir, count))
    files = Indexer.list_files([library_dir])
    age_files(files, 3600)
    cache_dir = workdir / f"cache-{count}"
    out: dict[str, float] = {"generate": generated}

    def cold() -> None:
        for name in os.listdir(cache_dir) if cache_dir.exists() else ():
            os.unlink(cache_dir / name)
        Indexer(IndexCache(cache_dir)).index_all([library_dir])

    runs = 3 if count <= 100 else 1
    before = cpu_now()
    out["cold index"] = median_of(cold, runs)
    time.sleep(0.5)  # the pool's workers are joined in the background
    out["  its CPU s / cores"] = (cpu_now() - before) / runs / (os.cpu_count() or 1)
    keys = {os.path.abspath(p): p for p in files}
    out["list files"] = median_of(lambda: Indexer.list_files([library_dir]))
    out["first page"] = median_of(lambda: list(IndexCache(cache_dir).summaries(keys, limit=100)))
    cache = IndexCache(cache_dir)
    out["every row"] = median_of(lambda: list(cache.summaries(keys)))
    out["check files"] = median_of(
        lambda: Indexer(IndexCache(cache_dir)).quick_scan(files, details=False))
    rows = list(cache.summaries(keys))
    out["who's who"] = median_of(lambda: build_library(cache.light_entries(rows)))
    library = build_library(cache.light_entries(rows))
    cache.keep_library(cache.library_key(files), library)
    by_path = {s.path: s for s in rows}
    out["prepared who's who"] = median_of(
        lambda: cache.prepared_library(cache.library_key(files), by_path))
    top = max(library.people, key=lambda p: p.mention_count)
    out["one person's mentions"] = median_of(lambda: load_mentions(top, cache.mentions_of))
    out["full reopen"] = median_of(lambda: Indexer(IndexCache(cache_dir)).index_all(files), 3)
    probe = subprocess.run([sys.executable, "-c", RSS_PROBE, str(cache_dir), str(library_dir)],
                           capture_output=True, text=True, cwd=REPO, check=True)
    out["RSS MB"] = int(probe.stdout.split()[-1]) / 1024
    return out


def report(results: dict[int, dict[str, float]]) -> str:
    sizes = sorted(results)
    head = f"{'seconds (median)':<24}" + "".join(
        f"{n:>10,}" + (f"{'growth':>8}" if i else "") for i, n in enumerate(sizes))
    lines = [head]
    for name in results[sizes[0]]:
        line = f"{name:<24}"
        for i, n in enumerate(sizes):
            value = results[n][name]
            line += f"{value:>10.3f}" if name != "RSS MB" else f"{value:>10.0f}"
            if i:
                before = results[sizes[i - 1]][name]
                line += f"{value / before:>7.1f}x" if before else f"{'':>8}"
        lines.append(line)
    return "\n".join(lines)


def run(sizes: tuple[int, ...] = SIZES) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        results = {n: measure(Path(tmp), n) for n in sizes}
    return (f"library index, generated articles ({os.cpu_count()} cores)\n" + report(results)
            + "\ngoals at 10,000: cold index < 60 s; first page flat; RSS (of the app) < 150 MB"
            + f"\nload average at the end: {os.getloadavg()[0]:.2f} (1 min)")


def test_bench_library() -> None:
    print("\n" + run())


if __name__ == "__main__":
    print(run(tuple(int(a) for a in sys.argv[1:]) or SIZES))
