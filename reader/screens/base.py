"""What every reader screen shares: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from reader.app import ReaderApp


class ReaderScreen(Screen[None]):
    """A screen of the reader app."""

    @property
    def reader_app(self) -> ReaderApp:
        """The app, typed."""
        from reader.app import ReaderApp

        assert isinstance(self.app, ReaderApp)
        return self.app
