"""Benchmark: parse time of the seed article and of generated articles of growing size.

Run: python tests/benchmarks/bench_parse.py   (or: python -m pytest tests/benchmarks -s)
Reports medians; asserts nothing about time.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles import parse, sample_path
from tests.benchmarks.generate import generate_article


def median_seconds(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run() -> list[tuple[str, int, float, int, int]]:
    rows = []
    seed = sample_path().read_text(encoding="utf-8")
    article = parse(seed)
    rows.append(("seed", len(seed), median_seconds(lambda: parse(seed), 50),
                 len(article.people), len(article.documents)))
    for size in (125_000, 250_000, 500_000, 1_000_000):
        text = generate_article(size)
        article = parse(text)
        rows.append((f"generated {size // 1000} kB", len(text),
                     median_seconds(lambda text=text: parse(text), 5),
                     len(article.people), len(article.documents)))
    return rows


def report(rows: list[tuple[str, int, float, int, int]]) -> str:
    header = ("article", "chars", "median ms", "µs/kchar", "people", "docs")
    lines = ["{:<20}{:>10}{:>12}{:>10}{:>8}{:>6}".format(*header)]
    for name, chars, seconds, people, docs in rows:
        lines.append(f"{name:<20}{chars:>10,}{seconds * 1000:>12.1f}"
                     f"{seconds * 1e9 / chars:>10.1f}{people:>8}{docs:>6}")
    return "\n".join(lines)


def test_bench_parse() -> None:
    print("\n" + report(run()))


if __name__ == "__main__":
    print(report(run()))
