"""Picking up notes changed elsewhere (a second window, the command line) without a restart:
every second or two the store's cheap hint (one stat) is asked on the background thread, and
only when the file changed are the notes of the screen read again there and shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from annotations.errors import AnnotationError, StoreError

if TYPE_CHECKING:
    from textual.app import App

    from annotations.store import Store
    from reader.session import Session

@runtime_checkable
class WatchesNotes(Protocol):
    """A screen that shows notes and can take the ones read again after a change elsewhere."""

    def notes_reader(self) -> Callable[[Store], Any]:
        """What to read (on the background thread): it must hold no widget, only data."""

    def notes_read(self, result: Any) -> None:
        """Show what `notes_reader` read (on the UI thread)."""


class StoreWatcher:
    """Checks the notes file for changes made elsewhere, never on the UI thread."""

    def __init__(self, app: App[Any], session: Session) -> None:
        self.app = app
        self.session = session
        self._in_flight = False
        self._last_error = ""

    def poll(self) -> None:
        """Ask the store (in the background, after the writes queued before) whether the file
        changed; if so, read what the screen shows and hand it over."""
        if self._in_flight:
            return  # the previous check waits behind a write: no pile of checks
        screen = self._watching_screen()
        if screen is None:
            return
        read = screen.notes_reader()
        watched: object = screen

        def check(store: Store) -> Any:
            return read(store) if store.changed_on_disk() else None

        def done(result: Any) -> None:
            self._in_flight = False
            self._last_error = ""
            if result is not None and any(s is watched for s in self.app.screen_stack):
                screen.notes_read(result)

        def failed(error: Exception) -> None:
            self._in_flight = False
            message = str(error)
            if message != self._last_error:  # said once, not every poll
                self._last_error = message
                if isinstance(error, StoreError | AnnotationError):
                    self.app.notify(message, title="Notes unavailable", severity="error",
                                    timeout=15)

        self._in_flight = True
        self.session.persist(check, done, on_error=failed)

    def _watching_screen(self) -> WatchesNotes | None:
        """The screen the user is on (under any dialog), if it shows notes."""
        for screen in reversed(self.app.screen_stack):
            if not screen.is_modal:
                return screen if isinstance(screen, WatchesNotes) else None
        return None
