"""The article screen's search field: opened by `/` on the last query, closed by enter or
escape; it says what was typed (`Typed`) and what to search for (`Searched`)."""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input


class SearchField(Input):
    """Find text in the article (diacritics and case ignored)."""

    class Ready(Message):
        """The field is mounted (a moment after the first paint): it can be opened."""

    class Typed(Message):
        """The query is now `query` (not searched for yet)."""

        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    class Searched(Message):
        """Enter was pressed on `query` (the field has closed)."""

        def __init__(self, query: str) -> None:
            self.query = query
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Search (diacritics and case ignored); enter to jump, "
                         "escape to close", id=id, select_on_focus=False)

    def on_mount(self) -> None:
        self.post_message(self.Ready())

    @property
    def is_open(self) -> bool:
        """Whether the field is shown."""
        return self.has_class("open")

    def open(self, query: str) -> None:
        """Show the field holding `query`."""
        self.value = query
        self.add_class("open")
        self.screen.add_class("-searching")

    def close(self) -> bool:
        """Hide the field; whether it was open."""
        was_open = self.is_open
        self.remove_class("open")
        self.screen.remove_class("-searching")
        return was_open

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Searched(event.value))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(event.value))
