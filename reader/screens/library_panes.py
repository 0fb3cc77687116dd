"""Who's who and the documents on the library screen: the list for the filter, an entry's
details, its mentions (read from the index when the entry is first shown) and the walk through
them across articles. A base of `LibraryScreen`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from articles import fold
from articles.indexer import Indexer
from articles.library import Library, LibraryDocument, LibraryPerson
from articles.library_mentions import load_mentions
from reader.render.library import (
    document_prompt,
    document_text,
    mention_prompt,
    person_prompt,
    posts_text,
)
from reader.session import Session
from reader.walk import LibraryWalk
from reader.widgets.library.open_article import OpenArticle


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

MENTION_ROWS = 300
"""How many of an entry's mentions its list shows (an author may have thousands; the walk
from any of them goes through every one)."""


class LibraryPanes(Screen[None]):
    """Who's who and the documents (the library screen sets the state they read)."""

    session: Session
    indexer: Indexer
    library: Library | None
    filter_text: str
    _indexed: int
    _to_index: int
    _people: list[LibraryPerson]
    _documents: list[LibraryDocument]
    _loaded: dict[str, LibraryPerson | LibraryDocument]

    # --- who's who and documents --------------------------------------------------------

    def _matching_people(self, words: list[str]) -> list[LibraryPerson]:
        assert self.library is not None
        people = [p for p in self.library.people
                  if not words or all(w in fold(" ".join([p.name, *p.roles])) for w in words)]
        return sorted(people, key=lambda p: (-p.mention_count, p.key))

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

    def show_entry(self, view: str, key: str) -> None:
        """Show the person or document with `key` in its view (the palette's choice): the
        filter is cleared so it is listed, then it is highlighted with its details."""
        from textual.widgets import Input

        self.query_one("#library-filter", Input).value = ""
        self.filter_text = ""
        self.action_show(view)  # type: ignore[attr-defined]  # the library screen's
        pane = PEOPLE if view == "people" else DOCUMENTS
        keys = [e.key for e in (self._people if pane is PEOPLE else self._documents)]
        index = keys.index(key) if key in keys else None
        if index is not None:
            self.query_one(pane.index_id, OptionList).highlighted = index
            self._show_entry(pane, index)

    def _with_mentions(self, pane: IndexPane, index: int) -> LibraryPerson | LibraryDocument:
        """Entry `index` of a pane's list with its mentions, read from the index the first
        time it is shown (only the articles that mention it)."""
        item: LibraryPerson | LibraryDocument = (
            self._people[index] if pane is PEOPLE else self._documents[index])
        cache_key = f"{pane.index_id}:{item.key}"
        loaded = self._loaded.get(cache_key)
        if loaded is None:
            loaded = self._loaded[cache_key] = load_mentions(item, self.indexer.cache.mentions_of)
        return loaded

    def _show_entry(self, pane: IndexPane, index: int) -> None:
        """Details and mentions of entry `index` of a pane's list."""
        item = self._with_mentions(pane, index)
        if isinstance(item, LibraryPerson):
            details, mentions = posts_text(item), item.mentions
        else:
            details, mentions = document_text(item), item.mentions
        self.query_one(pane.details_id, Static).update(details)
        options = [Option(mention_prompt(m), id=f"m{i}")
                   for i, m in enumerate(mentions[:MENTION_ROWS])]
        if len(mentions) > MENTION_ROWS:
            options.append(Option(Text(f"… and {len(mentions) - MENTION_ROWS:,} more: n/N in an "
                                       "article walk through them all", style="dim"),
                                  disabled=True))
        self.query_one(pane.mentions_id, OptionList).set_options(options)

    def _walk(self, pane: IndexPane, index: int, mention: int) -> LibraryWalk:
        """The library walk over entry `index`'s mentions, at `mention`."""
        item = self._with_mentions(pane, index)
        if isinstance(item, LibraryPerson):
            return LibraryWalk("person", item.key, item.name, item.mentions, mention)
        return LibraryWalk("document", item.key, item.code, item.mentions, mention)

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
        self.post_message(OpenArticle(walk.current.path, walk=walk))

