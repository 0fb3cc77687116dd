"""Benchmark of the annotations store (issue 14); not a timed test.

At 0, 1,000, 10,000 and 100,000 notes stored (the sample article always has 10 of them, the
rest spread over other articles, 10 each: 100,000 notes are 10,000 articles), with the growth
from each size to the next:

- opening the sample's notes as the reader does (a new Store, the notes file checked, the
  article's notes read and anchored);
- the sample's first paint (`reader SAMPLE --db FILE` on a pseudo-terminal, until its text is
  on screen);
- `reader notes add` as a new process;
- an add as the app makes it (a Store that opened the article; the app's own call, which
  first checks the note is not stored yet), back to back and one at a time (the background
  work after each add left to finish, untimed), against SQLite measured in the same run
  (one INSERT + commit, synchronous=FULL, rollback journal);
- the first paint and `notes add` also in CPU time (user + system of the process): on a busy
  machine the clock varies by tens of percent between runs, the CPU time far less;
- `store.check()` of every file (not on the path to the first paint), and the files' sizes.

The stores are written directly as the store lays them out (annotations/layout.py), not
through 100,000 adds. Prints medians; asserts nothing about time.

    python tests/benchmarks/bench_store.py [SIZE ...]   # or: python -m pytest tests/benchmarks -s
"""

from __future__ import annotations

import gc
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotations import Annotation, ArticleRef, Store, Target, actions, new_annotation
from annotations.buckets import TERMS, bucket_path, terms
from annotations.codec import to_record
from annotations.layout import LAYOUT_DOC, LAYOUT_KEY, SHARD_AT, SHARDS, shard_key, shard_path
from annotations.schema import SCHEMA_VERSION
from articles import Article, load, sample_path
from reader.screens.article.note_saving import _add_once
from tests.benchmarks.bench_startup import (
    SAMPLE_MARKER,
    Program,
    private_env,
    time_to_paint,
)

SIZES = (0, 1_000, 10_000, 100_000)
REPEAT = 25
PAINTS = 5
ON_SAMPLE = 10
"""Notes on the sample article at every size but 0."""
PER_ARTICLE = 10
"""Notes on each of the other articles."""
QUOTE = "comprehensively lead and direct all aspects of work"


def _passage(rng: random.Random, text: str) -> tuple[int, int]:
    start = rng.randrange(0, len(text) - 220)
    return start, start + rng.randrange(20, 200)


def _note_text(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return ""
    words = ("check", "the", "resolution", "budget", "who", "signed", "this?")
    return " ".join(rng.choice(words) for _ in range(rng.randrange(0, 25)))


def _tags(rng: random.Random) -> list[str]:
    return rng.sample(("personnel", "budget", "land", "anti-corruption", "Politburo"),
                      rng.randrange(0, 3))


def _on_sample(rng: random.Random, sample: Article) -> Annotation:
    """A realistic note on the sample: a passage of 20-200 characters, a note on half."""
    start, end = _passage(rng, sample.text)
    return new_annotation(sample, start, end, note=_note_text(rng), tags=_tags(rng),
                          color=rng.choice(("yellow", "green", "blue")))


def _elsewhere(rng: random.Random, sample: Article, count: int) -> Iterator[Annotation]:
    """`count` notes on other articles (PER_ARTICLE each; their text is not needed)."""
    now = new_annotation(sample, 0, 10).created
    for i in range(count):
        k = i // PER_ARTICLE
        ref = ArticleRef(id=f"{k + 1:016x}", path=f"/home/reader/articles/a-{k:05d}.txt",
                         title=f"Provincial report {k}")
        start, end = _passage(rng, sample.text)
        exact = sample.text[start:end]
        yield Annotation(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), article=ref,
            target=Target(exact=exact, prefix=sample.text[max(0, start - 32):start],
                          suffix=sample.text[end:end + 32], start=start, end=end),
            color=rng.choice(("yellow", "green", "blue")), note=_note_text(rng),
            tags=tuple(_tags(rng)), created=now, updated=now,
        )


def write_store(db: Path, notes: list[Annotation]) -> None:
    """The files the store keeps for `notes`, written at once as it lays them out."""
    db.parent.mkdir(parents=True, exist_ok=True)
    meta = {"schema": {"version": SCHEMA_VERSION}}
    records = {a.id: to_record(a) for a in notes}
    tables: dict[str, object] = {"meta": meta, "annotations": records}
    if len(notes) >= SHARD_AT:
        groups: dict[str, dict[str, object]] = {}
        refs: dict[str, set[tuple[str, str, str]]] = {}
        for a in notes:
            key = shard_key(a.article)
            groups.setdefault(key, {})[a.id] = records[a.id]
            refs.setdefault(key, set()).add((a.article.id, a.article.path, a.article.title))
        for key, group in groups.items():
            shard_path(db, key).write_bytes(orjson.dumps({"meta": meta, "annotations": group}))
        buckets: dict[str, dict[str, set[str]]] = {}
        for key, triples in refs.items():
            for triple in triples:
                for term in terms(ArticleRef(*triple)):
                    buckets.setdefault(term[:2], {}).setdefault(term, set()).add(key)
        for name, entries in buckets.items():
            bucket_path(db, name).write_bytes(orjson.dumps(
                {"meta": meta, TERMS: {t: {"keys": sorted(k)} for t, k in entries.items()}}))
        tables = {"meta": meta, "annotations": {}, SHARDS: {LAYOUT_KEY: LAYOUT_DOC}}
    db.write_bytes(orjson.dumps(tables))
    os.chmod(db, 0o600)


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
        _add_once(store, next(fresh))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _sqlite(path: Path, existing: list[Annotation]) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=DELETE")
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


