"""Full-text search on the library screen: the "Text" view (F8) lists every occurrence of a
phrase across the library's articles, with article, date and context, from the full-text index
(`articles.fulltext`, brought up to date in the background first); `enter` opens the article at
the hit, and `n`/`N` there continue through the hits across articles (a `LibraryWalk` of kind
"search"). A base of `LibraryScreen`."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import OptionList, Static, TabbedContent
from textual.widgets.option_list import Option

from articles.fulltext import FullTextIndex
from articles.indexer import Indexer
from articles.library import ArticleSummary, LibraryMention
from articles.library_search import LibraryHit, search_library
from reader.render.text import day, shorten
from reader.safe_text import one_line, visible
from reader.walk import LibraryWalk
from reader.widgets.library.open_article import OpenArticle

HIT_LIMIT = 5_000
"""At most this many hits are found (and walked through with n/N)."""

HIT_ROWS = 500
"""How many of them the list shows."""

PROMPT = "Type a phrase after / and press enter: every article's text is searched."


class LibrarySearch(Screen[None]):
    """The Text view of the library screen (which sets the state read here)."""

    indexer: Indexer
    files: list[Path]
    summaries: dict[Path, ArticleSummary]

    _hits: list[LibraryHit]
    _hits_query: str

    def fulltext(self) -> FullTextIndex:
        """The full-text index beside the library index."""
        return FullTextIndex(self.indexer.cache.directory)

    def update_fulltext(self) -> None:
        """Background thread: bring the full-text index up to date with the files."""
        index = self.fulltext()
        index.update(self.files)
        index.close()

    def search_text(self, query: str) -> None:
        """Find `query` in every article (in a background thread), then list the hits."""
        if not query.strip():
            return
        self.query_one(TabbedContent).active = "search"
        self._hits_query = query
        options = self.query_one("#search-hits", OptionList)
        options.set_options([Option(Text(f"Searching every article for “{one_line(query)}”…",
                                         style="dim"), disabled=True)])
        self._search_status(f"Searching for “{one_line(query)}”…")
        summaries = list(self.summaries.values())

        def work() -> None:
            index = self.fulltext()
            index.update(self.files)
            hits = search_library(index, query, summaries, limit=HIT_LIMIT)
            index.close()
            self.app.call_from_thread(self._hits_found, query, hits)

        self.run_worker(work, thread=True, group="fulltext", exclusive=True)

    def _search_status(self, text: str) -> None:
        self.query_one("#library-status", Static).update(Text(text, style="dim"))

    def hits_status(self) -> str:
        """The status line of the Text view."""
        hits = getattr(self, "_hits", None)
        if hits is None:
            return PROMPT
        query = one_line(self._hits_query)
        if not hits:
            return f"no matches for “{query}” in {len(self.summaries)} articles"
        articles = len({h.article.path for h in hits})
        more = "+" if len(hits) >= HIT_LIMIT else ""
        return (f"{len(hits)}{more} matches for “{query}” in {articles} article"
                f"{'s' * (articles != 1)} · enter opens · n/N go on across articles")

    def _hits_found(self, query: str, hits: list[LibraryHit]) -> None:
        if query != self._hits_query:
            return  # a newer search is on its way
        self._hits = hits
        options = self.query_one("#search-hits", OptionList)
        rows: list[Option | None] = []
        previous: Path | None = None
        for n, found in enumerate(hits[:HIT_ROWS]):
            a = found.article
            if a.path != previous:
                previous = a.path
                heading = (shorten(a.title, 90), "bold underline") if a.title else (
                    shorten(a.path.name, 90), "dim bold underline")
                rows.append(Option(Text.assemble(heading,
                                                 (f"  {day(a.published)}", "dim")),
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
        options.set_options(rows)
        if hits:
            options.highlighted = 1  # the first hit, under its article's heading
            options.focus()
        self._search_status(self.hits_status())

    def search_walk(self, index: int) -> LibraryWalk:
        """The walk through every hit, at hit `index`."""
        mentions = tuple(LibraryMention(h.article, h.start, h.end, "name", h.hit.matched,
                                        "", 0, 0) for h in self._hits)
        return LibraryWalk("search", self._hits_query, f"“{one_line(self._hits_query)}”",
                           mentions, index)

    @on(OptionList.OptionSelected, "#search-hits")
    def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        if not option_id or not getattr(self, "_hits", None):
            return
        walk = self.search_walk(int(option_id[1:]))
        self.post_message(OpenArticle(walk.current.path, walk=walk))
