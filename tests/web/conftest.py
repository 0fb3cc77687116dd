"""Fixtures for the web page tests: private data and cache directories, the fixture pages, and
a local HTTP server on 127.0.0.1 (no test reaches the outside network)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.server import PageServer

PAGES = Path(__file__).resolve().parent.parent / "articles" / "web_fixtures"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Database, caches and stored pages live under tmp_path."""
    monkeypatch.setenv("READER_DB", str(tmp_path / "default-db.json"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("READER_PAGES_DIR", str(tmp_path / "pages"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def server() -> Iterator[PageServer]:
    """A local server of the fixture pages and of the error cases (see `server.py`)."""
    srv = PageServer(PAGES)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()
