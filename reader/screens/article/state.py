"""What the article screen knows, as one frozen value with pure transitions: the article, its
notes as placed in it, what `n`/`N` walk through (a person's or document's mentions, search
hits, a walk across the library), the reading cursor and the selection, and the Notes tab's
filter by tag and colour. The screen hands each widget's message to a transition and draws the
result (`marks`, `status`, `notes_tab`); nothing here knows Textual, so every rule is tested
without an app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from annotations.article_notes import ArticleNotes, placed_span
from annotations.note_filter import NoteFilter, color_counts, tag_counts
from reader.decorations import Decoration, Marks
from reader.occurrences import Occurrences, Span
from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from articles import Article
    from articles.model import Mention
    from reader.walk import LibraryWalk

Range = tuple[int, int]

FilterKind = Literal["tag", "color", "clear"]
"""What the Notes tab is filtered by: a tag, a colour, or nothing any more."""


def trimmed(text: str, start: int, end: int) -> Range:
    """A range of `text` without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class NotesTab:
    """What the Notes tab shows: the notes its filter keeps, what it says when that is none,
    and its label ("Notes 7", "Notes 2 of 7 · #land")."""

    shown: list[Anchored]
    empty: str | None
    label: str


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article screen's state (see the module docstring); every change makes a new one."""

    article: Article
    notes: ArticleNotes
    occurrences: Occurrences | None = None
    """What `n`/`N` step through, and which is current (None: nothing chosen)."""
    walk: LibraryWalk | None = None
    """The walk across the library this screen was opened on (or stepped into)."""
    query: str = ""
    """The last search, offered again when the search field opens."""
    cursor: Range | None = None
    selection: Range | None = None
    note_filter: NoteFilter = field(default_factory=NoteFilter)
    """What the Notes tab lists (the text always shows every highlight)."""

    @classmethod
    def opened(cls, article: Article, walk: LibraryWalk | None = None) -> ArticleState:
        """The state of an article just opened: no notes read yet, nothing chosen."""
        return cls(article, ArticleNotes(article, []), walk=walk)

    # --- what there is ----------------------------------------------------------------------

    def with_article(self, article: Article) -> ArticleState:
        """The same article with its people and documents found (the text is the same)."""
        return replace(self, article=article, notes=ArticleNotes(article, self.notes.anchored))

    def with_notes(self, anchored: Sequence[Anchored]) -> ArticleState:
        """These annotations shown in place of the ones before (a tag or colour of the
        filter that no note has any more is dropped from it)."""
        return self._noted(ArticleNotes(self.article, list(anchored)))

    def with_note(self, annotation_id: str, items: Sequence[Anchored] = ()) -> ArticleState:
        """Annotation `annotation_id` added, replaced (`items`: its new version anchored) or
        removed (no `items`)."""
        return self._noted(self.notes.replacing(annotation_id, items))

    def _noted(self, notes: ArticleNotes) -> ArticleState:
        return replace(self, notes=notes,
                       note_filter=self.note_filter.without_missing(notes.anchored))

    def at(self, cursor: Range | None, selection: Range | None) -> ArticleState:
        """The reading cursor and the selection as the view has them now."""
        if (cursor, selection) == (self.cursor, self.selection):
            return self
        return replace(self, cursor=cursor, selection=selection)

    # --- choosing and walking -------------------------------------------------------------

    def choose_person(self, index: int, mention: int | None = None) -> ArticleState:
        """Every mention of person `index` marked, the first (or `mention`) current."""
        person = self.article.people[index]
        found = Occurrences.of_mentions("person", person.key, person.name, person.mentions)
        return replace(self, walk=None, occurrences=found.at(mention or 0))

    def choose_document(self, index: int, mention: int | None = None) -> ArticleState:
        """Every mention of document `index` marked, the first (or `mention`) current."""
        doc = self.article.documents[index]
        found = Occurrences.of_mentions("document", doc.key, doc.code, doc.mentions)
        return replace(self, walk=None, occurrences=found.at(mention or 0))

    def choose_at(self, offset: int) -> ArticleState | None:
        """The person or document mentioned at `offset` chosen, at that mention (None when
        nothing is mentioned there)."""
        hit = self.article.entity_at(offset)
        if hit is None:
            return None
        if hit.kind == "person":
            return self.choose_person(hit.index, hit.mention)
        return self.choose_document(hit.index, hit.mention)

    def search(self, query: str, top: int = 0) -> ArticleState:
        """Every match of `query` marked (case and diacritics ignored), the first at or after
        the cursor current (after `top`, the first offset on screen, without a cursor)."""
        from articles.parsing.search import find_all  # not needed for the first paint

        spans = tuple(Span(s, e, "match") for s, e in find_all(self.article.text, query))
        found = Occurrences("search", query, f"“{one_line(query)}”", spans)
        start = self.cursor[0] if self.cursor is not None else top
        return replace(self, query=query, walk=None, occurrences=found.first_from(start))

    def step(self, delta: int) -> ArticleState:
        """The next (`delta` 1) or previous (-1) occurrence current, wrapping: after the
        current one while the cursor is on it, else from the cursor (the first at or after
        it, the last before it)."""
        occ = self.occurrences
        if occ is None:
            return self
        current, cursor = occ.current, self.cursor
        if cursor is None or current is None or (current.start, current.end) == cursor:
            return replace(self, occurrences=occ.step(delta))
        ahead = occ.first_from(cursor[0])  # wraps to the first when none is ahead
        return replace(self, occurrences=ahead if delta > 0 else ahead.step(-1))

    @property
    def walking(self) -> bool:
        """Whether `n`/`N` follow the library walk (its person or document is the one marked)."""
        walk, occ = self.walk, self.occurrences
        return walk is not None and occ is not None and occ.key == walk.key

    def follow_walk(self, walk: LibraryWalk) -> ArticleState:
        """The walked person's or document's mentions (or the search's hits) in this article
        marked, the walk's current one current (the nearest one when the file changed since
        it was indexed)."""
        target = walk.current
        spans: Sequence[Mention | Span]
        if walk.kind == "search":
            from articles.parsing.search import find_all

            spans = tuple(Span(s, e, "match") for s, e in find_all(self.article.text, walk.key,
                                                                   whole_words=True))
        elif walk.kind == "person":
            name_key = walk.key.split("#", 1)[0]  # "<name>#<place>" (articles.who_is_who)
            person = next((p for p in self.article.people if p.key == name_key), None)
            spans = person.mentions if person is not None else ()
        else:
            from articles.library.entry import normalise_code

            code = normalise_code(walk.label)
            doc = next((d for d in self.article.documents if normalise_code(d.code) == code),
                       None)
            spans = doc.mentions if doc is not None else ()
        local = Occurrences.of_mentions(walk.kind, walk.key, walk.label, spans)
        index = local.index_of(target.start)
        if index is None:
            local = local.first_from(target.start)
            index = local.index
        return replace(self, walk=walk, occurrences=local.at(index) if local.spans else local)

    def step_walk(self, delta: int) -> tuple[ArticleState, bool]:
        """The library walk stepped by one mention: (the new state, whether that mention is
        in this article, and so marked here; else the screen opens its article)."""
        from reader.walk import same_file

        assert self.walk is not None
        walk = self.walk.step(delta)
        here = same_file(walk.current.path, self.article.path) and (
            self.article.id == walk.current.article_id)
        return (self.follow_walk(walk), True) if here else (replace(self, walk=walk), False)

    def cleared(self) -> ArticleState:
        """Nothing chosen any more: no marks of mentions or matches, no walk."""
        return replace(self, occurrences=None, walk=None)

    # --- the Notes tab's filter -----------------------------------------------------------

    def filter_counts(self, kind: FilterKind) -> list[tuple[str, int]]:
        """Every tag (or colour) the notes have, with how many have it, in the order offered."""
        if kind == "tag":
            return tag_counts(self.notes.anchored)
        if kind == "color":
            return color_counts(self.notes.anchored)
        return []

    def filtering(self, kind: FilterKind, value: str | None = None) -> ArticleState:
        """The Notes tab listing the notes of tag (or colour) `value` (None: of any), the
        other half of the filter kept; or (`clear`) every note again."""
        if kind == "clear":
            wanted = NoteFilter()
        elif kind == "tag":
            wanted = replace(self.note_filter, tag=value)
        else:
            wanted = replace(self.note_filter, color=value)
        return replace(self, note_filter=wanted.without_missing(self.notes.anchored))

    def filter_status(self) -> str:
        """What the status line says of the filter: "Notes: #land · green", "Notes: all"."""
        note_filter = self.note_filter
        return "Notes: " + note_filter.describe() if note_filter.active else "Notes: all"

    def notes_tab(self) -> NotesTab:
        """What the Notes tab lists under the filter, and its label."""
        anchored = self.notes.anchored
        count = len(anchored)
        note_filter = self.note_filter
        if not note_filter.active:
            orphans = sum(1 for a in anchored if a.status == "orphan")
            return NotesTab(anchored, None, f"Notes {count}" + (
                f" ({orphans} unanchored)" if orphans else ""))
        shown = note_filter.apply(anchored)
        return NotesTab(shown, "No note matches the filter: x shows them all.",
                        f"Notes {len(shown)} of {count} · {one_line(note_filter.describe())}")

    # --- what is where --------------------------------------------------------------------

    def note_at_cursor(self) -> Anchored | None:
        """The highlight at the reading cursor (the shortest, where several cover it)."""
        cursor = self.cursor
        if cursor is None:
            return None
        found = self.notes.at(cursor[0])
        if found is None and cursor[1] > cursor[0]:
            found = self.notes.at(cursor[1] - 1)
        return found

    def target(self) -> Range | None:
        """What a highlight, a note or a copy would cover: the selection, else the cursor's
        sentence, without white space at either end (None when that leaves nothing)."""
        span = self.selection or self.cursor
        if span is None:
            return None
        start, end = trimmed(self.article.text, *span)
        return (start, end) if end > start else None

    def status(self) -> str:
        """What the status line says about the current occurrence: "Thong 3/10 (by title)"."""
        occ = self.occurrences
        if occ is None:
            return ""
        span = occ.current
        kind = span.kind if span is not None else ""
        return occ.status() + {"role": " (by title)",
                               "reference": " (short reference)"}.get(kind, "")

    def marks(self) -> Marks:
        """What the view must draw: highlights in their colours, the chosen mentions or
        matches, the current one, and where notes start."""
        decorations: list[Decoration] = []
        notes: list[int] = []
        for item in self.notes.anchored:
            span = placed_span(item)
            if span is None:
                continue
            decorations.append(Decoration(*span, f"highlight--{item.annotation.color}"))
            if item.annotation.note:
                notes.append(span[0])
        occ = self.occurrences
        if occ is not None:
            for mention in occ.spans:
                style = "article--role-mention" if mention.kind in ("role", "reference") else (
                    "article--search" if occ.kind == "search" else "article--mention")
                decorations.append(Decoration(mention.start, mention.end, style))
            current = occ.current
            if current is not None:
                decorations.append(Decoration(current.start, current.end, "article--current"))
        return Marks(tuple(decorations), tuple(notes))
