"""The library screen: the table of articles (sortable, filtered by typing), who's who across
the library, the documents they cite, and all the notes. Indexing runs in the background."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import (
    DataTable,
    Footer,
    Input,
    OptionList,
    ProgressBar,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from annotations.model import Annotation
from articles import fold
from articles.indexer import Indexer
from articles.library import (
    ArticleSummary,
    Library,
    LibraryDocument,
    LibraryPerson,
    build_library,
)
from articles.library_entry import ArticleEntry
from reader.safe_text import one_line
from reader.screens.base import ReaderScreen
from reader.walk import LibraryWalk
from reader.widgets.library_views import (
    COLUMNS,
    article_cells,
    document_prompt,
    document_text,
    mention_prompt,
    person_prompt,
    posts_text,
    shorten,
    sort_value,
)
from reader.widgets.notes_list import note_prompt

if TYPE_CHECKING:
    pass

VIEWS = ("articles", "people", "documents", "notes")


@dataclass(frozen=True, slots=True)
class IndexPane:
    """Who's who or the documents view: a list of entries, their details and mentions."""

    index_id: str
    details_id: str
    mentions_id: str
    empty: str


PEOPLE = IndexPane("#people-index", "#person-details", "#person-mentions", "Nobody matches.")
DOCUMENTS = IndexPane("#documents-index", "#document-details", "#document-mentions",
                      "No document matches.")
PANES = {pane.index_id: pane for pane in (PEOPLE, DOCUMENTS)}
BATCH_SECONDS = 0.25
"""How often the indexing thread hands finished entries to the screen."""
TABLE_REFRESH_SECONDS = 1.0
"""How often the article table is redrawn while indexing goes on."""


