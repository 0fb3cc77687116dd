"""Benchmark: the full-text index (`articles.cache.fulltext`, SQLite FTS5) at 1,000 and 10,000
generated articles (issue 12), headless. Reports figures and asserts nothing about time.

Run: python tests/benchmarks/bench_fulltext.py [SIZES...]   (or: python -m pytest
tests/benchmarks/bench_fulltext.py -s).

For each size, articles of 4-8 KB (tests/benchmarks/generate.py) in a temporary directory:
- cold index: `update` with no database (read, fold and index every file);
- warm update: `update` again with nothing changed (one stat per file), and with one file
  changed;
- queries (median of 5, a fresh connection's first query not counted): a common word ("party",
  most articles), a rare two-word phrase (a person's full name), a phrase found nowhere, and a
  folded query ("dang" for "Đảng"-style words), each with the hits and their exact offsets;
- the same common-word query by scanning every file's text (`articles.parsing.search.find_all` per
  file), for comparison with rescanning the library per query;
- the database's size on disk.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles.cache.fulltext import FullTextIndex
from articles.cache.fulltext_schema import DB_NAME
from articles.parsing.search import find_all
from articles.sources.textio import read_text
from tests.benchmarks.generate import age_files, generate_library

SIZES = (1000, 10000)
QUERIES = {
    "common word": "party",
    "document code": "26-NQ/TW",
    "folded ('Nghệ An' for 'Nghe An')": "Nghệ An newspaper",
    "nowhere": "zebra crossing",
}


def timed(func: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def median_of(func: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    runs = [timed(func) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), runs[-1][1]


def measure(workdir: Path, count: int) -> list[tuple[str, str]]:
    files = generate_library(workdir / "lib", count)
    age_files(files, 3600)
    cache = workdir / "cache"
    rows: list[tuple[str, str]] = []
    seconds, _ = timed(lambda: FullTextIndex(cache).update(files))
    rows.append(("cold index", f"{seconds:8.2f} s  ({count / seconds:,.0f} articles/s)"))
    seconds, _ = median_of(lambda: FullTextIndex(cache).update(files))
    rows.append(("warm update, nothing changed", f"{seconds * 1000:8.1f} ms"))
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nOne more line.\n",
                        encoding="utf-8")
    seconds, _ = timed(lambda: FullTextIndex(cache).update(files))
    rows.append(("warm update, one file changed", f"{seconds * 1000:8.1f} ms"))
    index = FullTextIndex(cache)
    index.search("warm up", files)
    middle = files[len(files) // 2].read_text(encoding="utf-8")
    host = re.search(r"comrade ([A-Z]\w+ [A-Z]\w+ [A-Z]\w+) - ", middle)
    queries = dict(QUERIES, **{"a person's full name": host.group(1) if host else "x"})
    for label, query in queries.items():
        seconds, hits = median_of(lambda q=query: index.search(q, files))  # type: ignore[misc]
        found = hits if isinstance(hits, list) else []
        articles = len({h.path for h in found})
        rows.append((f"query: {label}",
                     f"{seconds * 1000:8.1f} ms  {len(found):,} hits in {articles:,} articles"))
    seconds, _ = median_of(lambda: [h.context() for h in index.search("party", files)[:50]])
    rows.append(("query 'party' and the first 50 context lines", f"{seconds * 1000:8.1f} ms"))
    seconds, hits = timed(lambda: [s for f in files for s in find_all(read_text(f), "party",
                                                                      whole_words=True)])
    total = len(hits) if isinstance(hits, list) else 0
    rows.append(("scan every file instead ('party')", f"{seconds * 1000:8.1f} ms  {total:,} hits"))
    size = sum(os.path.getsize(p) for p in cache.glob(f"{DB_NAME}*"))
    rows.append(("database on disk", f"{size / 1e6:8.1f} MB"))
    return rows


def run(sizes: tuple[int, ...] = SIZES) -> str:
    lines = []
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            lines.append(f"{count:,} articles")
            for label, value in measure(Path(tmp), count):
                lines.append(f"  {label:<44} {value}")
    return "\n".join(lines)


def test_bench_fulltext() -> None:
    print("\n" + run())


if __name__ == "__main__":
    print(run(tuple(int(a) for a in sys.argv[1:]) or SIZES))
