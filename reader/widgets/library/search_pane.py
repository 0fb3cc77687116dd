"""The library's Text view as a pane: every occurrence of a phrase across the library's
articles, with article, date and context, from the full-text index (`articles.cache.fulltext`,
brought up to date first, in a background thread); enter on a hit posts `OpenArticle` with the
walk through every hit, so `n`/`N` in the article go on across articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from articles.cache.fulltext import FullTextIndex
from articles.library import ArticleSummary
from articles.library.search import LibraryHit, search_library
from reader.library_state import hits_status, search_walk
from reader.render.text import day, shorten
from reader.safe_text import one_line, visible
from reader.widgets.library.open_article import OpenArticle
from reader.widgets.library.pane import StatusChanged

HIT_LIMIT = 5_000
"""At most this many hits are found (and walked through with n/N)."""

HIT_ROWS = 500
"""How many of them the list shows."""


def update_fulltext(directory: Path, files: Sequence[Path]) -> None:
    """Bring the full-text index in `directory` up to date with the files (any thread)."""
    index = FullTextIndex(directory)
    index.update(files)
    index.close()


class TextSearchPane(OptionList):
    """The hits of the last text search (see the module docstring)."""

    def __init__(self, directory: Path, files: Sequence[Path],
                 summaries: Mapping[Path, ArticleSummary], *, id: str | None = None) -> None:
        """`directory` holds the full-text index of `files`; `summaries`, the articles known
        so far, name and date the hits."""
        super().__init__(id=id, markup=False)
        self.directory = directory
        self.files = files
        self.summaries = summaries
        self.hits: list[LibraryHit] | None = None
        """The hits of the last search (None before any)."""
        self.phrase = ""
        """The phrase of the last search."""
        self._searching = False

    def search(self, query: str) -> bool:
        """Find `query` in every article (in a background thread), then list the hits;
        whether there was anything to search for."""
        if not query.strip():
            return False
        self.phrase = query
        self._searching = True
        self.set_options([Option(Text(f"Searching every article for “{one_line(query)}”…",
                                      style="dim"), disabled=True)])
        self.post_message(StatusChanged())
        summaries = list(self.summaries.values())

        def work() -> None:
            index = FullTextIndex(self.directory)
            index.update(self.files)
            hits = search_library(index, query, summaries, limit=HIT_LIMIT)
            index.close()
            self.app.call_from_thread(self._found, query, hits)

        self.run_worker(work, thread=True, group="fulltext", exclusive=True)
        return True

    def _found(self, query: str, hits: list[LibraryHit]) -> None:
        if query != self.phrase:
            return  # a newer search is on its way
        self.hits, self._searching = hits, False
        rows: list[Option | None] = []
        previous: Path | None = None
        for n, found in enumerate(hits[:HIT_ROWS]):
            a = found.article
            if a.path != previous:
                previous = a.path
                heading = (shorten(a.title, 90), "bold underline") if a.title else (
                    shorten(a.path.name, 90), "dim bold underline")
                rows.append(Option(Text.assemble(heading, (f"  {day(a.published)}", "dim")),
                                   disabled=True))
            line, lo, hi = found.hit.context(70)
            prompt = Text("  " + visible(line).replace("\n", " "))
            prompt.stylize("bold reverse", 2 + lo, 2 + hi)
            rows.append(Option(prompt, id=f"h{n}"))
        if len(hits) > HIT_ROWS:
            rows.append(Option(Text(f"… and {len(hits) - HIT_ROWS} more (n/N in an article "
                                    "go through them all)", style="dim"), disabled=True))
        if not rows:
            rows.append(Option(Text(f"No matches for “{one_line(query)}”.", style="dim"),
                               disabled=True))
        self.set_options(rows)
        if hits:
            self.highlighted = 1  # the first hit, under its article's heading
            self.focus()
        self.post_message(StatusChanged())

    # --- what a library pane does ---------------------------------------------------------

    def refill(self, filter_text: str) -> None:
        """The hits do not change with the filter (enter searches for it)."""

    def status(self) -> str:
        """How to search, that it is searching, or how many hits where."""
        if self._searching:
            return f"Searching for “{one_line(self.phrase)}”…"
        return hits_status(self.hits, self.phrase, len(self.summaries), HIT_LIMIT)

    def focus_list(self, first: bool = True) -> None:
        """Move to the hits (the first entry highlighted if none is)."""
        self.focus()
        if first and self.highlighted is None and self.option_count:
            self.action_first()

    def submitted(self, query: str) -> bool:
        """Enter on the filter: search every article's text for it."""
        self.search(query)
        return True

    def back(self) -> bool:
        """Escape: nothing of its own to leave."""
        return False

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if not option_id or not self.hits:
            return
        walk = search_walk(self.hits, self.phrase, int(option_id[1:]))
        self.post_message(OpenArticle(walk.current.path, walk=walk))
