"""The library's Notes view as a pane: the notes on this library's articles (the store holds
others' too, `reader.library_state.LibraryNotes`), filtered as the other views are, grouped by
article; enter on one posts `OpenArticle` at its passage (found by content if the file
moved)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotations.model import Annotation
from reader.library_state import LibraryNotes, matching, notes_matching, words_of
from reader.render.notes import note_prompt
from reader.render.text import shorten
from reader.widgets.library.open_article import OpenArticle
from reader.wording import counted


class NotesPane(OptionList):
    """Every note of the library (see the module docstring)."""

    def __init__(self, notes: LibraryNotes, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.notes = notes
        self.shown: dict[str, Annotation] = {}
        self.filter_text = ""

    def refill(self, filter_text: str) -> None:
        """List the notes for the filter, under their articles' titles."""
        self.filter_text = filter_text
        notes = notes_matching(self.notes.of_library(), words_of(filter_text))
        rows: list[Option | None] = []
        title = None
        for note in notes:
            if note.article.title != title:
                title = note.article.title
                rows.append(Option(Text(shorten(title or note.article.path, 90),
                                        style="bold underline"), disabled=True))
            rows.append(Option(note_prompt(note), id=note.id))
        self.set_options(rows or [Option(Text("No notes yet.", style="dim"), disabled=True)])
        self.shown = {n.id: n for n in notes}

    def status(self) -> str:
        """"2 of 9 notes matching “x”"."""
        return (f"{len(self.shown)} of {counted(len(self.notes.of_library()), 'note')}"
                f"{matching(self.filter_text)}")

    def focus_list(self, first: bool = True) -> None:
        """Move to the list (the first entry highlighted if none is)."""
        self.focus()
        if first and self.highlighted is None and self.option_count:
            self.action_first()

    def submitted(self, query: str) -> bool:
        """Enter on the filter: open the highlighted note (else the first)."""
        self.focus()
        if self.option_count:
            if self.highlighted is None:
                self.action_first()
            self.action_select()
        return True

    def back(self) -> bool:
        """Escape: nothing of its own to leave."""
        return False

    def open_note(self, note: Annotation) -> None:
        """Open the article of `note` at its passage (found by content if the file moved)."""
        path = self.notes.path_of(note)
        if path is None:
            self.notify(f"The article of this note is not in the library: "
                        f"{shorten(note.article.title, 60)}", severity="warning")
            return
        self.post_message(OpenArticle(path, at=note.target.start))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        note = self.shown.get(event.option.id or "")
        if note is not None:
            self.open_note(note)
