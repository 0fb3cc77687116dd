"""The library screen: the table of articles (sortable, filtered by typing), who's who across
the library, the documents they cite, and all the notes.

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
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import (
    Footer,
    Input,
    OptionList,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)

from annotations.model import Annotation
from articles.indexer import Indexer
from articles.library import (
    ArticleSummary,
    Library,
    build_library,
)
from articles.library_entry import ArticleEntry
from reader.render.library import COLUMNS
from reader.safe_text import one_line
from reader.screens.article.screen import ArticleScreen
from reader.screens.library_notes import LibraryNotes
from reader.screens.library_search import LibrarySearch
from reader.screens.library_table import MINIMUMS, WIDTHS, LibraryTableScreen
from reader.session import Session
from reader.widgets.article_table import ArticleTable, TableColumn
from reader.widgets.library.entity_pane import DOCUMENTS, PEOPLE, EntityPane
from reader.widgets.library.filters import words_of
from reader.widgets.library.open_article import OpenArticle

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.store import Store

VIEWS = ("articles", "people", "documents", "notes", "search")


BATCH_SECONDS = 0.25
"""How often the indexing thread hands finished entries to the screen."""
FIRST_PAGE = 100
"""How many rows the table reads from the index before its first paint (more than a screen)."""
SCAN_CHUNK = 500
"""How many files the background thread checks against the index before handing them over."""
class LibraryScreen(LibraryNotes, LibrarySearch, LibraryTableScreen):
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
        super().__init__(files, session)
        self.indexer = Indexer()
        self.library: Library | None = None
        self._indexed = 0
        self._to_index = 0
        self._started = 0.0
        self._fresh: set[str] = set()
        """Panes to fill afresh (their mentions read again): the library was rebuilt."""
        self._notes: dict[str, Annotation] = {}
        self._filled: set[str] = {"articles"}
        self._resumed_once = False

    # --- composition ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="library-header", markup=False)
        yield Input(placeholder="/ filters (diacritics ignored) · enter opens · "
                    "escape clears · q quits", id="library-filter")
        with TabbedContent(id="library-tabs", initial="articles"):
            with TabPane("Articles", id="articles"):
                columns = [TableColumn(key, heading, WIDTHS.get(key),
                                       right=key in ("people", "documents", "notes"),
                                       minimum=MINIMUMS.get(key))
                           for key, heading in COLUMNS]
                yield ArticleTable(columns, self._cells, id="articles-table")
            mentions_of = self.indexer.cache.mentions_of
            with TabPane("Who's who", id="people"):
                yield EntityPane(PEOPLE, mentions_of, id="people-pane")
            with TabPane("Documents", id="documents"):
                yield EntityPane(DOCUMENTS, mentions_of, id="documents-pane")
            with TabPane("Notes", id="notes"):
                yield OptionList(id="all-notes", markup=False)
            with TabPane("Text", id="search"):
                yield OptionList(id="search-hits", markup=False)
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Static(id="library-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._started = time.perf_counter()
        keys = {os.path.abspath(p): p for p in self.files}
        self._load_notes()
        for summary in self.indexer.cache.summaries(keys, limit=FIRST_PAGE):
            self.summaries[summary.path] = summary
        self._fill_table()
        progress = self.query_one(ProgressBar)
        progress.update(total=None)
        self._update_header()
        self.table.focus()
        self.run_worker(lambda: self._index(keys), thread=True, group="index", exclusive=True)

    def on_screen_resume(self) -> None:
        """Back from an article: notes may have changed."""
        if not self._resumed_once:
            self._resumed_once = True  # the first resume is the screen's own start
            return
        self._load_notes()
        self._filled.clear()
        self._apply_filter()

    # --- indexing in the background -------------------------------------------------------

    def _index(self, keys: dict[str, Path]) -> None:
        """Background thread: every recorded row, then each file checked against the index
        (changed ones hashed), then the new or changed ones indexed, each handed to the screen
        in batches; then who's who and the documents, built without mentions."""
        rows = {s.path: s for s in self.indexer.cache.summaries(keys)}
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
        self.update_fulltext()  # so a text search finds the index ready
        library = build_library(self.indexer.cache.light_entries(rows.values()))
        self.app.call_from_thread(self._library_ready, library)

    def _rows_arrived(self, summaries: list[ArticleSummary], to_index: int | None = None
                      ) -> None:
        for summary in summaries:
            self._put_row(summary)
        if to_index is not None:
            self._to_index = to_index
            self.query_one(ProgressBar).update(total=max(1, to_index), progress=self._indexed)
        self._update_header()
        self._show_status()

    def _entries_indexed(self, batch: list[ArticleEntry]) -> None:
        for entry in batch:
            self._put_row(entry.summary)
        self._indexed += len(batch)
        self.query_one(ProgressBar).update(progress=self._indexed)
        self._update_header()
        self._show_status()

    def _library_ready(self, library: Library) -> None:
        self.library = library
        self._fresh = {"people", "documents"}
        self.query_one(ProgressBar).display = False
        self._filled.discard("people")
        self._filled.discard("documents")
        self._apply_filter(only_if_needed=True)
        self._update_header()

    def _update_header(self) -> None:
        total = len(self.files)
        broken = sum(1 for s in self.summaries.values() if s.error is not None)
        text = Text.assemble(("Library", "bold"), f"  {total} article{'s' if total != 1 else ''}")
        if broken:
            text.append(f" · {broken} unreadable", style="red")
        if self.library is None:
            if self._to_index:
                text.append(f" · indexing {self._indexed}/{self._to_index}…", style="yellow")
            else:
                text.append(" · checking the index…", style="yellow")
        else:
            seconds = time.perf_counter() - self._started
            text.append(f" · {len(self.library.people)} people · "
                        f"{len(self.library.documents)} documents · indexed in {seconds:.1f} s",
                        style="dim")
        self.query_one("#library-header", Static).update(text)

    # --- notes changed elsewhere -----------------------------------------------------------

    def notes_reader(self) -> Callable[[Store], list[Annotation]]:
        """Read every note again (on the background thread)."""
        return lambda store: store.all()

    def notes_read(self, notes: list[Annotation]) -> None:
        """Show the notes read again after a change made elsewhere."""
        self._load_notes(notes)
        self._filled.clear()
        self._apply_filter()

    def _show_status(self) -> None:
        active = self.query_one(TabbedContent).active
        pane = self._entity_pane(active)
        if pane is not None and self.library is not None:
            status = pane.status()
        elif active == "notes":
            status = f"{len(self._notes)} of {len(self.library_notes())} notes"
        elif active == "search":
            self._search_status(self.hits_status())
            return
        else:
            status = self._articles_status()
        if self.filter_text and active != "articles":
            status += f" matching “{one_line(self.filter_text)}”"
        self.query_one("#library-status", Static).update(Text(status, style="dim"))

    @on(ArticleTable.RowSelected, "#articles-table")
    def _row_chosen(self, event: ArticleTable.RowSelected) -> None:
        path = Path(event.key)
        summary = self.summaries.get(path)
        if summary is not None and summary.error is not None:
            self.notify(summary.error_message or "", title="Cannot open", severity="error")
            return
        self.post_message(OpenArticle(path))

    def on_open_article(self, message: OpenArticle) -> None:
        """Open an article of the library (at a walk's mention, or at offset `at`); an
        unreadable file is reported."""
        article = self.session.load(message.path)
        if article is not None:
            self.app.push_screen(ArticleScreen(article, self.session, walk=message.walk,
                                               start_at=message.at))

    # --- filtering -------------------------------------------------------------------------

    def action_filter(self) -> None:
        """Move to the filter field (letters typed elsewhere are keys, as `q`)."""
        self.query_one("#library-filter", Input).focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._apply_filter()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        active = self.query_one(TabbedContent).active
        if active == "search" or (active == "articles" and not self.table.row_count):
            self.search_text(event.value)  # no title matches: search every article's text
            return
        pane = self._entity_pane(active)
        if pane is not None:
            pane.choose()
            return
        self._active_list().focus()
        if active == "articles":
            self.table.action_select()
        else:
            options = self._active_list()
            if isinstance(options, OptionList) and options.option_count:
                if options.highlighted is None:
                    options.highlighted = 0
                options.action_select()

    def _apply_filter(self, only_if_needed: bool = False) -> None:
        """Refill the active view for the filter (with `only_if_needed`, only a view that
        has not been filled since the data or the filter changed)."""
        active = self.query_one(TabbedContent).active
        if only_if_needed and active in self._filled:
            return
        self._filled = {active}
        if active == "articles":
            self._fill_table()
        elif (pane := self._entity_pane(active)) is not None:
            if self.library is None:
                pane.indexing(self._indexed, self._to_index)
            else:
                pane.fill(self.library, words_of(self.filter_text), fresh=active in self._fresh)
                self._fresh.discard(active)
        elif active == "notes":
            self._fill_notes()
        self._show_status()

    def show_entry(self, view: str, key: str) -> None:
        """Show the person or document with `key` in its view (the palette's choice): the
        filter is cleared so it is listed, then it is highlighted with its details."""
        self.query_one("#library-filter", Input).value = ""
        self.filter_text = ""
        self.action_show(view)
        pane = self._entity_pane(view)
        if pane is not None:
            pane.show_key(key)

    def _entity_pane(self, view: str) -> EntityPane | None:
        """Who's who or the documents, when `view` is one of them."""
        if view in ("people", "documents"):
            return self.query_one(f"#{view}-pane", EntityPane)
        return None

    def _active_list(self) -> ArticleTable | OptionList:
        active = self.query_one(TabbedContent).active
        pane = self._entity_pane(active)
        if pane is not None:
            return pane.index
        if active == "articles":
            return self.table
        ids = {"notes": "#all-notes", "search": "#search-hits"}
        return self.query_one(ids[active], OptionList)

    def action_show(self, view: str) -> None:
        """Switch to a view and move to its list."""
        self.query_one(TabbedContent).active = view
        self._apply_filter(only_if_needed=True)
        target = self._active_list()
        target.focus()
        if isinstance(target, OptionList) and target.highlighted is None and target.option_count:
            target.highlighted = 0

    @on(TabbedContent.TabActivated, "#library-tabs")
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._apply_filter(only_if_needed=True)

    def action_back(self) -> None:
        """Leave the filter, or a list of mentions, or clear the filter."""
        field = self.query_one("#library-filter", Input)
        pane = self._entity_pane(self.query_one(TabbedContent).active)
        if pane is not None and pane.back():
            return
        if field.value:
            field.value = ""
        self._active_list().focus()

    def action_help(self) -> None:
        """Show every key."""
        from reader.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen([("Library", list(self.BINDINGS)),
                                         ("Everywhere", list(self.app.BINDINGS))]))
