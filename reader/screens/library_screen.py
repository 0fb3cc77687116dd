"""The library screen: the table of articles (sortable, filtered by typing), who's who across
the library, the documents they cite, all the notes and a search of every article's text, each
a pane widget (`reader/widgets/library/`) that fills itself for the filter and posts
`OpenArticle` when the reader picks something to read. The screen composes the panes, routes
their messages, and owns what is the screen's: the header, the filter field, the progress bar,
the status line and the indexing in the background.

The first page of rows comes straight from the index database, so the table is on screen at
once whatever the size of the library; the rest of the rows, the check of every file against
the index and the indexing of new or changed files run in a background thread, which hands
its results over in batches: each row is put in its place in the table, which is never cleared
while indexing. Who's who and the documents are built without mentions (the index's compact
tables); a person's or document's mentions are read when it is shown."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static, TabbedContent, TabPane

from annotations.model import Annotation
from articles.indexer import Indexer
from articles.library import ArticleSummary, Library, build_library
from articles.library_entry import ArticleEntry
from reader.library_state import ArticleRows, IndexProgress, LibraryNotes
from reader.screens.article.screen import ArticleScreen
from reader.screens.typeahead import SearchTypeahead
from reader.session import Session
from reader.widgets.library.article_pane import ArticlePane
from reader.widgets.library.entity_pane import DOCUMENTS, PEOPLE, EntityPane
from reader.widgets.library.notes_pane import NotesPane
from reader.widgets.library.open_article import OpenArticle
from reader.widgets.library.pane import LibraryPane, StatusChanged
from reader.widgets.library.search_pane import TextSearchPane, update_fulltext

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.store import Store

VIEWS = ("articles", "people", "documents", "notes", "search")
"""The views, as the tabs name them."""

BATCH_SECONDS = 1.0
"""How often the indexing thread hands finished entries to the screen: each hand-over draws
the screen again, so handing over four times a second cost the app a fifth more CPU, taken
from the parsing workers on a machine of two cores."""
FIRST_PAGE = 100
"""How many rows the table reads from the index before its first paint (more than a screen)."""
SCAN_CHUNK = 500
"""How many files the background thread checks against the index before handing them over."""


class LibraryScreen(Screen[None]):
    """Many articles, one index of the officials and documents across them."""

    BINDINGS = [
        Binding("f2", "show('articles')", "Articles"),
        Binding("f3", "show('people')", "Who's who"),
        Binding("f4", "show('documents')", "Documents"),
        Binding("f5", "show('notes')", "Notes"),
        Binding("f8", "show('search')", "Text search",
                tooltip="Find a phrase in every article: / then the phrase, enter"),
        Binding("f6", "sort_next", "Sort"),
        Binding("f7", "sort_reverse", "Reverse"),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "back", "Back", show=False),
        Binding("question_mark", "help", "Help", show=False),
    ]

    HELP = ("/ filters titles as you type; enter opens the first, or (no title matching, or in "
            "the Text view, F8) finds the phrase in every article. Escape comes back. F2-F5 "
            "and F8 switch views, F6/F7 sort.")

    def __init__(self, files: Sequence[Path], session: Session) -> None:
        super().__init__()
        self.session = session
        self.files = list(files)
        self.indexer = Indexer()
        self.progress = IndexProgress()
        self.rows = ArticleRows(lambda summary: self.notes.count(summary))
        self.notes = LibraryNotes(self.files, self.rows.summaries)
        self.filter_text = ""
        self._typeahead = SearchTypeahead()
        self._started = 0.0
        self._filled: set[str] = {"articles"}
        """The views filled since the data or the filter last changed."""
        self._resumed_once = False
        self._indexed = False
        """Whether every file has been checked and indexed, and the library built for them."""
        cache = self.indexer.cache
        self.articles_pane = ArticlePane(self.rows, len(self.files), id="articles-table")
        self.people_pane = EntityPane(PEOPLE, self.progress, cache.mentions_of,
                                      id="people-pane")
        self.documents_pane = EntityPane(DOCUMENTS, self.progress, cache.mentions_of,
                                         id="documents-pane")
        self.notes_pane = NotesPane(self.notes, id="all-notes")
        self.search_pane = TextSearchPane(cache.directory, self.files, self.rows.summaries,
                                          id="search-hits")
        self._pane_widgets = (self.articles_pane, self.people_pane, self.documents_pane,
                              self.notes_pane, self.search_pane)
        self.panes: dict[str, LibraryPane] = dict(zip(VIEWS, self._pane_widgets, strict=True))
        """Each view's pane, by the name of its tab."""

    @property
    def summaries(self) -> dict[Path, ArticleSummary]:
        """Every article known so far, by file."""
        return self.rows.summaries

    @property
    def library(self) -> Library | None:
        """Who's who and the documents: as prepared when these files were last indexed, then
        as built for the files as they are (see `indexed`)."""
        return self.progress.library

    @property
    def indexed(self) -> bool:
        """Whether every file has been checked and indexed, and `library` is theirs."""
        return self._indexed

    # --- composition ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="library-header", markup=False)
        yield Input(placeholder="/ filters (diacritics ignored) · enter opens · "
                    "escape clears · q quits", id="library-filter")
        titles = {"articles": "Articles", "people": "Who's who", "documents": "Documents",
                  "notes": "Notes", "search": "Text"}
        with TabbedContent(id="library-tabs", initial="articles"):
            for view, pane in zip(VIEWS, self._pane_widgets, strict=True):
                with TabPane(titles[view], id=view):
                    yield pane
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Static(id="library-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._started = time.perf_counter()
        keys = {os.path.abspath(p): p for p in self.files}
        self.notes.load(self.session.all_annotations())
        for summary in self.indexer.cache.summaries(keys, limit=FIRST_PAGE):
            self.rows.summaries[summary.path] = summary
        self.articles_pane.refill(self.filter_text)
        self._show_status()
        progress = self.query_one(ProgressBar)
        progress.update(total=None)
        self._update_header()
        self.articles_pane.focus()
        self.run_worker(lambda: self._index(keys), thread=True, group="index", exclusive=True)

    def on_screen_resume(self) -> None:
        """Back from an article: notes may have changed."""
        if not self._resumed_once:
            self._resumed_once = True  # the first resume is the screen's own start
            return
        self._notes_changed(self.session.all_annotations())

    # --- indexing in the background -------------------------------------------------------

    def _index(self, keys: dict[str, Path]) -> None:
        """Background thread: every recorded row, and who's who and the documents as last
        prepared for these files; then each file checked against the index (changed ones
        hashed), the new or changed ones indexed, each handed to the screen in batches; then,
        if anything changed, who's who and the documents built again (without mentions) and
        kept prepared."""
        cache = self.indexer.cache
        rows = {s.path: s for s in cache.summaries(keys)}
        prepared = cache.library_key(self.files)
        library = cache.prepared_library(prepared, rows)
        if library is not None:  # before the rows: F3 pressed at once waits for nothing else
            self.app.call_from_thread(self._library_ready, library, False)
        self.app.call_from_thread(self._rows_arrived, list(rows.values()))
        pending: list[Path] = []
        for at in range(0, len(self.files), SCAN_CHUNK):
            scan = self.indexer.quick_scan(self.files[at : at + SCAN_CHUNK], details=False)
            changed = [e.summary for e in scan.entries if rows.get(e.path) != e.summary]
            rows.update((s.path, s) for s in (*changed, *scan.provisional))
            pending.extend(scan.pending)
            if changed or scan.provisional:
                self.app.call_from_thread(self._rows_arrived, [*changed, *scan.provisional],
                                          len(pending))
        self.app.call_from_thread(self._rows_arrived, [], len(pending))
        batch: list[ArticleEntry] = []
        last = time.monotonic()
        for entry in self.indexer.iter_index(pending):
            batch.append(entry)
            rows[entry.path] = entry.summary
            if time.monotonic() - last > BATCH_SECONDS:
                self.app.call_from_thread(self._entries_indexed, batch)
                batch, last = [], time.monotonic()
        if batch:
            self.app.call_from_thread(self._entries_indexed, batch)
        self.indexer.save()
        key = cache.library_key(self.files)
        if library is None or key != prepared:
            library = build_library(cache.light_entries(rows.values()))
            cache.keep_library(key, library)
        self.app.call_from_thread(self._library_ready, library)
        update_fulltext(cache.directory, self.files)  # a search finds it ready

    def _rows_arrived(self, summaries: list[ArticleSummary], to_index: int | None = None
                      ) -> None:
        with self.articles_pane.rows_at_once():
            for summary in summaries:
                self.articles_pane.place(summary)
        if to_index is not None:
            self.progress.total = to_index
            self.query_one(ProgressBar).update(total=max(1, to_index),
                                               progress=self.progress.done)
        self._update_header()
        self._show_status()

    def _entries_indexed(self, batch: list[ArticleEntry]) -> None:
        with self.articles_pane.rows_at_once():
            for entry in batch:
                self.articles_pane.place(entry.summary)
        self.progress.done += len(batch)
        self.query_one(ProgressBar).update(progress=self.progress.done)
        self._update_header()
        self._show_status()

    def _library_ready(self, library: Library, complete: bool = True) -> None:
        """Who's who and the documents are here: prepared (not `complete`: the files are still
        being checked) or built for the files as they are."""
        if library is not self.progress.library:
            self.progress.library = library
            self._filled -= {"people", "documents"}  # the views that list the library's entries
            self._apply_filter(only_if_needed=True)
        if complete:
            self._indexed = True
            self.query_one(ProgressBar).display = False
        self._update_header()

    def _update_header(self) -> None:
        total = len(self.files)
        broken = sum(1 for s in self.summaries.values() if s.error is not None)
        text = Text.assemble(("Library", "bold"), f"  {total} article{'s' if total != 1 else ''}")
        if broken:
            text.append(f" · {broken} unreadable", style="red")
        library, progress = self.progress.library, self.progress
        known = (f" · {len(library.people)} people · {len(library.documents)} documents"
                 if library is not None else "")
        if self._indexed:
            seconds = time.perf_counter() - self._started
            text.append(f"{known} · indexed in {seconds:.1f} s", style="dim")
        else:
            text.append(known, style="dim")
            text.append(f" · indexing {progress.done}/{progress.total}…" if progress.total
                        else " · checking the index…", style="yellow")
        self.query_one("#library-header", Static).update(text)

    # --- notes changed elsewhere -----------------------------------------------------------

    def notes_reader(self) -> Callable[[Store], list[Annotation]]:
        """Read every note again (on the background thread)."""
        return lambda store: store.all()

    def notes_read(self, notes: list[Annotation]) -> None:
        """Show the notes read again after a change made elsewhere."""
        self._notes_changed(notes)

    def _notes_changed(self, notes: list[Annotation]) -> None:
        """Every view may show them (the table counts them): each is filled again when shown."""
        self.notes.load(notes)
        self._filled.clear()
        self._apply_filter()

    # --- the panes ------------------------------------------------------------------------

    @property
    def active_pane(self) -> LibraryPane:
        """The pane on screen."""
        return self.panes[self.query_one(TabbedContent).active]

    def _show_status(self) -> None:
        self.query_one("#library-status", Static).update(
            Text(self.active_pane.status(), style="dim"))

    def on_status_changed(self, message: StatusChanged) -> None:
        """A pane's status changed on its own."""
        message.stop()
        self._show_status()

    def on_open_article(self, message: OpenArticle) -> None:
        """Open an article of the library (at a walk's mention, or at offset `at`); an
        unreadable file is reported."""
        message.stop()
        article = self.session.load(message.path)
        if article is not None:
            self.app.push_screen(ArticleScreen(article, self.session, walk=message.walk,
                                               start_at=message.at))

    def open_note(self, note: Annotation) -> None:
        """Open the article of `note` at its passage (the palette's choice)."""
        self.notes_pane.open_note(note)

    def show_entry(self, view: str, key: str) -> None:
        """Show the person or document with `key` in its view (the palette's choice): the
        filter is cleared so it is listed, then it is highlighted with its details."""
        self.query_one("#library-filter", Input).value = ""
        self.filter_text = ""
        self.action_show(view)
        pane = self.panes[view]
        if isinstance(pane, EntityPane):
            pane.show_key(key)

    def action_show(self, view: str) -> None:
        """Switch to a view and move to its list."""
        self.query_one(TabbedContent).active = view
        self._apply_filter(only_if_needed=True)
        self.panes[view].focus_list()

    @on(TabbedContent.TabActivated, "#library-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._apply_filter(only_if_needed=True)

    def action_sort_next(self) -> None:
        """Sort the table by the next column."""
        self.articles_pane.sort_by(self.rows.sort.next())
        self._show_status()

    def action_sort_reverse(self) -> None:
        """Reverse the table's order."""
        self.articles_pane.sort_by(self.rows.sort.reversed())
        self._show_status()

    # --- filtering -------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Move to the filter field (letters typed elsewhere are keys, as `q`); what it holds
        is selected, so typing replaces it."""
        field = self.query_one("#library-filter", Input)
        if not field.has_focus:
            self._typeahead.open(field)
            field.focus()

    def on_key(self, event: events.Key) -> None:
        """`/` moves to the filter as the key reaches the screen, not later as a binding: the
        keys typed after it, before the field has the focus, go into the field in order
        (instead of `q` quitting, `s` sorting)."""
        field = self.query_one("#library-filter", Input)
        if event.key == "slash" and not field.has_focus and not self._typeahead.active:
            self.action_filter()
        elif not self._typeahead.take(event, field):
            return
        event.stop()
        event.prevent_default()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "library-filter":
            self._typeahead.focused()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._apply_filter()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter: the pane on screen opens what it found; when it has nothing (no title
        matches), every article's text is searched."""
        self._typeahead.close()
        if not self.active_pane.submitted(event.value) and self.search_pane.search(event.value):
            self.query_one(TabbedContent).active = "search"

    def _apply_filter(self, only_if_needed: bool = False) -> None:
        """Refill the active view for the filter (with `only_if_needed`, only a view that
        has not been filled since the data or the filter changed)."""
        active = self.query_one(TabbedContent).active
        if not (only_if_needed and active in self._filled):
            self._filled = {active}
            self.panes[active].refill(self.filter_text)
        self._show_status()

    def action_back(self) -> None:
        """Leave the filter, or a list of mentions, or clear the filter."""
        self._typeahead.close()
        field = self.query_one("#library-filter", Input)
        pane = self.active_pane
        if pane.back():
            return
        if field.value:
            field.value = ""
        pane.focus_list(first=False)

    def action_help(self) -> None:
        """Show every key."""
        from reader.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen([("Library", list(self.BINDINGS)),
                                         ("Everywhere", list(self.app.BINDINGS))]))
