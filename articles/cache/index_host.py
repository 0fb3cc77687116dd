"""What the index's mixins (`IndexReads`, `IndexLibraries`) need of `IndexCache`, which they
are mixed into: its database, its records of the files, and a way to note a problem."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol


def file_key(path: Path) -> str:
    """How the `files` table names a file: its absolute path (not resolving links)."""
    return os.path.abspath(path)


class FileDigest(Protocol):
    """What `IndexCache` records of a file (`FileRecord`) that the mixins read: its hash."""

    @property
    def digest(self) -> str: ...


class IndexHost:
    """The part of `IndexCache` its mixins call (each method is `IndexCache`'s own)."""

    db_path: Path

    def _db(self) -> sqlite3.Connection | None:
        raise NotImplementedError

    def _manifest(self) -> Mapping[str, FileDigest]:
        raise NotImplementedError

    def _note(self, problem: str) -> None:
        raise NotImplementedError