def _cli_add_ms(db: Path, article: Path, repeat: int = 5) -> tuple[float, float]:
    """`reader notes add` as a user runs it (a new process each time): the median by the
    clock and in CPU time (user + system of the process), in milliseconds."""
    args = [sys.executable, "-m", "reader", "notes", "add", str(article), "--quote", QUOTE,
            "--db", str(db)]
    subprocess.run(args, check=True, capture_output=True)  # unmeasured: bytecode, caches
    wall, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        wall.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def _paint_ms(db: Path, env: dict[str, str], repeat: int = PAINTS) -> tuple[float, float]:
    """The sample's first paint with this notes file (after one unmeasured run): the median
    by the clock and the median CPU time used until it painted, in milliseconds."""
    program = Program("reader, sample", [sys.executable, "-m", "reader", str(sample_path()),
                                         "--db", str(db)], SAMPLE_MARKER)
    time_to_paint(program, env, linger=1.0)
    timings = [time_to_paint(program, env) for _ in range(repeat)]
    return (statistics.median(t.painted for t in timings) * 1000,
            statistics.median(t.cpu for t in timings) * 1000)


Series = dict[str, dict[int, float]]
"""measurement -> notes stored -> median milliseconds."""


def run(sizes: tuple[int, ...] = SIZES) -> Series:
    """Measure everything at each size; medians in milliseconds."""
    rng = random.Random(42)
    sample = load(sample_path())
    largest = max(sizes)
    others = list(_elsewhere(rng, sample, max(0, largest - ON_SAMPLE)))
    mine = [_on_sample(rng, sample) for _ in range(ON_SAMPLE + 2 * REPEAT * len(sizes))]
    fresh = iter(mine[ON_SAMPLE:])
    # The generated notes stay alive in this process (a reader's process holds none of them):
    # out of the collector's sight, so its passes over them are not timed as the store's.
    gc.collect()
    gc.freeze()
    out: Series = {}

    def put(name: str, n: int, value: float) -> None:
        out.setdefault(name, {})[n] = value

    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        work = Path(tmp)
        env = private_env(work)
        for n in sizes:
            stored = (mine[:ON_SAMPLE] + others[:n - ON_SAMPLE]) if n else []
            db = work / f"store-{n}" / "annotations.json"
            t0 = time.perf_counter()
            write_store(db, stored)
            made = time.perf_counter() - t0
            assert len(Store(db)) == n, "the generated store does not read back"

            def open_notes(d: Path = db) -> None:
                store = Store(d)
                store.check_notes_file()
                actions.article_notes(store, sample)

            put("open: the sample's notes (new Store)", n, _median_ms(open_notes, 7))
            wall, cpu = _paint_ms(db, env)
            put("first paint of the sample", n, wall)
            put("first paint of the sample, CPU", n, cpu)
            wall, cpu = _cli_add_ms(db, sample_path())
            put("`reader notes add` (a new process)", n, wall)
            put("`reader notes add`, CPU", n, cpu)
            app = Store(db)
            app.for_article(sample)  # as the app has, before the reader adds a note
            put("add in the app, back to back", n,
                _median_ms(lambda s=app: _add_once(s, next(fresh)), REPEAT))
            put("add in the app, one at a time", n, _median_paced_ms(app, fresh, REPEAT))
            app.settle()
            lite = _sqlite(work / f"sqlite-{n}.db", stored)
            lite_rows = iter(list(_elsewhere(rng, sample, REPEAT)))
            put("SQLite FULL insert", n,
                _median_ms(lambda c=lite, r=lite_rows: _sqlite_insert(c, next(r))))
            lite.close()
            put("store.check() of every file", n, _median_ms(lambda d=db: Store(d).check(), 3))
            put("notes file (KB, not ms)", n, db.stat().st_size / 1e3)
            own = shard_path(db, shard_key(sample_ref(sample)))
            put("the sample's own file (KB, not ms)", n,
                own.stat().st_size / 1e3 if own.exists() else 0.0)
            put("writing the store directly (ms)", n, made * 1000)
    return out


def sample_ref(sample: Article) -> ArticleRef:
    """The sample's article reference (which decides the file its notes are in)."""
    return ArticleRef.of(sample)


def report(series: Series) -> str:
    """The medians as a table: one column per size, with the growth from the previous size;
    then the ratios the issue sets goals for."""
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
    lite = series.get("SQLite FULL insert", {})
    for name in ("add in the app, back to back", "add in the app, one at a time"):
        add = series.get(name, {})
        ratios = ", ".join(f"{n:,}: {add[n] / lite[n]:.1f}x" for n in sizes
                           if n in add and lite.get(n))
        lines.append(f"{name} against SQLite FULL (goal 2x): {ratios}")
    for name in ("open: the sample's notes (new Store)", "first paint of the sample",
                 "first paint of the sample, CPU", "`reader notes add` (a new process)",
                 "`reader notes add`, CPU"):
        by_size = series.get(name, {})
        if by_size.get(0):
            ratios = ", ".join(f"{n:,}: {by_size[n] / by_size[0]:.2f}x" for n in sizes
                               if n in by_size)
            lines.append(f"{name} against an empty notes file (goal 1.3x): {ratios}")
    return "\n".join(lines)


def test_benchmark_store() -> None:
    """Runs the benchmark under pytest (prints with -s; asserts nothing about time)."""
    print("\n" + report(run()))


if __name__ == "__main__":
    chosen = tuple(int(a) for a in sys.argv[1:]) or SIZES
    print(report(run(chosen)))
