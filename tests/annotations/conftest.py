"""Fixtures for the annotations tests: every test gets its own data directory and database
path, so nothing ever touches the user's real annotations file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotations import Store
from articles import Article, load, sample_path

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_NAMES = ("quang_tri_land_prices.txt", "ha_tinh_anti_corruption.txt")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test may read or write the real user data directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("READER_DB", raising=False)
    yield home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's annotations file goes (not created)."""
    return tmp_path / "data" / "annotations.json"


@pytest.fixture
def store(db_path: Path) -> Store:
    """A store on a fresh, not yet existing file."""
    return Store(db_path)


@pytest.fixture(scope="session")
def sample() -> Article:
    """The bundled sample article."""
    return load(sample_path())


@pytest.fixture
def article_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample article (to edit or move in a test)."""
    target = tmp_path / "articles" / "nghe-an.txt"
    target.parent.mkdir()
    target.write_bytes(sample_path().read_bytes())
    return target
