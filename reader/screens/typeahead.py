"""Keys typed right after `/`, before the search field has the focus. Textual moves the focus a
moment after `/` is handled, so the keys of a fast typist (or of a paste) that arrive in
between would reach the article (where `n` steps and `h` highlights) or the library's lists
(where `q` quits). They go into the field instead, in the order typed; the ones typed before
the field exists are kept until it does."""

from __future__ import annotations

from textual import events
from textual.widgets import Input
from textual.widgets.input import Selection

EDIT_KEYS = ("backspace", "enter")
"""Keys other than printable characters that the field takes while it waits for the focus."""


class SearchTypeahead:
    """Holds the keys meant for the search field between `/` and the field's focus."""

    def __init__(self) -> None:
        self.active = False
        self._waiting: list[events.Key] = []

    def open(self, field: Input) -> None:
        """The field has just been opened: the last query is selected (typing replaces it),
        and the keys typed before it existed are put in."""
        field.selection = Selection(0, len(field.value))
        self.active = True
        waiting, self._waiting = self._waiting, []
        for key in waiting:
            _type(field, key)

    def wait(self) -> None:
        """`/` was pressed before the field exists: keep the keys until it is opened."""
        self.active = True

    def focused(self) -> None:
        """The field has the focus: it reads its own keys from now on."""
        self.active = False

    def close(self) -> None:
        """The search field was closed or submitted: keys go where the focus is again."""
        self.active = False
        self._waiting.clear()

    def take(self, event: events.Key, field: Input | None) -> bool:
        """Whether `event` was taken for the field (typed into it, or kept until it exists)."""
        if not self.active or not (event.is_printable or event.key in EDIT_KEYS):
            return False
        if field is not None and field.has_focus:
            self.active = False  # the focus has arrived: the field reads its own keys
            return False
        if field is None:
            self._waiting.append(event)
        else:
            _type(field, event)
        return True


def _type(field: Input, event: events.Key) -> None:
    """What the focused field would do with the key."""
    if event.key == "enter":
        field.post_message(Input.Submitted(field, field.value))
    elif event.key == "backspace":
        field.action_delete_left()
    elif event.character is not None:
        if not field.selection.is_empty:
            field.delete_selection()
        field.insert_text_at_cursor(event.character)