class LibraryScreen(ReaderScreen):
    """Many articles, one index of the officials and documents across them."""

    BINDINGS = [
        Binding("f2", "show('articles')", "Articles"),
        Binding("f3", "show('people')", "Who's who"),
        Binding("f4", "show('documents')", "Documents"),
        Binding("f5", "show('notes')", "Notes"),
        Binding("f6", "sort_next", "Sort"),
        Binding("f7", "sort_reverse", "Reverse"),
        Binding("escape", "back", "Back", show=False),
        Binding("question_mark", "help", "Help", show=False),
    ]

    HELP = "Type to filter. Enter opens; escape comes back. F2-F5 switch views, F6/F7 sort."

    def __init__(self, files: Sequence[Path]) -> None:
        super().__init__()
        self.files = list(files)
        self.indexer = Indexer()
        self.summaries: dict[Path, ArticleSummary] = {}
        self.entries: dict[Path, ArticleEntry] = {}
        self.library: Library | None = None
        self.sort_column = "date"
        self.sort_reverse = True
        self.filter_text = ""
        self.notes_by_article: dict[str, int] = {}
        self.notes_by_path: dict[str, int] = {}
        self.all_notes: list[Annotation] = []
        self._dirty = False
        self._indexed = 0
        self._to_index = 0
        self._started = 0.0
        self._people: list[LibraryPerson] = []
        self._documents: list[LibraryDocument] = []
        self._notes: dict[str, Annotation] = {}
        self._resolved: dict[Path, str] = {}
        self._filled: set[str] = {"articles"}
        self._resumed_once = False

    # --- composition ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="library-header", markup=False)
        yield Input(placeholder="Type to filter (diacritics ignored) · enter opens · "
                    "escape clears", id="library-filter")
        with TabbedContent(id="library-tabs", initial="articles"):
            with TabPane("Articles", id="articles"):
                yield DataTable(id="articles-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Who's who", id="people"), Horizontal(classes="split"):
                yield OptionList(id="people-index", markup=False)
                with Vertical(classes="details"):
                    with VerticalScroll(classes="details-text"):
                        yield Static(id="person-details", markup=False)
                    yield OptionList(id="person-mentions", markup=False)
            with TabPane("Documents", id="documents"), Horizontal(classes="split"):
                yield OptionList(id="documents-index", markup=False)
                with Vertical(classes="details"):
                    with VerticalScroll(classes="details-text"):
                        yield Static(id="document-details", markup=False)
                    yield OptionList(id="document-mentions", markup=False)
            with TabPane("Notes", id="notes"):
                yield OptionList(id="all-notes", markup=False)
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Static(id="library-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#articles-table", DataTable)
        for key, heading in COLUMNS:
            table.add_column(heading, key=key)
        self._started = time.perf_counter()
        scan = self.indexer.quick_scan(self.files)
        for entry in scan.entries:
            self.entries[entry.path] = entry
        for summary in scan.summaries:
            self.summaries[summary.path] = summary
        self._to_index = len(scan.pending)
        self._load_notes()
        self._fill_table()
        progress = self.query_one(ProgressBar)
        progress.update(total=max(1, self._to_index), progress=0)
        progress.display = self._to_index > 0
        self._update_header()
        table.focus()
        self.set_interval(TABLE_REFRESH_SECONDS, self._refresh_if_dirty)
        self.run_worker(lambda: self._index(scan.pending), thread=True, group="index",
                        exclusive=True)

    def on_screen_resume(self) -> None:
        """Back from an article: notes may have changed."""
        if not self._resumed_once:
            self._resumed_once = True  # the first resume is the screen's own start
            return
        self._load_notes()
        self._filled.clear()
        self._apply_filter()

    # --- indexing in the background -------------------------------------------------------

    def _index(self, pending: Sequence[Path]) -> None:
        """Index the files the cache did not know (background thread), handing the results
        to the screen in batches so the screen stays responsive and indexing fast."""
        batch: list[ArticleEntry] = []
        last = time.monotonic()
        for entry in self.indexer.iter_index(pending):
            batch.append(entry)
            if time.monotonic() - last > BATCH_SECONDS:
                self.app.call_from_thread(self._entries_indexed, batch)
                batch, last = [], time.monotonic()
        if batch:
            self.app.call_from_thread(self._entries_indexed, batch)
        self.indexer.save()
        library = build_library(self.entries_snapshot())
        self.app.call_from_thread(self._library_ready, library)

    def entries_snapshot(self) -> list[ArticleEntry]:
        """The entries known now (read from the worker thread after indexing)."""
        return list(self.entries.values())

    def _entries_indexed(self, batch: list[ArticleEntry]) -> None:
        for entry in batch:
            self.entries[entry.path] = entry
            self.summaries[entry.path] = entry.summary
        self._indexed += len(batch)
        self.query_one(ProgressBar).update(progress=self._indexed)
        self._dirty = True

    def _refresh_if_dirty(self) -> None:
        if self._dirty:
            self._dirty = False
            self._fill_table()
            self._update_header()

    def _library_ready(self, library: Library) -> None:
        self.library = library
        self.query_one(ProgressBar).display = False
        if self._dirty or self._to_index:
            self._dirty = False
            self._fill_table()
        self._filled.discard("people")
        self._filled.discard("documents")
        self._apply_filter(only_if_needed=True)
        self._update_header()

    def _update_header(self) -> None:
        total = len(self.summaries)
        broken = sum(1 for s in self.summaries.values() if s.error is not None)
        text = Text.assemble(("Library", "bold"), f"  {total} article{'s' if total != 1 else ''}")
        if broken:
            text.append(f" · {broken} unreadable", style="red")
        if self.library is None:
            text.append(f" · indexing {self._indexed}/{self._to_index}…", style="yellow")
        else:
            seconds = time.perf_counter() - self._started
            text.append(f" · {len(self.library.people)} people · "
                        f"{len(self.library.documents)} documents · indexed in {seconds:.1f} s",
                        style="dim")
        self.query_one("#library-header", Static).update(text)

    # --- notes ----------------------------------------------------------------------------

    def _load_notes(self) -> None:
        notes = self.reader_app.all_annotations()
        self.all_notes = notes
        self.notes_by_article = {}
        self.notes_by_path = {}
        for note in notes:
            self.notes_by_article[note.article.id] = self.notes_by_article.get(note.article.id,
                                                                               0) + 1
            self.notes_by_path[note.article.path] = self.notes_by_path.get(note.article.path,
                                                                           0) + 1

    def notes_of(self, summary: ArticleSummary) -> int:
        """How many notes the store keeps for an article (by content, else by file)."""
        by_id = self.notes_by_article.get(summary.id, 0) if summary.id else 0
        if by_id or not self.notes_by_path:
            return by_id
        resolved = self._resolved.get(summary.path)
        if resolved is None:
            resolved = self._resolved[summary.path] = str(summary.path.resolve())
        return self.notes_by_path.get(resolved, 0)

    # --- the article table ----------------------------------------------------------------

    def visible_summaries(self) -> list[ArticleSummary]:
        """The rows after filtering and sorting."""
        words = fold(self.filter_text).split()
        rows = []
        for summary in self.summaries.values():
            if words:
                haystack = fold(" ".join([summary.title, " ".join(summary.authors),
                                          summary.source or "", summary.path.name,
                                          summary.error or ""]))
                if not all(w in haystack for w in words):
                    continue
            rows.append(summary)
        rows.sort(key=lambda s: sort_value(s, self.sort_column, self.notes_of(s)),
                  reverse=self.sort_reverse)
        if self.sort_reverse:  # unreadable files stay at the end either way
            rows.sort(key=lambda s: s.error is not None)
        return rows

    def _fill_table(self) -> None:
        table = self.query_one("#articles-table", DataTable)
        current = None
        if table.row_count and table.cursor_row >= 0:
            try:
                current = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)
                                                       ).row_key.value
            except Exception:
                current = None
        table.clear()
        # The title takes what the other columns leave, so the table fits the screen.
        title_width = max(30, (self.size.width or 140) - 72)
        for summary in self.visible_summaries():
            table.add_row(*article_cells(summary, self.notes_of(summary), title_width),
                          key=str(summary.path))
        for i, (key, heading) in enumerate(COLUMNS):
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            table.columns[table.ordered_columns[i].key].label = Text(heading + arrow)
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))
        self._show_status()

    def _show_status(self) -> None:
        active = self.query_one(TabbedContent).active
        if active == "people" and self.library is not None:
            status = f"{len(self._people)} of {len(self.library.people)} people"
        elif active == "documents" and self.library is not None:
            status = f"{len(self._documents)} of {len(self.library.documents)} documents"
        elif active == "notes":
            status = f"{len(self._notes)} of {len(self.all_notes)} notes"
        else:
            status = self._articles_status()
        if self.filter_text and active != "articles":
            status += f" matching “{one_line(self.filter_text)}”"
        self.query_one("#library-status", Static).update(Text(status, style="dim"))

    def _articles_status(self) -> str:
        table = self.query_one("#articles-table", DataTable)
        shown = table.row_count
        status = f"{shown} of {len(self.summaries)} articles"
        if self.filter_text:
            status += f" matching “{one_line(self.filter_text)}”"
        column = dict(COLUMNS)[self.sort_column]
        return status + f" · sorted by {column}{' (descending)' if self.sort_reverse else ''}"

    @on(DataTable.HeaderSelected, "#articles-table")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, column in ("date", "people",
                                                                     "documents", "notes")
        self._fill_table()

    def action_sort_next(self) -> None:
        """Sort by the next column."""
        keys = [k for k, _ in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self._fill_table()

    def action_sort_reverse(self) -> None:
        """Reverse the sort order."""
        self.sort_reverse = not self.sort_reverse
        self._fill_table()

    @on(DataTable.RowSelected, "#articles-table")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        path = Path(str(event.row_key.value))
        summary = self.summaries.get(path)
        if summary is not None and summary.error is not None:
            self.notify(summary.error_message or "", title="Cannot open", severity="error")
            return
        self.reader_app.open_article(path)

    # --- filtering by typing --------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Printable keys typed anywhere on the screen go to the filter."""
        field = self.query_one("#library-filter", Input)
        if self.focused is field or not event.is_printable or not event.character:
            return
        if event.character in "?":
            return
        event.stop()
        event.prevent_default()
        field.focus()
        field.insert_text_at_cursor(event.character)

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self._apply_filter()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._active_list().focus()
        active = self.query_one(TabbedContent).active
        if active == "articles":
            table = self.query_one("#articles-table", DataTable)
            if table.row_count:
                table.action_select_cursor()
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
        elif active == "people":
            self._fill_people()
        elif active == "documents":
            self._fill_documents()
        else:
            self._fill_notes()
        self._show_status()

    def _active_list(self) -> DataTable[Any] | OptionList:
        active = self.query_one(TabbedContent).active
        if active == "articles":
            return self.query_one("#articles-table", DataTable)
        ids = {"people": "#people-index", "documents": "#documents-index",
               "notes": "#all-notes"}
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
        focused = self.focused
        if focused is not None and focused.id in ("person-mentions", "document-mentions"):
            pane = PEOPLE if focused.id == "person-mentions" else DOCUMENTS
            self.query_one(pane.index_id, OptionList).focus()
            return
        if field.value:
            field.value = ""
        self._active_list().focus()

    def action_help(self) -> None:
        """Show every key."""
        from reader.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen([("Library", list(self.BINDINGS)),
                                         ("Everywhere", list(self.app.BINDINGS))]))

    # --- who's who and documents --------------------------------------------------------

    def _matching_people(self, words: list[str]) -> list[LibraryPerson]:
        assert self.library is not None
        people = [p for p in self.library.people
                  if not words or all(w in fold(" ".join([p.name, *p.roles])) for w in words)]
        return sorted(people, key=lambda p: (-len(p.mentions), p.key))

    def _matching_documents(self, words: list[str]) -> list[LibraryDocument]:
        assert self.library is not None
        docs = [d for d in self.library.documents
                if not words or all(w in fold(" ".join([d.code, d.type, d.issuer or "",
                                                        d.subject or ""])) for w in words)]
        return sorted(docs, key=lambda d: (-len(d.citations), d.key))

    def _fill_people(self) -> None:
        self._fill_index(PEOPLE)

    def _fill_documents(self) -> None:
        self._fill_index(DOCUMENTS)

    def _fill_index(self, pane: IndexPane) -> None:
        """Fill who's who or the documents list for the filter; show the first entry."""
        options = self.query_one(pane.index_id, OptionList)
        if self.library is None:
            options.set_options([Option(Text(f"Indexing… {self._indexed}/{self._to_index}",
                                             style="dim"), disabled=True)])
            return
        words = fold(self.filter_text).split()
        if pane is PEOPLE:
            self._people = self._matching_people(words)
            prompts = [person_prompt(p) for p in self._people]
        else:
            self._documents = self._matching_documents(words)
            prompts = [document_prompt(d) for d in self._documents]
        options.set_options([Option(prompt, id=f"e{i}") for i, prompt in enumerate(prompts)]
                            or [Option(Text(pane.empty, style="dim"), disabled=True)])
        if prompts:
            options.highlighted = 0
            self._show_entry(pane, 0)

    def _show_entry(self, pane: IndexPane, index: int) -> None:
        """Details and mentions of entry `index` of a pane's list."""
        if pane is PEOPLE:
            person = self._people[index]
            details, mentions = posts_text(person), person.mentions
        else:
            doc = self._documents[index]
            details, mentions = document_text(doc), doc.mentions
        self.query_one(pane.details_id, Static).update(details)
        self.query_one(pane.mentions_id, OptionList).set_options(
            [Option(mention_prompt(m), id=f"m{i}") for i, m in enumerate(mentions)])

    def _walk(self, pane: IndexPane, index: int, mention: int) -> LibraryWalk:
        """The library walk over entry `index`'s mentions, at `mention`."""
        if pane is PEOPLE:
            person = self._people[index]
            return LibraryWalk("person", person.key, person.name, person.mentions, mention)
        doc = self._documents[index]
        return LibraryWalk("document", doc.key, doc.code, doc.mentions, mention)

    @on(OptionList.OptionHighlighted, "#people-index, #documents-index")
    def _entry_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        pane = PANES[f"#{event.option_list.id}"]
        if event.option.id:
            self._show_entry(pane, int(event.option.id[1:]))

    @on(OptionList.OptionSelected, "#people-index, #documents-index")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        pane = PANES[f"#{event.option_list.id}"]
        if event.option.id:
            self._show_entry(pane, int(event.option.id[1:]))
            mentions = self.query_one(pane.mentions_id, OptionList)
            mentions.focus()
            mentions.highlighted = 0

    @on(OptionList.OptionSelected, "#person-mentions, #document-mentions")
    def _mention_chosen(self, event: OptionList.OptionSelected) -> None:
        pane = PEOPLE if event.option_list.id == "person-mentions" else DOCUMENTS
        entries = self.query_one(pane.index_id, OptionList)
        if entries.highlighted is None or not event.option.id:
            return
        walk = self._walk(pane, entries.highlighted, int(event.option.id[1:]))
        self.reader_app.open_article(walk.current.path, walk=walk)

    # --- all notes ------------------------------------------------------------------------

    def _fill_notes(self) -> None:
        options = self.query_one("#all-notes", OptionList)
        words = fold(self.filter_text).split()
        notes = [n for n in self.all_notes
                 if not words or all(w in fold(" ".join([n.note, n.target.exact,
                                                         n.article.title, *n.tags]))
                                     for w in words)]
        notes.sort(key=lambda n: (n.article.title, n.target.start))
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

    @on(OptionList.OptionSelected, "#all-notes")
    def _note_chosen(self, event: OptionList.OptionSelected) -> None:
        note = self._notes.get(event.option.id or "")
        if note is None:
            return
        path = Path(note.article.path) if note.article.path else None
        if path is None or not path.exists():
            match = next((s for s in self.summaries.values() if s.id == note.article.id), None)
            path = match.path if match else None
        if path is None:
            self.notify(f"The article of this note is not in the library: "
                        f"{shorten(note.article.title, 60)}", severity="warning")
            return
        self.reader_app.open_article(path, at=note.target.start)
