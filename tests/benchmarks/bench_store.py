"""Benchmark of the annotations store (requirement 14); not a timed test.

One durable `Store.add` with 0, 1,000 and 10,000 annotations already stored, against SQLite
measured in the same run (one INSERT + commit, synchronous=FULL, default rollback journal, and
WAL for reference) and against TinyDB's default JSONStorage; and loading all annotations of one
article with 10,000 stored (a new Store, as when the reader opens; and again on an unchanged
file). Prints a table of medians.

    python tests/benchmarks/bench_store.py          # or: python -m pytest tests/benchmarks -s
"""

from __future__ import annotations

import dataclasses
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
from tinydb import TinyDB

from annotations import Annotation, Store, new_annotation
from annotations.codec import to_record
from articles import Article, load, parse, sample_path

SIZES = (0, 1_000, 10_000)
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


Row = tuple[str, float, float | None, float | None]
"""(measurement, reader ms, SQLite rollback-journal ms, SQLite WAL ms)."""


def run() -> list[Row]:
    """Measure everything; medians in milliseconds."""
    rng = random.Random(42)
    articles = _articles()
    pool = [_annotation(rng, rng.choice(articles)) for _ in range(max(SIZES) + 20 * REPEAT)]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        work = Path(tmp)
        fresh = iter(pool[max(SIZES) :])
        for n in SIZES:
            existing = pool[:n]
            db = work / f"store-{n}" / "annotations.json"
            store = Store(db)
            if existing:
                store.add_many(existing)
            ours = _median_ms(lambda s=store: s.add(next(fresh)))
            paced = _median_paced_ms(store, fresh)
            size = db.stat().st_size
            lite = _sqlite(work / f"delete-{n}.sqlite", existing, "DELETE")
            sqlite_ms = _median_ms(lambda c=lite: _sqlite_insert(c, next(fresh)))
            wal = _sqlite(work / f"wal-{n}.sqlite", existing, "WAL")
            wal_ms = _median_ms(lambda c=wal: _sqlite_insert(c, next(fresh)))
            lite.close()
            wal.close()
            rows.append((f"add, {n:,} stored ({size / 1e6:.1f} MB), back to back", ours,
                         sqlite_ms, wal_ms))
            rows.append((f"add, {n:,} stored, one at a time", paced, sqlite_ms, wal_ms))

        # TinyDB's own JSONStorage at 10,000, for the record (DESIGN.md §5: ~55x SQLite).
        plain_path = work / "plain-tinydb.json"
        records = {str(i): to_record(a) for i, a in enumerate(pool[:10_000], 1)}
        plain_path.write_bytes(orjson.dumps({"_default": records}))
        plain = TinyDB(plain_path)
        tinydb_ms = _median_ms(lambda: plain.insert(to_record(next(fresh))), repeat=10)
        plain.close()
        rows.append(("add, 10,000 stored, TinyDB's JSONStorage", tinydb_ms, None, None))

        db = work / "store-10000" / "annotations.json"
        target = articles[3]
        counts: list[int] = []

        def cold() -> None:
            counts.append(len(Store(db).for_article(target)))

        cold_ms = _median_ms(cold, repeat=9)
        warm = Store(db)
        warm.for_article(target)
        warm_ms = _median_ms(lambda: warm.for_article(target), repeat=50)
        rows.append(
            (f"load one article ({counts[0]} notes), 10,000 stored: new Store", cold_ms, None, None)
        )
        rows.append(("  ... the same Store again, file unchanged", warm_ms, None, None))
    return rows


def report(rows: list[Row]) -> str:
    """The medians as a table."""
    width = max(len(r[0]) for r in rows)
    title = f"median of {REPEAT} runs"
    head = f"{title:<{width}}  {'reader':>9}  {'SQLite FULL':>17}  {'SQLite WAL+FULL':>17}"
    lines = [head, "-" * len(head)]
    for name, ours, lite, wal in rows:
        cells = [f"{ours:6.2f} ms"]
        for other in (lite, wal):
            cells.append(f"{other:5.2f} ms ({ours / other:4.1f}x)" if other else "")
        lines.append(f"{name:<{width}}  {cells[0]:>9}  {cells[1]:>17}  {cells[2]:>17}")
    return "\n".join(lines)


def test_benchmark_store() -> None:
    """Runs the benchmark under pytest (prints with -s; asserts nothing about time)."""
    print("\n" + report(run()))


if __name__ == "__main__":
    print(report(run()))
