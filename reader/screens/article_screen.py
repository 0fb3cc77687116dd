"""The article screen: header, outline, the text, and a sidebar of people, documents and notes.
It wires the widgets together; what an article holds comes from `articles`, notes from
`annotations`."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static

from annotations.note_filter import NoteFilter
from articles import Article
from reader.safe_text import one_line
from reader.screens.panels import PanelScreen
from reader.screens.search_typeahead import SearchTypeahead
from reader.widgets.article_view import ArticleView, Decoration
from reader.widgets.header import ArticleHeader
from reader.widgets.notes_list import NotesList, placed, snippet
from reader.widgets.status import StatusLine

if TYPE_CHECKING:
    from collections.abc import Callable

    from annotations.anchoring import Anchored
    from annotations.store import Store
    from articles.model import Mention
    from reader.occurrences import Occurrences
    from reader.screens.note_actions import NoteActions
    from reader.session import Session
    from reader.walk import LibraryWalk
    from reader.widgets.outline import Outline


class ArticleScreen(PanelScreen):
    """Read one article: sections, people, documents, highlights and notes."""

    BINDINGS = [
        Binding("n", "next_occurrence", "Next", tooltip="Next mention or search hit"),
        Binding("N", "previous_occurrence", "Prev", show=False,
                tooltip="Previous mention or search hit"),
        Binding("slash", "search", "Search"),
        Binding("h", "highlight", "Highlight"),
        Binding("H", "highlight_with_color", "Colour…", show=False),
        Binding("a", "annotate", "Note"),
        Binding("d", "delete_highlight", "Delete", show=False),
        Binding("u", "undo", "Undo", show=False,
                tooltip="Undo the last change to highlights and notes"),
        Binding("ctrl+r", "retry_saves", "Save again", tooltip="Save the changes that failed"),
        Binding("y", "copy_passage", "Copy", tooltip="Copy the selection or the sentence"),
        Binding("Y", "copy_citation", "Copy as citation", show=False),
        Binding("ctrl+c", "copy_selection", "Copy the selection", show=False),
        Binding("1", "show_tab('people')", "People", show=False),
        Binding("2", "show_tab('documents')", "Documents", show=False),
        Binding("3", "show_tab('notes')", "Notes", show=False),
        Binding("o", "focus_outline", "Outline", show=False),
        Binding("t", "focus_text", "Text", show=False),
        Binding("escape", "clear", "Clear marks / back", show=False),
        Binding("question_mark", "help", "Help"),
    ]

    HELP = "Keys: ? shows them all. ctrl+p finds people, documents, sections and notes."

    def __init__(self, article: Article, session: Session, *, walk: LibraryWalk | None = None,
                 start_at: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.article = article
        self.walk = walk
        self.start_at = start_at
        self.anchored: list[Anchored] = []
        self.occurrences: Occurrences | None = None
        self._search_query = ""
        self.reading_offset = 0
        self._pending_tab: str | None = None
        self._pending_search = False
        self._typeahead = SearchTypeahead()
        self._leaving = False
        self._notes: NoteActions | None = None
        self.note_filter = NoteFilter()
        self._start_position = 0

    # --- composition ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The first frame holds only what the reader sees at once: header, text, status. The
        # outline, search field, footer and sidebar are mounted just after it is painted, into
        # places of their final size, so nothing moves when they come.
        self.compose_panels()
        yield ArticleHeader(self.article, id="article-header")
        with Horizontal(id="body"):
            yield Vertical(id="outline-pane")
            yield ArticleView(self.article, id="article")
            with Vertical(id="sidebar-slot"):
                yield Static(Text("Finding people and documents…", style="dim"),
                             id="sidebar-wait", markup=False)
        yield StatusLine(id="status")
        yield Static(id="footer-slot")

    @property
    def view(self) -> ArticleView:
        """The article text widget."""
        return self.query_one("#article", ArticleView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one("#status", StatusLine)

    def on_mount(self) -> None:
        self.status.color = self.session.highlight_color
        position = self.start_at
        if position is None and self.walk is not None:
            position = self.walk.current.start
        if position is None:
            position = self.session.saved_position(self.article)
        if position:
            # a mention, hit or note opened from the library shows a third down the screen,
            # in context (as `n` does within an article); a reading position at the top
            in_context = self.start_at is not None or self.walk is not None
            self.view.scroll_to_offset(position, top=not in_context)
        self._start_position = position or 0
        self.view.focus()
        self.status.message = "? keys · 1 2 3 sidebar tabs · [ ] panels · ctrl+p find"
        if self.walk is not None and self.article.entities_found:
            self._follow_walk(self.walk)
        # The text is painted first; marks, notes and the sidebar follow a moment later.
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        from textual.widgets import Footer

        from reader.widgets.outline import Outline

        if self.view.cursor is None:  # one reading position: the cursor, shown from the start
            self.view.place_cursor(self._start_position, scroll=False)
        self.reload_annotations()
        if self.article.entities_found:
            await self._mount_sidebar()
        else:
            self.run_worker(self._find_entities, thread=True, exclusive=True, group="entities")
        await self.query_one("#outline-pane", Vertical).mount(
            Outline(self.article, at=self.reading_offset, id="outline"))
        await self.mount(Input(placeholder="Search (diacritics and case ignored); enter to "
                               "jump, escape to close", id="search", select_on_focus=False),
                         before="#status")
        if self._pending_search:
            self._pending_search = False
            self.action_search()
        await self.query_one("#footer-slot", Static).remove()
        await self.mount(Footer())
        self.apply_panels()
        self.refresh_bindings()  # the footer fills itself when the bindings change

    def _find_entities(self) -> None:
        from articles import find_entities

        article = find_entities(self.article)
        self.app.call_from_thread(self._entities_found, article)
        cache = self.session.article_cache
        if cache is not None:
            cache.put(article)  # the next opening needs no parsing

    def _entities_found(self, article: Article) -> None:
        self.article = article
        self.view.article = article
        self.call_later(self._mount_sidebar)

    async def _mount_sidebar(self) -> None:
        from reader.widgets.sidebar import Sidebar

        slot = self.query_one("#sidebar-slot", Vertical)
        await slot.remove_children()
        await slot.mount(Sidebar(self.article, id="sidebar-panel"))
        self._sidebar_mounted()

    def _sidebar_mounted(self) -> None:
        if not self.sidebar_ready:  # its tabs are still being composed
            self.call_after_refresh(self._sidebar_mounted)
            return
        self.show_annotations(self.anchored)
        if self.walk is not None and self.occurrences is None:
            self._follow_walk(self.walk)
        if self._pending_tab is not None:
            tab, self._pending_tab = self._pending_tab, None
            self.action_show_tab(tab)

    @property
    def sidebar_ready(self) -> bool:
        """Whether the People, Documents and Notes tabs are mounted."""
        return bool(self.query("#notes-list"))

    @property
    def outline(self) -> Outline | None:
        """The outline of sections (None until mounted, just after the first paint)."""
        from reader.widgets.outline import Outline

        found = self.query("#outline")
        return found.first(Outline) if found else None

    @property
    def complete(self) -> bool:
        """Whether everything is mounted: outline, search field, footer and sidebar."""
        return self.sidebar_ready and self.outline is not None and bool(self.query("#search"))

    def on_unmount(self) -> None:
        self.save_position()

    def save_position(self) -> None:
        """Remember where the reader is in this article."""
        self.session.save_position(self.article, self.reading_offset)

    # --- annotations ----------------------------------------------------------------------

    def reload_annotations(self) -> None:
        """Anchor this article's annotations from the store and show them."""
        from annotations.anchoring import anchor_all

        annotations = self.session.annotations_for(self.article)
        if self._notes is not None:  # changes not on disk yet stay on screen
            annotations = self._notes.saver.pending.overlay(annotations)
        self.show_annotations(anchor_all(self.article.text, annotations))

    def notes_reader(self) -> Callable[[Store], list[Anchored]]:
        """Read this article's notes again and anchor them (on the background thread)."""
        from annotations.anchoring import anchor_all

        article = self.article
        return lambda store: anchor_all(article.text, store.for_article(article))

    def notes_read(self, anchored: list[Anchored]) -> None:
        """Show the notes read again after a change made elsewhere."""
        self.notes.saver.show_stored(anchored)

    def show_annotations(self, anchored: list[Anchored]) -> None:
        """Show anchored annotations in the text and in the Notes tab."""
        self.anchored = anchored
        if self.sidebar_ready:
            from reader.screens.note_filtering import filtered

            states = self._notes.saver.pending.states() if self._notes is not None else {}
            shown, empty, label = filtered(self, anchored)
            self.query_one("#notes-list", NotesList).show(self.article, shown, states, empty)
            from textual.widgets import TabbedContent

            self.query_one(TabbedContent).get_tab("notes").label = label
        self.refresh_marks()

    def on_notes_list_filter_asked(self, message: NotesList.FilterAsked) -> None:
        """`t`, `c` or `x` in the Notes tab: filter by tag or colour, or show all."""
        from reader.screens.note_filtering import ask_filter

        ask_filter(self, message.kind)

    def _annotation_at(self, offset: int) -> Anchored | None:
        """The shortest highlight covering `offset`."""
        best: tuple[int, Anchored] | None = None
        for item in self.anchored:
            span = placed(item)
            if span is not None and span[0] <= offset < span[1] and (
                best is None or span[1] - span[0] < best[0]
            ):
                best = (span[1] - span[0], item)
        return best[1] if best else None

    def cursor_annotation(self) -> Anchored | None:
        """The highlight at the reading cursor (the shortest, where several cover it)."""
        cursor = self.view.cursor
        if cursor is None:
            return None
        found = self._annotation_at(cursor[0])
        if found is None and cursor[1] > cursor[0]:
            found = self._annotation_at(cursor[1] - 1)
        return found

    # --- marks in the text ----------------------------------------------------------------

    def refresh_marks(self) -> None:
        """Recompute what the text view marks: highlights, chosen mentions, search hits."""
        decorations: list[Decoration] = []
        notes: list[int] = []
        for item in self.anchored:
            span = placed(item)
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
        self.view.set_decorations(decorations, notes)

    def _choose(self, occurrences: Occurrences, index: int | None = None) -> None:
        self.occurrences = occurrences.at(index or 0)
        self.refresh_marks()
        self._go_to_current()

    def _go_to_current(self) -> None:
        occ = self.occurrences
        if occ is None:
            return
        span = occ.current
        if span is not None:
            self.view.set_cursor((span.start, span.end))  # first, so the scroll keeps it
            self.view.scroll_to_offset(span.start)
        self.status.message = occ.status() + (
            " (by title)" if span is not None and span.kind == "role" else ""
        ) + (" (short reference)" if span is not None and span.kind == "reference" else "")

    def _follow_walk(self, walk: LibraryWalk) -> None:
        """Mark the walked person's or document's mentions (or the search's hits) here and
        go to the current one."""
        from reader.occurrences import Occurrences, Span

        target = walk.current
        spans: tuple[Mention, ...] | tuple[Span, ...]
        if walk.kind == "search":
            from articles.search import find_all

            spans = tuple(Span(s, e, "match") for s, e in find_all(self.article.text, walk.key,
                                                                   whole_words=True))
        elif walk.kind == "person":
            name_key = walk.key.split("#", 1)[0]  # "<name>#<place>" (articles.who_is_who)
            found = next((i for i, p in enumerate(self.article.people) if p.key == name_key),
                         None)
            spans = self.article.people[found].mentions if found is not None else ()
        else:
            from articles.library_entry import normalise_code

            code = normalise_code(walk.label)
            found = next((i for i, d in enumerate(self.article.documents)
                          if normalise_code(d.code) == code), None)
            spans = self.article.documents[found].mentions if found is not None else ()
        local = Occurrences.of_mentions(walk.kind, walk.key, walk.label, spans)
        index = local.index_of(target.start)
        if index is None:
            # The file changed since it was indexed: go to the nearest mention, if any.
            local = local.first_from(target.start)
            index = local.index
        self.occurrences = local.at(index) if local.spans else local
        self.refresh_marks()
        self._go_to_current()
        span = self.occurrences.current
        self.status.message = walk.status() + (  # as within an article
            " (by title)" if span is not None and span.kind == "role" else "")

    def _step_walk(self, delta: int) -> bool:
        """Follow the library walk by one mention; True if it applied."""
        walk, occ = self.walk, self.occurrences
        if walk is None or occ is None or occ.key != walk.key:
            return False
        if self._leaving:
            return True  # already on the way to another article
        from reader.walk import same_file

        nxt = walk.step(delta)
        self.walk = nxt
        if same_file(nxt.current.path, self.article.path) and self.article.id == (
            nxt.current.article_id
        ):
            self._follow_walk(nxt)
        else:
            article = self.session.load(nxt.current.path)
            if article is not None:
                self._leaving = True
                self.app.switch_screen(ArticleScreen(article, self.session, walk=nxt))
        return True

    def choose_person(self, index: int, mention: int | None = None) -> None:
        """Mark every mention of the person and go to the first (or to `mention`)."""
        from reader.occurrences import Occurrences

        self.walk = None
        person = self.article.people[index]
        self._choose(Occurrences.of_mentions("person", person.key, person.name,
                                             person.mentions), mention)
        self.view.focus()

    def choose_document(self, index: int, mention: int | None = None) -> None:
        """Mark every mention of the document and go to the first (or to `mention`)."""
        from reader.occurrences import Occurrences

        self.walk = None
        doc = self.article.documents[index]
        self._choose(Occurrences.of_mentions("document", doc.key, doc.code, doc.mentions),
                     mention)
        self.view.focus()

    def search(self, query: str) -> None:
        """Mark every match of `query` and go to the first one after the reading position."""
        from articles.search import find_all
        from reader.occurrences import Occurrences, Span

        self._search_query = query
        spans = tuple(Span(s, e, "match") for s, e in find_all(self.article.text, query))
        occ = Occurrences("search", query, f"“{one_line(query)}”", spans)
        start = self.view.cursor[0] if self.view.cursor else self.view.top_offset()
        self.walk = None
        self.occurrences = occ.first_from(start)
        self.refresh_marks()
        self._go_to_current()

    def jump_to_section(self, index: int) -> None:
        """Scroll so the section's heading is at the top."""
        section = self.article.sections[index]
        self.view.place_cursor(section.blocks[0].start if section.blocks else section.start,
                               scroll=False)
        self.view.scroll_to_offset(section.start, top=True)
        self.view.focus()

    def jump_to_annotation(self, annotation_id: str) -> None:
        """Go to an annotation in the text; an orphan offers re-attaching or deleting."""
        item = next((i for i in self.anchored if i.annotation.id == annotation_id), None)
        if item is None:
            return
        span = placed(item)
        if span is None:
            self.notes.orphan_dialog(item)
            return
        self.view.set_cursor(span)
        self.view.scroll_to_offset(span[0])
        self.view.focus()
        note = item.annotation.note
        self.status.message = (f"Note: {snippet(note, 60)}" if note
                               else f"Highlight: {snippet(item.annotation.target.exact, 60)}")

    # --- reacting to widgets --------------------------------------------------------------

    @on(OptionList.OptionSelected, "#outline")
    def _outline_chosen(self, event: OptionList.OptionSelected) -> None:
        self.jump_to_section(event.option_index)

    @on(OptionList.OptionSelected, "#people-list")
    def _person_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose_person(int(event.option.id.split("-")[1]))

    @on(OptionList.OptionSelected, "#documents-list")
    def _document_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.choose_document(int(event.option.id.split("-")[1]))

    @on(OptionList.OptionSelected, "#notes-list")
    def _note_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.jump_to_annotation(event.option.id)

    def on_article_view_reading_position(self, event: ArticleView.ReadingPosition) -> None:
        self.reading_offset = event.offset
        outline = self.outline
        if outline is not None:
            outline.follow(event.offset)
        self.status.progress = event.percent

    def on_article_view_offset_clicked(self, event: ArticleView.OffsetClicked) -> None:
        offset = event.offset
        for i, person in enumerate(self.article.people):
            for j, m in enumerate(person.mentions):
                if m.start <= offset < m.end:
                    self.choose_person(i, j)
                    return
        for i, doc in enumerate(self.article.documents):
            for j, m in enumerate(doc.mentions):
                if m.start <= offset < m.end:
                    self.choose_document(i, j)
                    return

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.refresh_bindings()

    # --- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Every key stays enabled (n, N and d say why they did nothing), but the retry of
        failed saves, shown only when there are some."""
        if action == "retry_saves":
            return self._notes is not None and bool(self._notes.saver.pending.failed())
        return True

    def action_next_occurrence(self) -> None:
        """Go to the next mention or search hit, wrapping at the end."""
        self._step_occurrence(1)

    def action_previous_occurrence(self) -> None:
        """Go to the previous mention or search hit, wrapping at the start."""
        self._step_occurrence(-1)

    def _step_occurrence(self, delta: int) -> None:
        if self.occurrences is None:
            self.status.message = "Choose a person or a document, or search with /"
            return
        if self._step_walk(delta):
            return
        self.occurrences = self._from_cursor(self.occurrences, delta)
        self.refresh_marks()
        self._go_to_current()

    def _from_cursor(self, occ: Occurrences, delta: int) -> Occurrences:
        """The next (`delta` 1) or previous occurrence: after the current one while the cursor
        is on it, else from the cursor (the first at or after it, the last before it)."""
        cursor = self.view.cursor
        current = occ.current
        if cursor is None or current is None or (current.start, current.end) == cursor:
            return occ.step(delta)
        ahead = occ.first_from(cursor[0])  # wraps to the first when none is ahead
        return ahead if delta > 0 else ahead.step(-1)

    def action_search(self) -> None:
        """Open the search field."""
        if not self.query("#search"):
            self._pending_search = True  # opened as soon as it is mounted, a moment from now
            self._typeahead.wait()
            return
        field = self.query_one("#search", Input)
        field.value = self._search_query
        field.add_class("open")
        self.add_class("-searching")
        self._typeahead.open(field)
        field.focus()

    def on_key(self, event: events.Key) -> None:
        """`/` opens the search here, as the key reaches the screen, not later as a binding:
        the keys typed after it reach the screen after it, in order, and go into the field
        until it has the focus (instead of `n` stepping, `h` highlighting)."""
        found = self.query("#search")
        field = found.first(Input) if found else None
        if event.key == "slash" and not self._typeahead.active:
            self.action_search()
        elif not self._typeahead.take(event, field):
            return
        event.stop()
        event.prevent_default()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._typeahead.close()
        field = event.input
        field.remove_class("open")
        self.remove_class("-searching")
        if event.value.strip():
            self.search(event.value)
        self.view.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if len(event.value.strip()) >= 2:
            from articles.search import find_all

            spans = find_all(self.article.text, event.value, limit=10_000)
            self.status.message = f"“{one_line(event.value)}”: {len(spans)} matches"

    def action_clear(self) -> None:
        """Close the search field, drop the selection and the marks of what was chosen."""
        self._typeahead.close()
        fields = self.query("#search")
        field = fields.first(Input) if fields else None
        if field is not None and field.has_class("open"):
            field.remove_class("open")
            self.remove_class("-searching")
            self.view.focus()
            return
        if self.view.selected_range() is not None:
            self.view.clear_selection()
            return
        from_library = len(self.app.screen_stack) > 2
        if from_library and (self.occurrences is None or self.walk is not None):
            self.app.pop_screen()  # back to the library (where the walk was started)
            return
        self.occurrences = None
        self.walk = None
        self.status.message = ""
        self.refresh_marks()
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        """Show a sidebar tab and move to its list."""
        if not self.sidebar_ready:
            self._pending_tab = tab  # shown as soon as the sidebar is there
            self.status.message = "Finding people and documents…"
            return
        from textual.widgets import TabbedContent

        self._show_panel(sidebar=True)
        self.query_one(TabbedContent).active = tab
        options = self.query_one(f"#{tab}-list", OptionList)
        options.focus()
        if options.highlighted is None and options.option_count:
            options.action_first()

    def action_focus_outline(self) -> None:
        """Move to the outline."""
        outline = self.outline
        if outline is not None:
            self._show_panel(outline=True)
            outline.focus()

    def _show_panel(self, *, outline: bool = False, sidebar: bool = False) -> None:
        """Un-hide the outline or the sidebar (as `[` and `]` do) before moving into it, so
        the focus never goes to a panel that is not on the screen."""
        shown_outline, shown_sidebar = self.panels.shown(self.size.width)
        if (outline and not shown_outline) or (sidebar and not shown_sidebar):
            from dataclasses import replace

            wanted = {"outline": True} if outline else {"sidebar": True}
            self.panels = replace(self.panels, **wanted)
            self.apply_panels()

    def action_focus_text(self) -> None:
        """Move to the article text."""
        self.view.focus()

    def help_groups(self) -> list[tuple[str, list[BindingType]]]:
        """Every binding, by where it works, for the help screen."""
        return [
            ("Reading", list(ArticleView.BINDINGS)),
            ("Article", list(type(self).BINDINGS)),
            ("Panels", list(PanelScreen.BINDINGS)),
            # The footer's short "Palette" is spelt out here, once.
            ("Everywhere", [replace(b, description="Command palette")
                            if isinstance(b, Binding) and b.key == "ctrl+p" else b
                            for b in self.app.BINDINGS]),
        ]

    def action_help(self) -> None:
        """Show every key."""
        from reader.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_groups()))

    @property
    def notes(self) -> NoteActions:
        """Highlighting and annotating (made on first use)."""
        if self._notes is None:
            from reader.screens.note_actions import NoteActions

            self._notes = NoteActions(self)
        return self._notes

    def action_highlight(self) -> None:
        """Highlight the selection (or the sentence at the cursor) in the last-used colour."""
        self.notes.highlight(self.session.highlight_color)

    def action_highlight_with_color(self) -> None:
        """Pick a colour, then highlight the selection with it."""
        self.notes.highlight_with_color()

    def action_annotate(self) -> None:
        """Add or edit the note on the highlight at the cursor, or on the selection."""
        self.notes.annotate()

    def action_copy_passage(self) -> None:
        """Copy the selection, or the sentence at the cursor, to the clipboard."""
        from reader.screens.copying import copy_passage

        copy_passage(self)

    def action_copy_citation(self) -> None:
        """Copy the selection, or the sentence at the cursor, as a citation."""
        from reader.screens.copying import copy_passage

        copy_passage(self, cite=True)

    def action_copy_selection(self) -> None:
        """ctrl+c: copy the selection when there is one, else offer to quit as everywhere."""
        if self.view.selected_range() is not None:
            self.action_copy_passage()
        else:
            self.app.action_help_quit()

    def action_delete_highlight(self) -> None:
        """Delete the highlight at the cursor (after confirmation)."""
        self.notes.delete_highlight()

    def action_undo(self) -> None:
        """Undo the last change to highlights and notes (several steps deep)."""
        self.notes.saver.undo()

    def action_retry_saves(self) -> None:
        """Save again the changes that could not be saved."""
        self.notes.saver.retry()
