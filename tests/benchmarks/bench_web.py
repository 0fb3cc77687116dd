"""Benchmark: web pages. (1) A stored web page's first paint against the same article as a
.txt file (goal: within 1.2x). (2) HTML-to-article time per fixture page for our structural
extractor and for trafilatura, and what each keeps of the hand-checked expectations.

Run: python tests/benchmarks/bench_web.py   (or: python -m pytest tests/benchmarks -s)
Prints tables of medians; asserts nothing about time. trafilatura is measured only when it is
installed (`pip install -e '.[bench]'`); the reader does not depend on it.

(1) uses bench_startup's method (a pseudo-terminal, timed from spawn until a phrase of the lead
is written; each program run once unmeasured and left running so its caches fill). The page is
fetched once from a local server on 127.0.0.1, which is then stopped: the measured runs open it
from the page store, with no network. Programs: `python -m reader FILE.txt` (the page's
canonical text saved as a text file), `python -m reader URL` (the stored page) and
`python -m reader FILE.html` (the same page saved as a file).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.benchmarks.bench_startup import (  # noqa: E402
    Program,
    private_env,
    startup_times,
)
from tests.web.conftest import PAGES  # noqa: E402
from tests.web.server import PageServer  # noqa: E402
from tests.web.test_html_extract import EXPECTED  # noqa: E402

REPEAT = 7
EXTRACT_REPEAT = 30
PAGE = "national_daily.html"
MARKER = "The Standing Board of the Ha Tinh"


def paint_rows(repeat: int = REPEAT) -> list[tuple[str, float]]:
    """Median first paint (seconds) of the .txt, the stored URL and the saved .html."""
    root = Path(tempfile.mkdtemp(prefix="bench-web-"))
    env = private_env(root)
    env["READER_PAGES_DIR"] = str(root / "pages")
    old = {k: os.environ.get(k) for k in ("READER_PAGES_DIR", "READER_CACHE_DIR")}
    os.environ["READER_PAGES_DIR"] = env["READER_PAGES_DIR"]
    os.environ["READER_CACHE_DIR"] = env["READER_CACHE_DIR"]
    try:
        from articles import load

        server = PageServer(PAGES)
        server.start()
        url = server.url(f"/pages/{PAGE}")
        article = load(url)  # fetched and stored
        server.stop()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    text_file = root / "same-article.txt"
    text_file.write_text(article.text, encoding="utf-8")
    html_file = root / PAGE
    html_file.write_bytes((PAGES / PAGE).read_bytes())
    python = [sys.executable, "-m", "reader"]
    programs = [
        Program(".txt", [*python, str(text_file)], MARKER),
        Program("stored URL", [*python, url], MARKER),
        Program("saved .html", [*python, str(html_file)], MARKER),
    ]
    times = startup_times(programs, env, repeat)
    return [(name, statistics.median(t.painted for t in runs)) for name, runs in times.items()]


def _ours(data: bytes) -> object:
    from articles.sources.html_article import article_from_html

    return article_from_html(data)


def _ours_extract_only(data: bytes) -> object:
    from articles.sources.compose import compose
    from articles.sources.html_decode import decode_page, parse_html
    from articles.sources.html_page import extract

    return compose(extract(parse_html(decode_page(data))))


def _median_ms(func: object, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(data)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _import_ms(module: str) -> float:
    code = (f"import time; t = time.perf_counter(); import {module}; "
            "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, cwd=REPO).stdout) for _ in range(5)]
    return statistics.median(runs) * 1000


def quality(name: str, text: str, title: str | None, authors: tuple[str, ...],
            date: str | None) -> str:
    """What an extraction kept of a page's hand-checked expectations."""
    want = EXPECTED[name]
    lead = want.lead_starts in text
    captions = sum(c in text for c in want.captions)
    leaks = sum(a in text for a in want.absent)
    day = "ok" if date and date.startswith(want.published.date().isoformat()) else "—"
    if date and len(date) <= 10:
        day += " (no time)"
    return (f"title {'ok' if title == want.title else 'WRONG'}; "
            f"authors {len(set(authors) & set(want.authors))}/{len(want.authors)}; "
            f"date {day}; lead {'ok' if lead else 'lost'}; "
            f"captions {captions}/{len(want.captions)}; furniture leaked {leaks}")


def extraction_rows() -> list[str]:
    """Per fixture page: milliseconds and quality for each extractor."""
    try:
        import trafilatura
    except ImportError:
        trafilatura = None
    from articles.sources.html_article import article_from_html

    rows = []
    for name in sorted(EXPECTED):
        data = (PAGES / name).read_bytes()
        ours = article_from_html(data)
        rows.append(f"{name}")
        only = _median_ms(_ours_extract_only, data, EXTRACT_REPEAT)
        rows.append(f"  ours, extraction only   {only:7.2f} ms")
        whole = _median_ms(_ours, data, EXTRACT_REPEAT)
        rows.append(f"  ours, whole Article     {whole:7.2f} ms  "
                    + quality(name, ours.text, ours.title, ours.authors,
                              ours.published.isoformat() if ours.published else None))
        if trafilatura is not None:
            html = data.decode("utf-8")

            def traf(_: bytes, html: str = html) -> object:
                return trafilatura.bare_extraction(html, include_comments=False,
                                                   include_images=True, with_metadata=True)

            doc = traf(data)
            authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
            spent = _median_ms(traf, data, EXTRACT_REPEAT)
            rows.append(f"  trafilatura             {spent:7.2f} ms  "
                        + quality(name, doc.text or "", doc.title, authors, doc.date))
    rows.append("")
    rows.append(f"import: ours (lxml.html + extractor) "
                f"{_import_ms('articles.sources.html_article'):.0f} ms")
    if trafilatura is not None:
        rows.append(f"import: trafilatura {_import_ms('trafilatura'):.0f} ms")
    return rows


def report(paint: list[tuple[str, float]], extraction: list[str]) -> str:
    base = dict(paint)[".txt"]
    lines = [f"First paint (median of {REPEAT}):"]
    for name, seconds in paint:
        lines.append(f"  {name:12} {seconds * 1000:7.0f} ms  {seconds / base:5.2f}x the .txt "
                     f"(goal <= 1.20x)")
    lines += ["", f"HTML to article (median of {EXTRACT_REPEAT}):", *extraction]
    return "\n".join(lines)


def test_bench_web() -> None:
    print("\n" + report(paint_rows(), extraction_rows()))


if __name__ == "__main__":
    print(report(paint_rows(), extraction_rows()))
