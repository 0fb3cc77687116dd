"""The status line: what `n`/`N` walk through and where we are, the highlight colour, progress."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from reader.safe_text import one_line
from reader.swatches import swatch


class StatusLine(Static):
    """One line at the bottom: a message on the left, colour and reading progress on the right."""

    message: reactive[str] = reactive("")
    color: reactive[str] = reactive("yellow")
    progress: reactive[int] = reactive(0)

    def render(self) -> Text:
        left = Text(one_line(self.message))
        right = Text.assemble(("● ", f"bold {swatch(self.color)}"), (f"{self.color}  ", "dim"),
                              (f"{self.progress:3d}%", "dim"))
        width = self.size.width or 80
        room = width - right.cell_len - 1
        if left.cell_len > room:  # the colour and the percentage stay in view
            left.truncate(max(0, room), overflow="ellipsis")
        pad = max(1, width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * pad, right)
