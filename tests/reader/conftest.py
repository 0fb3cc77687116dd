"""Fixtures for the reader's Pilot and snapshot tests: a private database, a pinned theme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotations.store import Store
from articles import Article, load, sample_path
from reader.app import ReaderApp

SIZE = (140, 40)
THEME = "textual-dark"


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's data: database and caches live under tmp_path."""
    monkeypatch.setenv("READER_DB", str(tmp_path / "default-db.json"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "notes.json"


@pytest.fixture
def sample() -> Article:
    return load(sample_path())


@pytest.fixture
def make_app(db_path: Path) -> Callable[..., ReaderApp]:
    """Build a reader app on an article (the sample by default) and the test database."""

    def factory(article: Article | None = None, theme: str | None = THEME) -> ReaderApp:
        return ReaderApp([article or load(sample_path())], Store(db_path), theme=theme)

    return factory


@pytest.fixture
def messages_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Status messages never expire: a snapshot taken on a loaded machine, more than
    `StatusLine.EXPIRY_SECONDS` after the screen opened, shows what a quick one shows."""
    from reader.widgets.status import StatusLine

    monkeypatch.setattr(StatusLine, "EXPIRY_SECONDS", 1e9)
