"""How each named highlight colour is drawn where the theme's CSS does not reach (lists, the
status line, the command line's tables): the one table of the highlight colours."""

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


LIGHT_TEXT = frozenset({"blue", "purple"})
"""The colours dark enough to be labelled in white rather than black."""


def label_style(color: str) -> str:
    """A rich style naming a colour on its own swatch ("black on #d7af00")."""
    return f"{'white' if color in LIGHT_TEXT else 'black'} on {swatch(color)}"
