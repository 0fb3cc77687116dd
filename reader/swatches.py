"""How each named highlight colour is drawn where the theme's CSS does not reach (lists, status)."""

from __future__ import annotations

SWATCHES: dict[str, str] = {
    "yellow": "#d7af00",
    "green": "#5faf5f",
    "blue": "#5f87d7",
    "pink": "#ff87af",
    "purple": "#af87d7",
}


def swatch(color: str) -> str:
    """A rich colour for a highlight colour name (grey for an unknown one)."""
    return SWATCHES.get(color, "#808080")
