"""A highlight or note as the Notes tab and the library's notes show it: colour, quote, note,
tags, date, how it re-anchored and whether its change is still being saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from reader.render.text import day, shorten
from reader.safe_text import one_line
from reader.swatches import swatch

if TYPE_CHECKING:
    from annotations.model import Annotation


SAVE_SIGNS = {"saving": ("saving…", "italic"), "failed": ("NOT SAVED (ctrl+r)", "bold red")}
"""How an annotation whose change is not on disk yet is marked."""


def note_prompt(a: Annotation, status: str = "exact", saving: str | None = None) -> Text:
    """Colour, quote, note and tags of one annotation (how it re-anchored, whether its last
    change is still being saved or failed to save)."""
    text = Text.assemble(("▌", f"bold {swatch(a.color)}"))
    text.append(" " + shorten(a.target.exact), style="italic")
    if a.note:
        text.append("\n  ✎ ")
        text.append(shorten(a.note), style="bold")
    details = [a.color]
    if a.tags:
        details.append(" ".join(f"#{t}" for t in a.tags))
    details.append(day(a.updated))
    if status in ("moved", "fuzzy"):
        details.append("re-anchored" if status == "moved" else "re-anchored (text changed)")
    text.append("\n  " + one_line(" · ".join(details)), style="dim")
    if saving in SAVE_SIGNS:
        sign, style = SAVE_SIGNS[saving]
        text.append(" · ", style="dim")
        text.append(sign, style=style)
    return text
