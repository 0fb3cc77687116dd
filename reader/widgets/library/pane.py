"""What every pane of the library screen does, so that the screen treats them alike: refill
itself for the filter, say what its status line says, take the focus, answer enter on the
filter and escape; and the message a pane posts when its status changes on its own."""

from __future__ import annotations

from typing import Protocol

from textual.message import Message


class StatusChanged(Message):
    """A pane's status line changed on its own (a search finished, a sort was clicked)."""


class LibraryPane(Protocol):
    """One view of the library screen (the article table, who's who, the documents, the
    notes, the text search)."""

    def refill(self, filter_text: str) -> None:
        """List what the filter matches (the data or the filter changed)."""

    def status(self) -> str:
        """What the status line says while this pane is shown."""

    def focus_list(self, first: bool = True) -> None:
        """Move to the pane's list (with `first`, the first entry highlighted if none is)."""

    def submitted(self, query: str) -> bool:
        """Enter on the filter: open or choose what it found (False when the pane has
        nothing for it, so the text of every article is searched instead)."""

    def back(self) -> bool:
        """Escape: step back inside the pane (whether it did)."""
