"""Where the annotations file lives: `--db` beats `READER_DB`, which beats the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "READER_DB"
FILE_NAME = "annotations.json"


def default_path() -> Path:
    """`READER_DB` when set, else `<user data dir>/reader/annotations.json` (platformdirs)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("reader", appauthor=False)) / FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The file to use given the `--db` option (None or empty when not given)."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_path()
