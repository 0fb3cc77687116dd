"""Who's who and the documents of the library, one pane widget for each: the list for the
filter, the highlighted entry's details, and its mentions (read from the index the first time
the entry is shown); choosing a mention posts `OpenArticle` with the walk through all of them.
Until the library is indexed (`reader.library_state.IndexProgress`) the list says how far
indexing is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from articles.library import Library, LibraryDocument, LibraryPerson
from articles.library.mentions import MentionSource, load_mentions
from reader.library_state import (
    IndexProgress,
    documents_matching,
    matching,
    people_matching,
    walk_of,
    words_of,
)
from reader.render.library import (
    document_prompt,
    document_text,
    mention_prompt,
    person_prompt,
    posts_text,
)
from reader.walk import LibraryWalk
from reader.widgets.library.open_article import OpenArticle
from reader.wording import counted

Entry = LibraryPerson | LibraryDocument

MENTION_ROWS = 100
"""How many of an entry's mentions its list shows (an author may have thousands; the walk
from any of them goes through every one). Each row is measured when the list is filled, so
this bounds what showing an entry costs (about 1 ms a row)."""


@dataclass(frozen=True, slots=True)
class EntityKind:
    """What one pane lists: its entries for a filter, how an entry and its details read."""

    noun: str
    """"people" or "documents" (the status line's "3 of 40 people")."""
    index_id: str
    details_id: str
    mentions_id: str
    empty: str
    matching: Callable[[Library, Sequence[str]], Sequence[Entry]]
    count: Callable[[Library], int]
    prompt: Callable[[Entry], RenderableType]
    details: Callable[[Entry], Text]
    singular: str = ""
    """"person" or "document" ("1 of 1 person")."""


def _person_prompt(item: Entry) -> RenderableType:
    assert isinstance(item, LibraryPerson)
    return person_prompt(item)


def _posts(item: Entry) -> Text:
    assert isinstance(item, LibraryPerson)
    return posts_text(item)


def _document_prompt(item: Entry) -> RenderableType:
    assert isinstance(item, LibraryDocument)
    return document_prompt(item)


def _document_text(item: Entry) -> Text:
    assert isinstance(item, LibraryDocument)
    return document_text(item)


PEOPLE = EntityKind("people", "people-index", "person-details", "person-mentions",
                    "Nobody matches.", people_matching, lambda lib: len(lib.people),
                    _person_prompt, _posts, singular="person")
DOCUMENTS = EntityKind("documents", "documents-index", "document-details", "document-mentions",
                       "No document matches.", documents_matching,
                       lambda lib: len(lib.documents), _document_prompt, _document_text,
                       singular="document")


class EntityPane(Horizontal):
    """One of who's who or the documents (see the module docstring)."""

    def __init__(self, kind: EntityKind, progress: IndexProgress, mentions_of: MentionSource,
                 *, id: str | None = None) -> None:
        """`progress` holds the library once indexed; `mentions_of` reads an entry's
        mentions from the index."""
        super().__init__(id=id, classes="split")
        self.kind = kind
        self.progress = progress
        self._mentions_of = mentions_of
        self.entries: Sequence[Entry] = ()
        self.total = 0
        self.filter_text = ""
        self._library: Library | None = None
        self._loaded: dict[str, Entry] = {}
        self._shown: Entry | None = None
        """The entry whose details and mentions are on screen."""

    def compose(self) -> ComposeResult:
        yield OptionList(id=self.kind.index_id, markup=False)
        with Vertical(classes="details"):
            with VerticalScroll(classes="details-text"):
                yield Static(id=self.kind.details_id, markup=False)
            yield OptionList(id=self.kind.mentions_id, markup=False)

    @property
    def index(self) -> OptionList:
        """The list of entries."""
        return self.query_one(f"#{self.kind.index_id}", OptionList)

    @property
    def mentions(self) -> OptionList:
        """The highlighted entry's mentions."""
        return self.query_one(f"#{self.kind.mentions_id}", OptionList)

    # --- what a library pane does ---------------------------------------------------------

    def refill(self, filter_text: str) -> None:
        """List the entries for the filter (or say how far indexing is)."""
        self.filter_text = filter_text
        library = self.progress.library
        if library is None:
            self.index.set_options([Option(Text(self._indexing(), style="dim"),
                                           disabled=True)])
            return
        self.fill(library, words_of(filter_text))

    def status(self) -> str:
        """"3 of 40 people matching “x”" (while indexing, how far it is)."""
        if self.progress.library is None:
            return self._indexing()
        total = counted(self.total, self.kind.singular, self.kind.noun)
        return f"{len(self.entries)} of {total}{matching(self.filter_text)}"

    def _indexing(self) -> str:
        return f"Indexing… {self.progress.done}/{self.progress.total}"

    def focus_list(self, first: bool = True) -> None:
        """Move to the list of entries (the first highlighted if none is)."""
        self.index.focus()
        if first and self.index.highlighted is None and self.index.option_count:
            self.index.highlighted = 0

    def submitted(self, query: str) -> bool:
        """Enter on the filter: choose the highlighted entry."""
        options = self.index
        options.focus()
        if options.option_count:
            if options.highlighted is None:
                options.highlighted = 0
            options.action_select()
        return True

    def back(self) -> bool:
        """Escape in the mentions: back to the entries; whether it was there."""
        if self.mentions.has_focus:
            self.index.focus()
            return True
        return False

    # --- entries and their mentions -------------------------------------------------------

    def fill(self, library: Library, words: Sequence[str]) -> None:
        """List the entries of `library` for the filter `words`; show the first one. The
        mentions read from another library (indexed before) are forgotten."""
        if library is not self._library:
            self._library = library
            self._loaded.clear()
        self.entries = self.kind.matching(library, words)
        self.total = self.kind.count(library)
        options = [Option(self.kind.prompt(e), id=f"e{i}") for i, e in enumerate(self.entries)]
        self.index.set_options(options or [Option(Text(self.kind.empty, style="dim"),
                                                  disabled=True)])
        if options:
            self.index.highlighted = 0
            self._show(0)

    def show_key(self, key: str) -> None:
        """Highlight the entry with `key` and show its details (if it is listed)."""
        index = next((i for i, e in enumerate(self.entries) if e.key == key), None)
        if index is not None:
            self.index.highlighted = index
            self._show(index)

    def with_mentions(self, index: int) -> Entry:
        """Entry `index` with its mentions, read from the index the first time it is shown
        (only the articles that mention it)."""
        item = self.entries[index]
        loaded = self._loaded.get(item.key)
        if loaded is None:
            loaded = self._loaded[item.key] = load_mentions(item, self._mentions_of)
        return loaded

    def walk(self, index: int, mention: int) -> LibraryWalk:
        """The library walk over entry `index`'s mentions, at `mention`."""
        return walk_of(self.with_mentions(index), mention)

    def _show(self, index: int) -> None:
        """Show entry `index`'s details and mentions (nothing to do when they are on screen:
        highlighting the entry shown, as filling the list does, measures no row again)."""
        if self.entries[index] is self._shown:
            return
        self._shown = self.entries[index]
        item = self.with_mentions(index)
        self.query_one(f"#{self.kind.details_id}", Static).update(self.kind.details(item))
        mentions = item.mentions
        options = [Option(mention_prompt(m), id=f"m{i}")
                   for i, m in enumerate(mentions[:MENTION_ROWS])]
        if len(mentions) > MENTION_ROWS:
            options.append(Option(Text(f"… and {len(mentions) - MENTION_ROWS:,} more: n/N in an "
                                       "article walk through them all", style="dim"),
                                  disabled=True))
        self.mentions.set_options(options)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.index and event.option.id and _current(event):
            self._show(int(event.option.id[1:]))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if not option_id or not _current(event):
            return
        if event.option_list is self.index:
            self._show(int(option_id[1:]))
            self.mentions.focus()
            self.mentions.highlighted = 0
        elif self.index.highlighted is not None:
            walk = self.walk(self.index.highlighted, int(option_id[1:]))
            self.post_message(OpenArticle(walk.current.path, walk=walk))


def _current(event: OptionList.OptionMessage) -> bool:
    """Whether the event's option is still in its list: one highlighted just before the list
    was filled again (a filter typed fast) arrives after, naming an entry no longer there."""
    options = event.option_list
    return (event.option_index < options.option_count
            and options.get_option_at_index(event.option_index) is event.option)
