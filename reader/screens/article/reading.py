"""The reading half of the article screen: header, outline, the text, and a sidebar of people,
documents and notes. It routes what the widgets say (a person, a document, a section or a note
chosen, a click, the cursor moved) to its state (`state.py`), and what the state then holds
back to the widgets: the marks in the text, the cursor, the status line, the Notes tab. The
keys and what they do are the article screen's (`screen.py`), built on this."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static

from articles import Article
from reader.render.text import shorten
from reader.screens.article.state import ArticleState
from reader.screens.panels import PanelScreen
from reader.widgets.article_view import ArticleView
from reader.widgets.header import ArticleHeader
from reader.widgets.status import StatusLine

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from reader.occurrences import Occurrences
    from reader.screens.article.note_actions import NoteActions
    from reader.screens.article.state import FilterKind
    from reader.session import Session
    from reader.walk import LibraryWalk
    from reader.widgets.entities import DocumentsList, PeopleList
    from reader.widgets.notes_list import NotesList
    from reader.widgets.outline import Outline
    from reader.widgets.sidebar import Sidebar


class ArticleReading(PanelScreen):
    """One article read: its state, and the widgets that show it."""

    def __init__(self, article: Article, session: Session, *, walk: LibraryWalk | None = None,
                 start_at: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.state = ArticleState.opened(article, walk)
        self.start_at = start_at
        self.reading_offset = 0
        self.sidebar: Sidebar | None = None
        """The sidebar, once it has said it is ready (None before)."""
        self._pending_tab: str | None = None
        self._leaving = False
        self._start_position = 0
        self._notes: NoteActions | None = None

    # --- what the state holds, for the widgets and the palette -----------------------------

    @property
    def article(self) -> Article:
        """The article on screen."""
        return self.state.article

    @property
    def anchored(self) -> list[Anchored]:
        """This article's annotations as placed in its text (orphans included)."""
        return self.state.notes.anchored

    @property
    def occurrences(self) -> Occurrences | None:
        """What `n`/`N` step through now."""
        return self.state.occurrences

    @property
    def walk(self) -> LibraryWalk | None:
        """The walk across the library this screen follows."""
        return self.state.walk

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
        self.call_after_refresh(self.after_first_paint)

    async def after_first_paint(self) -> None:
        from textual.widgets import Footer

        from reader.widgets.outline import Outline
        from reader.widgets.search_field import SearchField

        if self.view.cursor is None:  # one reading position: the cursor, shown from the start
            self.view.place_cursor(self._start_position, scroll=False)
        self.reload_annotations()
        if self.article.entities_found:
            await self._mount_sidebar()
        else:
            self.run_worker(self._find_entities, thread=True, exclusive=True, group="entities")
        await self.query_one("#outline-pane", Vertical).mount(
            Outline(self.article, at=self.reading_offset, id="outline"))
        await self.mount(SearchField(id="search"), before="#status")
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
        self.state = self.state.with_article(article)
        self.view.article = article
        self.call_later(self._mount_sidebar)

    async def _mount_sidebar(self) -> None:
        from reader.widgets.sidebar import Sidebar

        slot = self.query_one("#sidebar-slot", Vertical)
        await slot.remove_children()
        await slot.mount(Sidebar(self.article, id="sidebar-panel"))

    def on_sidebar_ready(self, message: Sidebar.Ready) -> None:
        self.sidebar = message.sidebar
        self.show_annotations(self.anchored)
        if self.walk is not None and self.occurrences is None:
            self._follow_walk(self.walk)
        if self._pending_tab is not None:
            tab, self._pending_tab = self._pending_tab, None
            self.action_show_tab(tab)

    @property
    def outline(self) -> Outline | None:
        """The outline of sections (None until mounted, just after the first paint)."""
        from reader.widgets.outline import Outline

        found = self.query("#outline")
        return found.first(Outline) if found else None

    @property
    def complete(self) -> bool:
        """Whether everything is mounted: outline, search field, footer and sidebar."""
        return self.sidebar is not None and self.outline is not None and bool(self.query("#search"))

    @property
    def notes(self) -> NoteActions:
        """Highlighting and annotating (made on first use)."""
        if self._notes is None:
            from reader.screens.article.note_actions import NoteActions

            self._notes = NoteActions(self)
        return self._notes

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

    def show_annotations(self, anchored: list[Anchored]) -> None:
        """Show anchored annotations in the text and in the Notes tab."""
        self.show_state(self.state.with_notes(anchored))

    def show_state(self, state: ArticleState) -> None:
        """Take `state`'s notes: in the text and in the Notes tab."""
        self.state = state
        if self.sidebar is not None:
            states = self._notes.saver.pending.states() if self._notes is not None else {}
            tab = state.notes_tab()
            self.sidebar.notes.show(self.article, tab.shown, states, tab.empty)
            self.sidebar.tabs.get_tab("notes").label = tab.label
        self.refresh_marks()

    def filter_notes(self, kind: FilterKind, value: str | None = None) -> None:
        """The Notes tab filtered by tag or colour `value` (None: any), or (`clear`) whole."""
        self.show_state(self.state.filtering(kind, value))
        self.status.message = self.state.filter_status()

    def refresh_marks(self) -> None:
        """Draw what the state marks: highlights, chosen mentions, search hits."""
        marks = self.state.marks()
        self.view.set_decorations(marks.decorations, marks.notes)

    def action_show_tab(self, tab: str) -> None:
        """Show a sidebar tab and move to its list."""
        if self.sidebar is None:
            self._pending_tab = tab  # shown as soon as the sidebar is there
            self.status.message = "Finding people and documents…"
            return
        self._show_panel(sidebar=True)
        self.sidebar.tabs.active = tab
        options = self.sidebar.query_one(f"#{tab}-list", OptionList)
        options.focus()
        if options.highlighted is None and options.option_count:
            options.action_first()

    def _show_panel(self, *, outline: bool = False, sidebar: bool = False) -> None:
        """Un-hide the outline or the sidebar (as `[` and `]` do) before moving into it, so
        the focus never goes to a panel that is not on the screen."""
        shown_outline, shown_sidebar = self.panels.shown(self.size.width)
        if (outline and not shown_outline) or (sidebar and not shown_sidebar):
            wanted = {"outline": True} if outline else {"sidebar": True}
            self.panels = replace(self.panels, **wanted)
            self.apply_panels()

    # --- choosing, searching, walking -----------------------------------------------------

    def sync_cursor(self) -> ArticleState:
        """The state with the view's cursor and selection as they are now."""
        self.state = self.state.at(self.view.cursor, self.view.selected_range())
        return self.state

    def go(self, state: ArticleState) -> None:
        """Take `state`: mark its occurrences and go to the current one."""
        self.state = state
        self.refresh_marks()
        occ = state.occurrences
        span = occ.current if occ is not None else None
        if span is not None:
            self.view.move_cursor((span.start, span.end), scroll="third")
        if occ is not None:
            self.status.message = state.status()

    def choose_person(self, index: int, mention: int | None = None) -> None:
        """Mark every mention of the person and go to the first (or to `mention`)."""
        self.go(self.state.choose_person(index, mention))
        self.view.focus()

    def choose_document(self, index: int, mention: int | None = None) -> None:
        """Mark every mention of the document and go to the first (or to `mention`)."""
        self.go(self.state.choose_document(index, mention))
        self.view.focus()

    def search(self, query: str) -> None:
        """Mark every match of `query` and go to the first one after the reading position."""
        self.go(self.sync_cursor().search(query, self.view.top_offset()))

    def step(self, delta: int) -> None:
        """Go to the next (`delta` 1) or previous (-1) occurrence, or mention of the walk."""
        state = self.sync_cursor()
        if state.occurrences is None:
            self.status.message = "Choose a person or a document, or search with /"
        elif not state.walking:
            self.go(state.step(delta))
        elif not self._leaving:  # else already on the way to another article
            state, here = state.step_walk(delta)
            if here:
                self._show_walk(state)
            else:
                self.state = state
                self._open_walk(state)

    def _follow_walk(self, walk: LibraryWalk) -> None:
        """Mark the walked person's or document's mentions here and go to the current one."""
        self._show_walk(self.state.follow_walk(walk))

    def _show_walk(self, state: ArticleState) -> None:
        self.go(state)
        if state.walk is not None:
            span = state.occurrences.current if state.occurrences is not None else None
            self.status.message = state.walk.status() + (  # as within an article
                " (by title)" if span is not None and span.kind == "role" else "")

    def _open_walk(self, state: ArticleState) -> None:
        """Open the article of the walk's current mention in place of this one."""
        assert state.walk is not None
        article = self.session.load(state.walk.current.path)
        if article is not None:
            self._leaving = True
            self.app.switch_screen(type(self)(article, self.session, walk=state.walk))

    def clear_marks(self) -> None:
        """Drop the marks of what was chosen, and the walk."""
        self.state = self.state.cleared()
        self.status.message = ""
        self.refresh_marks()
        self.refresh_bindings()

    def jump_to_section(self, index: int) -> None:
        """Scroll so the section's heading is at the top."""
        section = self.article.sections[index]
        self.view.place_cursor(section.blocks[0].start if section.blocks else section.start,
                               scroll=False)
        self.view.scroll_to_offset(section.start, top=True)
        self.view.focus()

    def jump_to_annotation(self, annotation_id: str) -> None:
        """Go to an annotation in the text; an orphan offers re-attaching or deleting."""
        item = self.state.notes.get(annotation_id)
        if item is None:
            return
        if item.start is None or item.end is None or item.status == "orphan":
            self.notes.orphan_dialog(item)
            return
        self.view.move_cursor((item.start, item.end), scroll="third")
        self.view.focus()
        note = item.annotation.note
        self.status.message = (f"Note: {shorten(note, 60)}" if note
                               else f"Highlight: {shorten(item.annotation.target.exact, 60)}")

    # --- what the widgets say -------------------------------------------------------------

    def on_outline_section_chosen(self, message: Outline.SectionChosen) -> None:
        self.jump_to_section(message.index)

    def on_people_list_person_chosen(self, message: PeopleList.PersonChosen) -> None:
        index = next((i for i, p in enumerate(self.article.people) if p.key == message.key),
                     None)
        if index is not None:
            self.choose_person(index)

    def on_documents_list_document_chosen(self, message: DocumentsList.DocumentChosen
                                          ) -> None:
        index = next((i for i, d in enumerate(self.article.documents)
                      if d.key == message.key), None)
        if index is not None:
            self.choose_document(index)

    def on_notes_list_note_chosen(self, message: NotesList.NoteChosen) -> None:
        self.jump_to_annotation(message.annotation_id)

    def on_notes_list_filter_asked(self, message: NotesList.FilterAsked) -> None:
        """`t`, `c` or `x` in the Notes tab: filter by tag or colour, or show all."""
        from reader.screens.note_filtering import ask_filter

        ask_filter(self.state, cast("FilterKind", message.kind), ask=self.app.push_screen,
                   choose=self.filter_notes, say=self.status.say)

    def on_article_view_reading_position(self, event: ArticleView.ReadingPosition) -> None:
        self.reading_offset = event.offset
        outline = self.outline
        if outline is not None:
            outline.follow(event.offset)
        self.status.progress = event.percent

    def on_article_view_offset_clicked(self, event: ArticleView.OffsetClicked) -> None:
        chosen = self.state.choose_at(event.offset)
        if chosen is not None:
            self.go(chosen)
            self.view.focus()

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self.sync_cursor()  # from the view: it may have moved again since it posted this
        self.refresh_bindings()
