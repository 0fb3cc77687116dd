"""The sidebar: People, Documents and Notes tabs. Mounted just after the article is first
painted (and, for a long article, once its people and documents have been found)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import TabbedContent, TabPane

from articles import Article
from reader.widgets.entities import DocumentsList, PeopleList
from reader.widgets.notes_list import NotesList


class Sidebar(Vertical):
    """Three tabs about one article; the screen fills the Notes tab once it has `Ready`."""

    class Ready(Message):
        """The sidebar's tabs and lists are mounted: `notes` can be filled, tabs shown."""

        def __init__(self, sidebar: Sidebar) -> None:
            self.sidebar = sidebar
            super().__init__()

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article = article

    def on_mount(self) -> None:
        self.post_message(self.Ready(self))

    @property
    def notes(self) -> NotesList:
        """The Notes tab's list."""
        return self.query_one("#notes-list", NotesList)

    @property
    def tabs(self) -> TabbedContent:
        """The three tabs."""
        return self.query_one("#sidebar", TabbedContent)

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sidebar", initial="people"):
            with TabPane(f"People {len(self.article.people)}", id="people"):
                yield PeopleList(self.article, id="people-list")
            with TabPane(f"Documents {len(self.article.documents)}", id="documents"):
                yield DocumentsList(self.article, id="documents-list")
            with TabPane("Notes", id="notes"):
                yield NotesList(id="notes-list")
