"""Benchmark behind the choice of edlib for fuzzy anchoring (docs/design.md §4); not a timed test.

On a 1 MB article (the sample repeated, with Vietnamese names so it has more than 256 distinct
characters on request), find a 100-character quote that has a typo: edlib's infix (HW) search as
annotations.textsearch uses it, and rapidfuzz's partial_ratio_alignment when rapidfuzz happens to
be installed (it is not a dependency). Also times anchoring 100 moved and edited annotations.

    python tests/benchmarks/bench_anchoring.py      # or: python -m pytest tests/benchmarks -s
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable

from annotations import Annotation, ArticleRef, Target, anchor_all
from annotations.clock import utc_now
from annotations.textsearch import SearchText
from articles import load, sample_path

MB = 1_000_000


def _median_ms(run: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _texts() -> dict[str, str]:
    base = load(sample_path()).text
    ascii_mb = (base * (MB // len(base) + 1))[:MB]
    wide = "".join(chr(0x4E00 + i) for i in range(300)) + " Nguyễn Văn Thông, Đảng ủy. "
    return {
        "1 MB, 80 distinct chars": ascii_mb,
        "1 MB, 400+ distinct chars": ascii_mb[: MB - len(wide)] + wide,
    }


def run() -> list[tuple[str, float, str]]:
    rows: list[tuple[str, float, str]] = []
    for label, text in _texts().items():
        at = text.index("comprehensively", 900_000)
        quote = text[at - 40 : at + 60]
        typo = quote[:50] + "x" + quote[51:]
        searcher = SearchText(text)
        searcher.search(typo, 50)  # the one-off encoding of the text
        found = searcher.search(typo, len(typo) // 2)
        rows.append(
            (
                f"edlib HW, {label}",
                _median_ms(lambda s=searcher, q=typo: s.search(q, len(q) // 2)),
                f"{len(found)} best locations, distance {found[0].distance}",
            )
        )
        rows.append(
            (
                f"  edlib one-off text encoding, {label}",
                _median_ms(lambda t=text: SearchText(t).search("ab", 1)),
                "",
            )
        )
        try:
            from rapidfuzz import fuzz
        except ImportError:
            rows.append(
                (
                    f"rapidfuzz partial_ratio_alignment, {label}",
                    float("nan"),
                    "rapidfuzz not installed",
                )
            )
        else:
            result = fuzz.partial_ratio_alignment(typo, text)
            rows.append(
                (
                    f"rapidfuzz partial_ratio_alignment, {label}",
                    _median_ms(lambda t=text, q=typo: fuzz.partial_ratio_alignment(q, t)),
                    f"one window of len(quote) at {result.dest_start}, score {result.score:.0f}",
                )
            )
    text = _texts()["1 MB, 80 distinct chars"]
    now = utc_now()
    items = []
    for i in range(100):
        start = 5_000 + i * 9_000
        items.append(
            Annotation(
                id=str(uuid.uuid4()),
                article=ArticleRef(id="x", path="", title="t"),
                target=Target.from_text(text, start, start + 80),
                color="yellow",
                note="",
                tags=(),
                created=now,
                updated=now,
            )
        )
    edited = "A new first paragraph.\n\n" + text.replace("the Provincial", "the provincial")
    results: list[str] = []
    ms = _median_ms(lambda: results.extend(a.status for a in anchor_all(edited, items)), repeat=3)
    counts = {s: results.count(s) // 3 for s in ("exact", "moved", "fuzzy", "orphan")}
    rows.append(("anchor_all: 100 notes, 1 MB text edited above and inside them", ms, str(counts)))
    return rows


def report(rows: list[tuple[str, float, str]]) -> str:
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {ms:9.2f} ms  {note}" for name, ms, note in rows)


def test_benchmark_anchoring() -> None:
    """Runs the benchmark under pytest (prints with -s; asserts nothing about time)."""
    print("\n" + report(run()))


if __name__ == "__main__":
    print(report(run()))
