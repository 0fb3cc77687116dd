"""The library's article table as a pane: its rows for the filter in the sort's order
(`reader.library_state.ArticleRows`), each row arriving while indexing put in its place (the
table is never refilled for indexing), a click on a heading or F6/F7 sorting it; enter or a
click on a row posts `OpenArticle` (an unreadable file says why instead)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on

from articles.library import ArticleSummary
from reader.library_state import COLUMNS, ArticleRows, Sort, words_of
from reader.render.library import article_cells
from reader.widgets.article_table import ArticleTable, TableColumn
from reader.widgets.library.open_article import OpenArticle
from reader.widgets.library.pane import StatusChanged

WIDTHS = {"date": 10, "authors": 18, "source": 16, "people": 6, "documents": 4, "notes": 5}
"""The article table's column widths (the title takes the rest)."""

MINIMUMS = {"authors": 10, "source": 8}
"""How narrow the authors and source columns may get so that a narrow table's titles keep
half its width."""


class ArticlePane(ArticleTable):
    """The table of the library's articles (see the module docstring)."""

    def __init__(self, rows: ArticleRows, total: int, *, id: str | None = None) -> None:
        """`rows` holds the articles known so far; `total` is how many files there are."""
        columns = [TableColumn(key, heading, WIDTHS.get(key),
                               right=key in ("people", "documents", "notes"),
                               minimum=MINIMUMS.get(key))
                   for key, heading in COLUMNS]
        super().__init__(columns, self._cells, id=id)
        self.rows = rows
        self.total = total
        self.filter_text = ""

    def _cells(self, key: str) -> list[Text]:
        """The cells of the row of file `key` (the table draws only the rows on screen)."""
        summary = self.rows.summaries[Path(key)]
        return article_cells(summary, self.rows.count_notes(summary), 300)

    # --- what a library pane does ---------------------------------------------------------

    def refill(self, filter_text: str) -> None:
        """Show the rows for the filter and the sort (a user's change, not indexing)."""
        self._show(filter_text, None)

    def status(self) -> str:
        """"3 of 40 articles matching “x” · sorted by Date (descending)"."""
        return self.rows.status(self.row_count, self.total, self.filter_text)

    def focus_list(self, first: bool = True) -> None:
        """Move to the table."""
        self.focus()

    def submitted(self, query: str) -> bool:
        """Enter on the filter: open the row under the cursor (False when no title matches,
        so the text is searched instead)."""
        if not self.row_count:
            return False
        self.focus()
        self.action_select()
        return True

    def back(self) -> bool:
        """Escape: nothing of its own to leave."""
        return False

    # --- rows and their order -------------------------------------------------------------

    def place(self, summary: ArticleSummary) -> None:
        """Show a new or changed row in its place (nothing else in the table moves)."""
        placement = self.rows.put(summary)
        key = str(summary.path)
        if placement.key is None:
            if placement.old is not None:
                self.take_row(placement.old, key)
        elif placement.same:
            self.refresh_row(key)
        else:
            self.put_row(placement.key, key, placement.old)

    def sort_by(self, sort: Sort) -> None:
        """Sort the rows so."""
        self._show(self.filter_text, sort)

    def _show(self, filter_text: str, sort: Sort | None) -> None:
        self.filter_text = filter_text
        self.show(self.rows.rows(words_of(filter_text), sort))
        order = self.rows.sort
        for key, heading in COLUMNS:
            self.labels[key] = Text(heading + order.arrow(key))
        self.refresh()

    @on(ArticleTable.HeaderSelected)
    def _header_clicked(self, event: ArticleTable.HeaderSelected) -> None:
        event.stop()
        self.sort_by(self.rows.sort.clicked(event.column))
        self.post_message(StatusChanged())

    @on(ArticleTable.RowSelected)
    def _row_chosen(self, event: ArticleTable.RowSelected) -> None:
        event.stop()
        summary = self.rows.summaries.get(Path(event.key))
        if summary is not None and summary.error is not None:
            self.notify(summary.error_message or "", title="Cannot open", severity="error")
            return
        self.post_message(OpenArticle(Path(event.key)))
