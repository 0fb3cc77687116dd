"""The Notes view of the library screen: the notes on this library's articles (the store holds
others' too), filtered as the other views are, grouped by article; `enter` opens one. A base of
`LibraryScreen`."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotations.model import Annotation
from articles.library import ArticleSummary
from reader.render.notes import note_prompt
from reader.render.text import shorten
from reader.widgets.library.filters import notes_matching, words_of
from reader.widgets.library.open_article import OpenArticle


class LibraryNotes(Screen[None]):
    """The Notes view (the library screen sets the state read here)."""

    files: list[Path]
    summaries: dict[Path, ArticleSummary]
    all_notes: list[Annotation]
    filter_text: str
    _notes: dict[str, Annotation]

    def _fill_notes(self) -> None:
        options = self.query_one("#all-notes", OptionList)
        notes = notes_matching(self.library_notes(), words_of(self.filter_text))
        rows: list[Option | None] = []
        title = None
        for note in notes:
            if note.article.title != title:
                title = note.article.title
                rows.append(Option(Text(shorten(title or note.article.path, 90),
                                        style="bold underline"), disabled=True))
            rows.append(Option(note_prompt(note), id=note.id))
        options.set_options(rows or [Option(Text("No notes yet.", style="dim"), disabled=True)])
        self._notes = {n.id: n for n in notes}

    def library_notes(self) -> list[Annotation]:
        """The notes on this library's articles (the store holds others' too)."""
        from annotations.note_filter import of_articles

        return of_articles(self.all_notes, (os.path.abspath(p) for p in self.files),
                           (s.id for s in self.summaries.values()))

    @on(OptionList.OptionSelected, "#all-notes")
    def _note_chosen(self, event: OptionList.OptionSelected) -> None:
        note = self._notes.get(event.option.id or "")
        if note is not None:
            self.open_note(note)

    def open_note(self, note: Annotation) -> None:
        """Open the article of `note` at its passage (found by content if the file moved)."""
        path = Path(note.article.path) if note.article.path else None
        if path is None or not path.exists():
            match = next((s for s in self.summaries.values() if s.id == note.article.id), None)
            path = match.path if match else None
        if path is None:
            self.notify(f"The article of this note is not in the library: "
                        f"{shorten(note.article.title, 60)}", severity="warning")
            return
        self.post_message(OpenArticle(path, at=note.target.start))
