"""Benchmark of the annotations store (issue 14); not a timed test.

At 0, 1,000, 10,000 and 100,000 notes stored: a durable `Store.add` back to back and one at a
time, against SQLite measured in the same run (one INSERT + commit, synchronous=FULL); opening
one article's notes with a new Store (as the reader does); `store.check()` of the whole file;
and `reader notes add` as a new process. Prints medians with the growth from each size to the
next.

    python tests/benchmarks/bench_store.py [SIZE ...]   # or: python -m pytest tests/benchmarks -s
"""

from __future__ import annotations

import dataclasses
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

from annotations import Annotation, Store, new_annotation
from annotations.codec import to_record
from articles import Article, load, parse, sample_path

SIZES = (0, 1_000, 10_000, 100_000)
REPEAT = 25
ARTICLES = 40  # the stored annotations are spread over this many articles


def _articles() -> list[Article]:
    """ARTICLES distinct articles (own title, text and path), made from the sample article."""
    base = load(sample_path())
    title_end = base.text.index("\n")
    out = []
    for i in range(ARTICLES):
        text = f"{base.text[:title_end]} (edition {i})" + base.text[title_end:]
        path = Path(f"/home/reader/Documents/articles/nghe-an/2023/standing-committee-{i:03d}.txt")
        out.append(dataclasses.replace(parse(text), path=path))
    return out


def _annotation(rng: random.Random, article: Article) -> Annotation:
    """A realistic note: a passage of 20-200 characters, a note on half of them, some tags."""
    start = rng.randrange(0, len(article.text) - 220)
    end = start + rng.randrange(20, 200)
    note = (
        " ".join(
            rng.choice(("check", "the", "resolution", "budget", "who", "signed", "this?"))
            for _ in range(rng.randrange(0, 25))
        )
        if rng.random() < 0.5
        else ""
    )
    tags = rng.sample(
        ("personnel", "budget", "land", "anti-corruption", "Politburo"), rng.randrange(0, 3)
    )
    return new_annotation(
        article, start, end, note=note, tags=tags, color=rng.choice(("yellow", "green", "blue"))
    )


def _median_ms(run: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _median_paced_ms(store: Store, fresh: Iterator[Annotation], repeat: int = REPEAT) -> float:
    """One add at a time, as a person makes notes: the store's background work after each add
    (preparing the next version of the file) finishes before the next add, untimed."""
    times = []
    for _ in range(repeat):
        store.settle()
        t0 = time.perf_counter()
        store.add(next(fresh))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _sqlite(path: Path, existing: list[Annotation], journal: str) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute(f"PRAGMA journal_mode={journal}")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE annotations (id TEXT PRIMARY KEY, article TEXT, doc TEXT)")
    con.execute("CREATE INDEX by_article ON annotations(article)")
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO annotations VALUES (?, ?, ?)",
        [(a.id, a.article.id, orjson.dumps(to_record(a)).decode()) for a in existing],
    )
    con.execute("COMMIT")
    return con


def _sqlite_insert(con: sqlite3.Connection, a: Annotation) -> None:
    con.execute("BEGIN")
    con.execute(
        "INSERT INTO annotations VALUES (?, ?, ?)",
        (a.id, a.article.id, orjson.dumps(to_record(a)).decode()),
    )
    con.execute("COMMIT")


def _cli_add_ms(db: Path, article: Path, quote: str, repeat: int = 5) -> float:
    """`reader notes add` as a user runs it (a new process each time)."""
    args = [sys.executable, "-m", "reader", "notes", "add", str(article), "--quote", quote,
            "--db", str(db)]

    def once() -> None:
        subprocess.run(args, check=True, capture_output=True)

    return _median_ms(once, repeat)


Series = dict[str, dict[int, float]]
"""measurement -> notes stored -> median milliseconds."""


def run(sizes: tuple[int, ...] = SIZES) -> Series:
    """Measure everything at each size; medians in milliseconds."""
    rng = random.Random(42)
    articles = _articles()
    pool = [_annotation(rng, rng.choice(articles)) for _ in range(max(sizes) + 60 * REPEAT)]
    out: Series = {}

    def put(name: str, n: int, ms: float) -> None:
        out.setdefault(name, {})[n] = ms

    sample_file = sample_path()
    quote = "comprehensively lead and direct all aspects of work"
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        work = Path(tmp)
        fresh = iter(pool[max(sizes) :])
        target = articles[3]
        for n in sizes:
            existing = pool[:n]
            db = work / f"store-{n}" / "annotations.json"
            store = Store(db)
            if existing:
                store.add_many(existing)
            else:
                store.set_setting("created", True)
            repeat = REPEAT if n < 100_000 else 7
            put("add, back to back", n, _median_ms(lambda s=store: s.add(next(fresh)), repeat))
            put("add, one at a time", n, _median_paced_ms(store, fresh, repeat))
            store.settle()
            lite = _sqlite(work / f"delete-{n}.sqlite", existing, "DELETE")
            put("SQLite FULL insert", n, _median_ms(lambda c=lite: _sqlite_insert(c, next(fresh))))
            lite.close()
            put("open: new Store, one article's notes", n,
                _median_ms(lambda d=db: Store(d).for_article(target), 5))
            put("store.check() of the whole file", n, _median_ms(lambda d=db: Store(d).check(), 5))
            put("`reader notes add` (a new process)", n, _cli_add_ms(db, sample_file, quote))
            put("file size (MB, not ms)", n, db.stat().st_size / 1e6)
    return out


def report(series: Series) -> str:
    """The medians as a table: one column per size, with the growth from the previous size."""
    sizes = sorted({n for by_size in series.values() for n in by_size})
    width = max(len(name) for name in series)
    head = f"{'median ms':<{width}}" + "".join(f"  {f'{n:,} notes':>20}" for n in sizes)
    lines = [head, "-" * len(head)]
    for name, by_size in series.items():
        cells, previous = [], None
        for n in sizes:
            value = by_size.get(n)
            if value is None:
                cells.append("")
                continue
            growth = f" ({value / previous:5.1f}x)" if previous else " " * 9
            cells.append(f"{value:9.2f}{growth}")
            previous = value
        lines.append(f"{name:<{width}}" + "".join(f"  {c:>20}" for c in cells))
    add = series.get("add, back to back", {})
    lite = series.get("SQLite FULL insert", {})
    ratios = ", ".join(f"{n:,}: {add[n] / lite[n]:.1f}x" for n in sizes if n in add and n in lite)
    lines.append(f"add against SQLite FULL: {ratios}")
    return "\n".join(lines)


def test_benchmark_store() -> None:
    """Runs the benchmark under pytest (prints with -s; asserts nothing about time)."""
    print("\n" + report(run()))


if __name__ == "__main__":
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(report(run(chosen)))
