"""The status line: what `n`/`N` walk through and where we are, the highlight colour, progress.
A message expires after `EXPIRY_SECONDS`, except one of work in progress ("Saving…") and one
that must stay until dealt with ("Not saved: …")."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from reader.safe_text import one_line
from reader.swatches import swatch


class StatusLine(Static):
    """One line at the bottom: a message on the left, colour and reading progress on the right."""

    message: reactive[str] = reactive("", always_update=True)
    color: reactive[str] = reactive("yellow")
    progress: reactive[int] = reactive(0)

    EXPIRY_SECONDS = 6.0
    """How long a message stays."""

    _expiry: Timer | None = None

    @staticmethod
    def lasting(message: str) -> bool:
        """Whether `message` stays until replaced: work in progress, or a change not saved."""
        return message.rstrip().endswith("…") or message.startswith(("Not saved", "NOT SAVED"))

    def say(self, message: str) -> None:
        """Show `message` (for whoever is handed only a way to say something)."""
        self.message = message

    def watch_message(self, message: str) -> None:
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
        if message and not self.lasting(message) and self.is_mounted:
            self._expiry = self.set_timer(self.EXPIRY_SECONDS, self._expire)

    def _expire(self) -> None:
        self._expiry = None
        self.message = ""

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
