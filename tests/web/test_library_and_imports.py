"""Saved pages in a library folder, and what opening a text article must not import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from articles import sample_path
from articles.library.indexer import Indexer
from tests.web.conftest import PAGES


def test_a_library_folder_indexes_saved_pages_beside_text_files(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "sample.txt").write_bytes(sample_path().read_bytes())
    (folder / "army.html").write_bytes((PAGES / "army_paper.html").read_bytes())
    (folder / "gov.HTM").write_bytes((PAGES / "government_portal.html").read_bytes())
    (folder / "empty.html").write_bytes((PAGES / "no_article.html").read_bytes())
    (folder / "notes.md").write_text("not an article")
    files = Indexer.list_files([folder])
    assert [p.name for p in files] == ["army.html", "empty.html", "gov.HTM", "sample.txt"]
    library = Indexer().index_all([folder])
    titles = {a.path.name: a.title for a in library.readable}
    assert titles["army.html"] == "Military Region 4 reviews local defence work"
    assert titles["gov.HTM"] == "Government issues decree on decentralisation to localities"
    assert [a.path.name for a in library.unreadable] == ["empty.html"]
    assert "no article text" in (library.unreadable[0].error_message or "")
    codes = {d.code for d in library.documents}
    assert {"28-NQ/TW", "131/2025/ND-CP"} <= codes and "30-NQ/QUTW" not in codes


PROBE = """
import json, sys
from reader.launch import load_articles
from articles.cache.article_cache import ArticleCache
cache = ArticleCache()
load_articles([sys.argv[1]], cache)
load_articles([sys.argv[1]], cache)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               ("httpx", "httpcore", "lxml", "trafilatura", "htmldate", "articles.sources.fetch",
                "articles.sources.html_page"))
print(json.dumps(heavy))
"""


def _imported(target: str, tmp_path: Path) -> list[str]:
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", PROBE, target], capture_output=True, text=True,
                         env=env, check=True, cwd=Path(__file__).resolve().parents[2])
    result: list[str] = json.loads(out.stdout)
    return result


def test_opening_a_text_article_imports_no_html_machinery(tmp_path: Path) -> None:
    assert _imported(str(sample_path()), tmp_path) == []


def test_a_saved_page_read_before_opens_without_lxml(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes((PAGES / "national_daily.html").read_bytes())
    # The probe opens it twice in one process (lxml is then loaded); a second process finds it
    # in the cache and must not import lxml at all.
    assert "lxml" in _imported(str(page), tmp_path)
    assert _imported(str(page), tmp_path) == []
