"""Benchmark: opening a library of 1,000 generated articles (issue 5, requirement 4).

Run: python tests/benchmarks/bench_library.py   (or: python -m pytest tests/benchmarks -s)

Measures, on 1,000 articles of 4-8 KB (tests/benchmarks/generate.py `generate_library`):
- first table, cold cache: list the files and `quick_scan` them (nothing cached: each file is
  read and hashed, and its first line is the provisional title) — goal < 1 s;
- complete index, cold cache: `index_all` (parse everything, write the cache, build the
  library), in-process and with worker processes — goal < 20 s;
- complete reopen, warm cache: `list_files` + `quick_scan` + `build_library` with everything
  cached — goal < 1 s; both when the files' size and mtime are trusted (the usual case) and when
  they were written within the last 2 s (then each file is read and hashed again);
- the cache layout: reading 1,000 per-entry files against one file holding them all.
Reports medians; asserts nothing about time.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles.index_cache import IndexCache
from articles.indexer import Indexer
from articles.library import ArticleEntry, build_library
from tests.benchmarks.generate import generate_library

COUNT = 1000


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def median_of(func: Callable[[], object], repeat: int) -> float:
    return statistics.median(timed(func) for _ in range(repeat))


def _age(files: list[Path], seconds: float) -> None:
    """Make the files look written `seconds` ago (as a real library's files are)."""
    when = time.time() - seconds
    for path in files:
        os.utime(path, (when, when))


def run(workdir: Path) -> list[tuple[str, float, str]]:
    library_dir = workdir / "library"
    files = generate_library(library_dir, COUNT)
    _age(files, 3600)
    size = sum(p.stat().st_size for p in files)
    rows: list[tuple[str, float, str]] = []
    note = f"{COUNT} files, {size / COUNT / 1024:.1f} KB each"

    def cold_scan() -> None:
        cache = workdir / "cold-scan"
        shutil.rmtree(cache, ignore_errors=True)
        indexer = Indexer(IndexCache(cache))
        indexer.quick_scan(indexer.list_files([library_dir]))

    rows.append(("first table, cold cache", median_of(cold_scan, 5), note))

    for workers in (1, 2):
        times = []
        for _ in range(3):
            cache = workdir / f"cold-{workers}"
            shutil.rmtree(cache, ignore_errors=True)
            indexer = Indexer(IndexCache(cache), workers=workers)
            times.append(timed(lambda indexer=indexer: indexer.index_all([library_dir])))
        rows.append((f"complete index, cold, {workers} process(es)", statistics.median(times),
                     f"{indexer.stats.parsed} parsed"))

    warm = workdir / "cold-1"
    library = Indexer(IndexCache(warm)).index_all([library_dir])

    def reopen() -> None:
        indexer = Indexer(IndexCache(warm))
        scan = indexer.quick_scan(indexer.list_files([library_dir]))
        assert not scan.pending
        build_library(scan.entries)

    rows.append(("complete reopen, warm cache", median_of(reopen, 5),
                 f"{len(library.people)} people, {len(library.documents)} documents"))
    _age(files, 0)
    rows.append(("  same, files written < 2 s ago", median_of(reopen, 1), "read + hashed"))
    _age(files, 3600)
    Indexer(IndexCache(warm)).index_all([library_dir])

    entries_dir = IndexCache(warm).entries_dir
    names = sorted(entries_dir.glob("*.json"))
    packed = workdir / "packed.json"
    packed.write_bytes(b"[" + b",".join(p.read_bytes() for p in names) + b"]")

    def per_entry() -> None:
        for p in names:
            ArticleEntry.from_json(orjson.loads(p.read_bytes()))

    def one_file() -> None:
        for record in orjson.loads(packed.read_bytes()):
            ArticleEntry.from_json(record)

    rows.append(("read cache: 1 file per entry", median_of(per_entry, 5),
                 f"{sum(p.stat().st_size for p in names) / 1e6:.1f} MB"))
    rows.append(("read cache: 1 file for all", median_of(one_file, 5), ""))
    entries = [ArticleEntry.from_json(orjson.loads(p.read_bytes())) for p in names]
    rows.append(("build_library alone", median_of(lambda: build_library(entries), 5), ""))
    return rows


def report(rows: list[tuple[str, float, str]]) -> str:
    lines = [f"{'measure':<44}{'median s':>10}  note"]
    lines += [f"{name:<44}{seconds:>10.3f}  {note}" for name, seconds, note in rows]
    return "\n".join(lines)


def test_bench_library() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("\n" + report(run(Path(tmp))))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(report(run(Path(tmp))))
