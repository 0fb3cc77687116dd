"""The article screen: the keys of reading an article and what they do, over the reading half
(`reading.py`) that holds the state and the widgets. Notes are taken by `note_actions.py`,
made on first use, so the first frame does without it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType

from articles import Article
from reader.safe_text import one_line
from reader.screens.article.palette_entries import palette_entries
from reader.screens.article.reading import ArticleReading
from reader.screens.panels import PanelScreen
from reader.screens.typeahead import SearchTypeahead
from reader.session import Session
from reader.walk import LibraryWalk
from reader.widgets.article_view import ArticleView
from reader.widgets.search_field import SearchField
from reader.wording import counted

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from annotations.store import Store


class ArticleScreen(ArticleReading):
    """Read one article: sections, people, documents, highlights and notes."""

    BINDINGS = [
        Binding("n", "next_occurrence", "Next", tooltip="Next mention or search hit"),
        Binding("N", "previous_occurrence", "Prev", show=False,
                tooltip="Previous mention or search hit"),
        Binding("slash", "search", "Search"),
        Binding("h", "highlight", "Highlight"),
        Binding("H", "highlight_with_color", "Colour…", show=False),
        Binding("a", "annotate", "Note"),
        Binding("d", "delete_highlight", "Delete", show=False),
        Binding("u", "undo", "Undo", show=False,
                tooltip="Undo the last change to highlights and notes"),
        Binding("ctrl+r", "retry_saves", "Save again", tooltip="Save the changes that failed"),
        Binding("y", "copy_passage", "Copy", tooltip="Copy the selection or the sentence"),
        Binding("Y", "copy_citation", "Copy as citation", show=False),
        Binding("ctrl+c", "copy_selection", "Copy the selection", show=False),
        Binding("1", "show_tab('people')", "People", show=False),
        Binding("2", "show_tab('documents')", "Documents", show=False),
        Binding("3", "show_tab('notes')", "Notes", show=False),
        Binding("o", "focus_outline", "Outline", show=False),
        Binding("t", "focus_text", "Text", show=False),
        Binding("escape", "clear", "Clear marks / back", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    HELP = "Keys: ? shows them all. ctrl+p finds people, documents, sections and notes."

    def __init__(self, article: Article, session: Session, *, walk: LibraryWalk | None = None,
                 start_at: int | None = None) -> None:
        super().__init__(article, session, walk=walk, start_at=start_at)
        self._typeahead = SearchTypeahead()
        self._pending_search = False

    def palette_entries(self) -> Iterator[tuple[str, str, Callable[[], None]]]:
        """What the command palette finds here: people, documents, sections and notes."""
        return palette_entries(self)

    # --- notes changed elsewhere (reader/watching.py) -------------------------------------

    def notes_reader(self) -> Callable[[Store], list[Anchored]]:
        """Read this article's notes again and anchor them (on the background thread)."""
        from annotations.anchoring import anchor_all

        article = self.article
        return lambda store: anchor_all(article.text, store.for_article(article))

    def notes_read(self, anchored: list[Anchored]) -> None:
        """Show the notes read again after a change made elsewhere."""
        self.notes.saver.show_stored(anchored)

    # --- moving through what was chosen ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Every key stays enabled (n, N and d say why they did nothing), but the retry of
        failed saves, shown only when there are some."""
        if action == "retry_saves":
            return self._notes is not None and bool(self._notes.saver.pending.failed())
        return True

    def action_next_occurrence(self) -> None:
        """Go to the next mention or search hit, wrapping at the end."""
        self.step(1)

    def action_previous_occurrence(self) -> None:
        """Go to the previous mention or search hit, wrapping at the start."""
        self.step(-1)

    def action_clear(self) -> None:
        """Close the search field, drop the selection and the marks of what was chosen."""
        if self.close_search():
            return
        if self.view.selected_range() is not None:
            self.view.clear_selection()
            return
        from_library = len(self.app.screen_stack) > 2
        if from_library and (self.occurrences is None or self.walk is not None):
            self.app.pop_screen()  # back to the library (where the walk was started)
            return
        self.clear_marks()

    # --- the search field -----------------------------------------------------------------

    @property
    def search_field(self) -> SearchField | None:
        """The search field (None until mounted, just after the first paint)."""
        found = self.query("#search")
        return found.first(SearchField) if found else None

    def action_search(self) -> None:
        """Open the search field on the last query (as soon as it is there)."""
        field = self.search_field
        if field is None:
            self._pending_search = True  # opened as soon as it is mounted, a moment from now
            self._typeahead.wait()
            return
        field.open(self.state.query)
        self._typeahead.open(field)
        field.focus()

    def on_search_field_ready(self, message: SearchField.Ready) -> None:
        if self._pending_search:  # `/` was pressed before the field was there
            self._pending_search = False
            self.action_search()

    def close_search(self) -> bool:
        """Close the search field; whether it was open."""
        self._typeahead.close()
        field = self.search_field
        if field is None or not field.close():
            return False
        self.view.focus()
        return True

    def on_key(self, event: events.Key) -> None:
        """`/` opens the search here, as the key reaches the screen, not later as a binding:
        the keys typed after it reach the screen after it, in order, and go into the field
        until it has the focus (instead of `n` stepping, `h` highlighting)."""
        if event.key == "slash" and not self._typeahead.active:
            self.action_search()
        elif not self._typeahead.take(event, self.search_field):
            return
        event.stop()
        event.prevent_default()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self.search_field:
            self._typeahead.focused()

    def on_search_field_searched(self, message: SearchField.Searched) -> None:
        self._typeahead.close()
        if message.query.strip():
            self.search(message.query)
        self.view.focus()

    def on_search_field_typed(self, message: SearchField.Typed) -> None:
        if len(message.query.strip()) >= 2:
            from articles.parsing.search import find_all

            spans = find_all(self.article.text, message.query, limit=10_000)
            self.status.message = f"“{one_line(message.query)}”: {counted(len(spans), 'match')}"

    # --- panels and help --------------------------------------------------------------------

    def action_focus_outline(self) -> None:
        """Move to the outline."""
        outline = self.outline
        if outline is not None:
            self._show_panel(outline=True)
            outline.focus()

    def action_focus_text(self) -> None:
        """Move to the article text."""
        self.view.focus()

    def help_groups(self) -> list[tuple[str, list[BindingType]]]:
        """Every binding, by where it works, for the help screen."""
        from reader.widgets.notes_list import NotesList

        return [
            ("Reading", list(ArticleView.BINDINGS)),
            ("Article", list(type(self).BINDINGS)),
            ("Panels", list(PanelScreen.BINDINGS)),
            ("Notes tab", list(NotesList.BINDINGS)),
            # The footer's short "Palette" is spelt out here, once.
            ("Everywhere", [replace(b, description="Command palette")
                            if isinstance(b, Binding) and b.key == "ctrl+p" else b
                            for b in self.app.BINDINGS]),
        ]

    def action_help(self) -> None:
        """Show every key."""
        from reader.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_groups()))

    # --- notes and copying ------------------------------------------------------------------

    def action_highlight(self) -> None:
        """Highlight the selection (or the sentence at the cursor) in the last-used colour."""
        self.notes.highlight(self.session.highlight_color)

    def action_highlight_with_color(self) -> None:
        """Pick a colour, then highlight the selection with it."""
        self.notes.highlight_with_color()

    def action_annotate(self) -> None:
        """Add or edit the note on the highlight at the cursor, or on the selection."""
        self.notes.annotate()

    def action_copy_passage(self) -> None:
        """Copy the selection, or the sentence at the cursor, to the clipboard."""
        from reader.screens.article.copying import copy_passage

        copy_passage(self)

    def action_copy_citation(self) -> None:
        """Copy the selection, or the sentence at the cursor, as a citation."""
        from reader.screens.article.copying import copy_passage

        copy_passage(self, cite=True)

    def action_copy_selection(self) -> None:
        """ctrl+c: copy the selection when there is one, else offer to quit as everywhere."""
        if self.view.selected_range() is not None:
            self.action_copy_passage()
        else:
            self.app.action_help_quit()

    def action_delete_highlight(self) -> None:
        """Delete the highlight at the cursor (after confirmation)."""
        self.notes.delete_highlight()

    def action_undo(self) -> None:
        """Undo the last change to highlights and notes (several steps deep)."""
        self.notes.saver.undo()

    def action_retry_saves(self) -> None:
        """Save again the changes that could not be saved."""
        self.notes.saver.retry()
