"""The sample article shipped with the package: what `reader` opens with no argument."""

from __future__ import annotations

from pathlib import Path

SAMPLE_NAME = "nghe-an-standing-committee-works-with-party-committees-2023-04-12.txt"


def sample_path() -> Path:
    """The path of the bundled sample article (Nghe An Newspaper, April 12, 2023)."""
    beside = Path(__file__).resolve().parents[1] / "data" / SAMPLE_NAME
    if beside.is_file():  # an ordinary install: no need for importlib.resources (milliseconds)
        return beside
    from importlib import resources

    return Path(str(resources.files("articles") / "data" / SAMPLE_NAME))
