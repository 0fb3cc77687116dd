"""The note editor: a modal with the quote, the note, tags and colour; ctrl+s saves, escape
cancels. Its key hint is at the top, and on a short terminal the quote and the note's area are
shorter, so the whole dialog fits 24 rows."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from annotations.model import COLORS
from reader.render.text import shorten
from reader.safe_text import restore_hidden, visible


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the editor returns when saved."""

    note: str
    tags: tuple[str, ...]
    color: str


SHORT_HEIGHT = 34
"""Below this many rows the editor draws its quote and note area shorter (`.short`)."""


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Edit the note on a passage; dismisses with a NoteDraft, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, quote: str, note: str = "", tags: tuple[str, ...] = (),
                 color: str = "yellow") -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.tags = tags
        self.color = color if color in COLORS else COLORS[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            with Horizontal(id="note-editor-header"):
                yield Label("Note", id="note-editor-title")
                yield Label("ctrl+s save · escape cancel", id="note-help")
            yield Static(Text("“" + shorten(self.quote, 300) + "”", style="italic"),
                         id="note-quote", markup=False)
            yield TextArea(visible(self.note), id="note-text", soft_wrap=True,
                           show_line_numbers=False)
            with Horizontal(id="note-fields"):
                yield Input(visible(", ".join(self.tags)), placeholder="tags, comma separated",
                            id="note-tags")
                yield Select([(c, c) for c in COLORS], value=self.color, allow_blank=False,
                             id="note-color")

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        self.query_one("#note-editor").set_class(height < SHORT_HEIGHT, "short")

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)  # editing a note goes on from its end

    def _draft(self) -> NoteDraft:
        # shown with control characters as symbols; stored as the user typed it
        note = restore_hidden(self.note, self.query_one("#note-text", TextArea).text).strip()
        tags = tuple(t.strip() for t in self.query_one("#note-tags", Input).value.split(",")
                     if t.strip())
        color = self.query_one("#note-color", Select).value
        return NoteDraft(note=note, tags=tags,
                         color=color if isinstance(color, str) else self.color)

    @property
    def changed(self) -> bool:
        """Whether the note, tags or colour differ from what the editor opened with."""
        return self._draft() != NoteDraft(self.note.strip(), self.tags, self.color)

    def action_save(self) -> None:
        """Close the editor with what was typed."""
        self.dismiss(self._draft())

    def action_cancel(self) -> None:
        """Close the editor without saving; with unsaved changes, ask first."""
        if not self.changed:
            self.dismiss(None)
            return
        from reader.dialogs.choice import ChoiceDialog

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)

        self.app.push_screen(ChoiceDialog(
            "Discard this note?", "What you typed has not been saved.",
            [("keep", "Keep editing"), ("discard", "Discard it")]), answered)
