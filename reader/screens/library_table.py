"""The library screen's article table and what it shows: rows filtered by typing and sorted by
a column, each new or changed row put in its place (`put_row`), the table refilled only when
the user changes the filter or the sort. A base of `LibraryScreen`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.screen import Screen

from annotations.model import Annotation
from articles import fold
from articles.library import ArticleSummary
from reader.render.library import COLUMNS, article_cells, sort_value
from reader.safe_text import one_line
from reader.session import Session
from reader.widgets.article_table import ArticleTable, Descending

WIDTHS = {"date": 10, "authors": 18, "source": 16, "people": 6, "documents": 4, "notes": 5}
"""The article table's column widths (the title takes the rest)."""

MINIMUMS = {"authors": 10, "source": 8}
"""How narrow the authors and source columns may get so that a narrow table's titles keep
half its width."""



class LibraryTableScreen(Screen[None]):
    """The article table of the library screen, with the notes counted per article."""

    def __init__(self, files: Sequence[Path], session: Session) -> None:
        super().__init__()
        self.session = session
        self.files = list(files)
        self.summaries: dict[Path, ArticleSummary] = {}
        self.sort_column = "date"
        self.sort_reverse = True
        self.filter_text = ""
        self.notes_by_article: dict[str, int] = {}
        self.notes_by_path: dict[str, int] = {}
        self.all_notes: list[Annotation] = []
        self._resolved: dict[Path, str] = {}
        self._haystacks: dict[Path, str] = {}
        self._row_keys: dict[str, Any] = {}

    @property
    def table(self) -> ArticleTable:
        """The article table."""
        return self.query_one("#articles-table", ArticleTable)

    def _show_status(self) -> None:
        """The status line under the views (the library screen's)."""

    # --- notes ----------------------------------------------------------------------------

    def _load_notes(self, notes: list[Annotation] | None = None) -> None:
        if notes is None:
            notes = self.session.all_annotations()
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

    def _cells(self, key: str) -> list[Text]:
        """The cells of the row of file `key` (the table draws only the rows on screen)."""
        summary = self.summaries[Path(key)]
        return article_cells(summary, self.notes_of(summary), 300)

    def _matches(self, summary: ArticleSummary, words: list[str]) -> bool:
        if not words:
            return True
        haystack = self._haystacks.get(summary.path)
        if haystack is None:
            haystack = self._haystacks[summary.path] = fold(" ".join([
                summary.title, " ".join(summary.authors), summary.source or "",
                summary.path.name, summary.error or ""]))
        return all(w in haystack for w in words)

    def _sort_key(self, summary: ArticleSummary) -> Any:
        """Where a row goes: by the sort column, either way; unreadable files last."""
        broken, value, path = sort_value(summary, self.sort_column, self.notes_of(summary))
        return (broken, Descending((value, path)) if self.sort_reverse else (value, path))

    def _put_row(self, summary: ArticleSummary) -> None:
        """Show a new or changed row in its place (nothing else in the table moves)."""
        old = self.summaries.get(summary.path)
        self.summaries[summary.path] = summary
        self._haystacks.pop(summary.path, None)
        key = str(summary.path)
        old_key = self._row_keys.pop(key, None)
        if not self._matches(summary, fold(self.filter_text).split()):
            if old_key is not None:
                self.table.take_row(old_key, key)
            return
        sort_key = self._sort_key(summary)
        self._row_keys[key] = sort_key
        if old_key is not None and old is not None and old_key == sort_key:
            self.table.refresh_row(key)
        else:
            self.table.put_row(sort_key, key, old_key)

    def visible_summaries(self) -> list[ArticleSummary]:
        """The rows after filtering and sorting."""
        return [self.summaries[Path(key)] for key in self.table.keys]

    def _fill_table(self) -> None:
        """Show the rows for the filter and the sort (a user's change, not indexing)."""
        words = fold(self.filter_text).split()
        rows = sorted((self._sort_key(s), str(s.path)) for s in self.summaries.values()
                      if self._matches(s, words))
        self._row_keys = {key: sort_key for sort_key, key in rows}
        table = self.table
        table.show(rows)
        for key, heading in COLUMNS:
            arrow = (" ▼" if self.sort_reverse else " ▲") if key == self.sort_column else ""
            table.labels[key] = Text(heading + arrow)
        table.refresh()
        self._show_status()

    def _articles_status(self) -> str:
        shown = self.table.row_count
        status = f"{shown} of {len(self.files)} articles"
        if self.filter_text:
            status += f" matching “{one_line(self.filter_text)}”"
        column = dict(COLUMNS)[self.sort_column]
        return status + f" · sorted by {column}{' (descending)' if self.sort_reverse else ''}"

    @on(ArticleTable.HeaderSelected, "#articles-table")
    def _header_clicked(self, event: ArticleTable.HeaderSelected) -> None:
        column = event.column
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

