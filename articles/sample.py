"""The sample article shipped with the package: what `reader` opens with no argument."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_NAME = "nghe-an-standing-committee-works-with-party-committees-2023-04-12.txt"


def sample_path() -> Path:
    """The path of the bundled sample article (Nghe An Newspaper, April 12, 2023)."""
    return Path(str(resources.files("articles") / "data" / SAMPLE_NAME))
