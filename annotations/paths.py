"""Where the annotations file lives: `--db` beats `READER_DB`, which beats the user data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "READER_DB"
FILE_NAME = "annotations.json"
APP_NAME = "reader"


def user_data_dir() -> Path:
    """The user's data directory for the reader, as platformdirs gives it. On Linux and the
    BSDs that is the XDG rule, computed here: importing platformdirs costs milliseconds of every
    start; other systems ask platformdirs."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return Path(base) / APP_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_path() -> Path:
    """`READER_DB` when set, else `<user data dir>/reader/annotations.json`."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return user_data_dir() / FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The file to use given the `--db` option (None or empty when not given)."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_path()


def given_path_problem(cli_value: str | None) -> str | None:
    """Why a notes file given with `--db` cannot be used, as one line naming it, or None. It
    must be in a folder that exists: a mistyped path must not quietly start a new notes file
    elsewhere (the default data folder, by contrast, is made when needed)."""
    if not cli_value:
        return None
    path = resolve_db_path(cli_value)
    if path.parent.is_dir():
        return None
    what = "is not a folder" if path.parent.exists() else "does not exist"
    return (f"{path}: the folder {path.parent} {what}; create it or give --db a file in an "
            "existing folder (nothing was written)")
