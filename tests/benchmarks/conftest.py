"""Collect the `bench_*.py` files when the benchmarks are run on purpose
(`python -m pytest tests/benchmarks -s`); the default test run ignores this directory."""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    """`bench_*.py` files are test modules here (a file named on the command line is one
    already)."""
    wanted = file_path.suffix == ".py" and file_path.name.startswith("bench_")
    if wanted and not parent.session.isinitpath(file_path):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
