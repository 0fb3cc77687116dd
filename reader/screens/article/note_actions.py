"""Highlighting and annotating on the article screen: what `h`, `H`, `a` and `d` do, the
dialogs they open, and saving the result through the app's store in the background. Imported
when first used, so the screen's first frame does without it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotations.errors import AnnotationError
from annotations.model import Annotation, new_annotation
from reader.render.text import shorten
from reader.screens.article.note_saving import NoteSaver, NotesHost
from reader.screens.article.state import trimmed

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from reader.dialogs.note_editor import NoteDraft


class NoteActions:
    """The note-taking actions of one article screen: the screen holds the state (the text
    view, its annotations, the status line); this changes it and saves."""

    def __init__(self, screen: NotesHost) -> None:
        self.screen = screen
        self.saver = NoteSaver(screen)

    def target_range(self, nothing: str) -> tuple[int, int] | None:
        """What a highlight or note would cover: the selection, else the cursor's sentence,
        without white space at either end; None (saying `nothing` when there is no target)."""
        state = self.screen.sync_cursor()
        if state.selection is None and state.cursor is None:
            self.screen.status.message = nothing
            return None
        return state.target()

    def highlight_with_color(self) -> None:
        """Pick a colour, then highlight the selection with it."""
        from reader.dialogs.choice import ColorPicker

        screen = self.screen

        def picked(color: str | None) -> None:
            if color:
                screen.session.set_highlight_color(color)
                screen.status.color = color
                state = screen.sync_cursor()
                item = state.note_at_cursor()
                if state.selection is None and item is not None:
                    self.save(item.annotation.with_color(color), item.annotation,
                              "Colour changed")
                else:
                    self.highlight(color)

        screen.app.push_screen(ColorPicker(screen.session.highlight_color), picked)

    def highlight(self, color: str) -> None:
        """Highlight the selection (or the sentence at the cursor) in `color`."""
        screen = self.screen
        span = self.target_range("Nothing to highlight: select text (drag, or v and arrows)")
        if span is None:
            return
        try:
            annotation = new_annotation(screen.state.article, *span, color=color)
        except AnnotationError as error:  # a passage too long to keep, say
            screen.status.message = f"Cannot highlight this: {error}"
            return
        screen.view.clear_selection()
        self.add(annotation)

    def annotate(self) -> None:
        """Add or edit the note on the highlight at the cursor, or on the selection."""
        screen = self.screen
        state = screen.sync_cursor()
        item = state.note_at_cursor() if state.selection is None else None
        if item is not None:
            a = item.annotation
            self.edit_note(a.target.exact, a)
            return
        span = self.target_range("Nothing to annotate: select text or move the cursor to it")
        if span is not None:
            self.edit_note(state.article.text[span[0] : span[1]], None, span)

    def edit_note(self, quote: str, existing: Annotation | None,
                  span: tuple[int, int] | None = None) -> None:
        """Open the note editor on `quote`: for `existing`, or for a new note over `span`."""
        from reader.dialogs.note_editor import NoteEditor

        screen = self.screen

        def saved(draft: NoteDraft | None) -> None:
            if draft is None:
                screen.status.message = "Note not saved"
                return
            if existing is not None:
                try:
                    edited = existing.edited(note=draft.note, tags=draft.tags,
                                             color=draft.color)
                except AnnotationError as error:
                    screen.status.message = f"Note not saved: {error}"
                    return
                self.save(edited, existing, "Note saved")
            elif span is not None:
                try:
                    annotation = new_annotation(screen.state.article, span[0], span[1],
                                                color=draft.color, note=draft.note,
                                                tags=draft.tags)
                except AnnotationError as error:
                    screen.status.message = f"Note not saved: {error}"
                    return
                screen.view.clear_selection()
                self.add(annotation)
            screen.session.set_highlight_color(draft.color)
            screen.status.color = draft.color

        screen.app.push_screen(
            NoteEditor(quote, existing.note if existing else "",
                       existing.tags if existing else (),
                       existing.color if existing else screen.session.highlight_color),
            saved,
        )

    def delete_highlight(self) -> None:
        """Delete the highlight at the cursor (after confirmation)."""
        screen = self.screen
        item = screen.sync_cursor().note_at_cursor()
        if item is None:
            screen.status.message = "No highlight at the cursor"
            return
        self.confirm_delete(item)

    def confirm_delete(self, item: Anchored) -> None:
        """Ask, then delete the highlight (and its note)."""
        from reader.dialogs.choice import confirm_dialog

        screen = self.screen

        a = item.annotation
        body = f"“{shorten(a.target.exact, 120)}”"
        if a.note:
            body += f"\n✎ {shorten(a.note, 120)}"

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.remove(a)

        title = "Delete this highlight and its note?" if a.note else "Delete this highlight?"
        screen.app.push_screen(confirm_dialog(title, body), answered)

    def orphan_dialog(self, item: Anchored) -> None:
        """Offer to re-attach an unanchored note to the selection, or to delete it."""
        from reader.dialogs.choice import ChoiceDialog

        screen = self.screen

        a = item.annotation
        body = (f"This passage is no longer in the article:\n“{shorten(a.target.exact, 160)}”"
                + (f"\n✎ {shorten(a.note, 160)}" if a.note else ""))
        choices = [("cancel", "Keep it unanchored")]
        selected = screen.sync_cursor().selection
        if selected is not None:
            choices.insert(0, ("reattach", "Re-attach it to the selected text"))
        else:
            body += "\n\nTo re-attach it, select the passage in the text first."
        choices.append(("delete", "Delete it"))

        def answered(answer: str | None) -> None:
            if answer == "reattach" and selected is not None:
                article = screen.state.article
                start, end = trimmed(article.text, *selected)
                screen.view.clear_selection()
                self.save(a.reattached(article, start, end), a, "Re-attached")
            elif answer == "delete":
                self.confirm_delete(item)

        screen.app.push_screen(ChoiceDialog("Unanchored note", body, choices), answered)

    # --- saving ------------------------------------------------------------------------

    def add(self, annotation: Annotation) -> None:
        """Show a new annotation and save it (acknowledged once it is on disk)."""
        self.saver.add(annotation)

    def save(self, annotation: Annotation, base: Annotation, done: str = "Saved") -> None:
        """Show a changed annotation (made from `base`) and save it."""
        self.saver.update(annotation, base, done)

    def remove(self, annotation: Annotation) -> None:
        """Take an annotation off the screen and out of the store."""
        self.saver.remove(annotation)

