"""Highlighting and annotating on the article screen: what `h`, `H`, `a` and `d` do, the
dialogs they open, and saving the result through the app's store in the background. Imported
when first used, so the screen's first frame does without it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotations.model import Annotation, new_annotation
from reader.widgets.notes_list import snippet

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from reader.dialogs.note_editor import NoteDraft
    from reader.screens.article_screen import ArticleScreen


class NoteActions:
    """The note-taking actions of one article screen: the screen holds the state (the text
    view, its annotations, the status line); this changes it and saves."""

    def __init__(self, screen: ArticleScreen) -> None:
        self.screen = screen

    def target_range(self, nothing: str) -> tuple[int, int] | None:
        """What a highlight or note would cover: the selection, else the cursor's sentence,
        without white space at either end; None (saying `nothing` when there is no target)."""
        screen = self.screen
        span = screen.view.selected_range() or screen.view.cursor
        if span is None:
            screen.status.message = nothing
            return None
        start, end = _trim(screen.article.text, *span)
        return (start, end) if end > start else None

    def highlight_with_color(self) -> None:
        """Pick a colour, then highlight the selection with it."""
        from reader.dialogs.choice import ColorPicker

        screen = self.screen

        def picked(color: str | None) -> None:
            if color:
                screen.reader_app.set_highlight_color(color)
                screen.status.color = color
                item = screen.cursor_annotation()
                if screen.view.selected_range() is None and item is not None:
                    self.save(item.annotation.with_color(color))
                else:
                    self.highlight(color)

        screen.app.push_screen(ColorPicker(screen.reader_app.highlight_color), picked)

    def highlight(self, color: str, then: Callable[[Annotation], None] | None = None) -> None:
        """Highlight the selection (or the sentence at the cursor) in `color`."""
        screen = self.screen
        span = self.target_range("Nothing to highlight: select text (drag, or v and arrows)")
        if span is None:
            return
        annotation = new_annotation(screen.article, *span, color=color)
        screen.view.clear_selection()
        self.add(annotation, then)

    def annotate(self) -> None:
        """Add or edit the note on the highlight at the cursor, or on the selection."""
        screen = self.screen
        selected = screen.view.selected_range()
        item = screen.cursor_annotation() if selected is None else None
        if item is not None:
            a = item.annotation
            self.edit_note(a.target.exact, a)
            return
        span = self.target_range("Nothing to annotate: select text or move the cursor to it")
        if span is not None:
            self.edit_note(screen.article.text[span[0] : span[1]], None, span)

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
                self.save(existing.edited(note=draft.note, tags=draft.tags, color=draft.color))
            elif span is not None:
                annotation = new_annotation(screen.article, span[0], span[1], color=draft.color,
                                            note=draft.note, tags=draft.tags)
                screen.view.clear_selection()
                self.add(annotation)
            screen.reader_app.set_highlight_color(draft.color)
            screen.status.color = draft.color

        screen.app.push_screen(
            NoteEditor(quote, existing.note if existing else "",
                       existing.tags if existing else (),
                       existing.color if existing else screen.reader_app.highlight_color),
            saved,
        )

    def delete_highlight(self) -> None:
        """Delete the highlight at the cursor (after confirmation)."""
        screen = self.screen
        item = screen.cursor_annotation()
        if item is None:
            screen.status.message = "No highlight at the cursor"
            return
        self.confirm_delete(item)

    def confirm_delete(self, item: Anchored) -> None:
        """Ask, then delete the highlight (and its note)."""
        from reader.dialogs.choice import confirm_dialog

        screen = self.screen

        a = item.annotation
        body = f"“{snippet(a.target.exact, 120)}”"
        if a.note:
            body += f"\n✎ {snippet(a.note, 120)}"

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
        body = (f"This passage is no longer in the article:\n“{snippet(a.target.exact, 160)}”"
                + (f"\n✎ {snippet(a.note, 160)}" if a.note else ""))
        choices = [("cancel", "Keep it unanchored")]
        selected = screen.view.selected_range()
        if selected is not None:
            choices.insert(0, ("reattach", "Re-attach it to the selected text"))
        else:
            body += "\n\nTo re-attach it, select the passage in the text first."
        choices.append(("delete", "Delete it"))

        def answered(answer: str | None) -> None:
            if answer == "reattach" and selected is not None:
                start, end = _trim(screen.article.text, *selected)
                screen.view.clear_selection()
                self.save(a.reattached(screen.article, start, end))
            elif answer == "delete":
                self.confirm_delete(item)

        screen.app.push_screen(ChoiceDialog("Unanchored note", body, choices), answered)

    # --- saving ------------------------------------------------------------------------

    def apply_local(self, annotation: Annotation | None, removed: str | None = None) -> None:
        """Show a change at once, before the store confirms it."""
        screen = self.screen
        items = [i for i in screen.anchored if i.annotation.id not in
                 {removed, annotation.id if annotation else None}]
        if annotation is not None:
            from annotations.anchoring import anchor_all

            items.extend(anchor_all(screen.article.text, [annotation]))
        screen.show_annotations(items)

    def add(self, annotation: Annotation,
            then: Callable[[Annotation], None] | None = None) -> None:
        """Show a new annotation and save it (then `then`, once saved)."""
        screen = self.screen
        self.apply_local(annotation)
        screen.status.message = "Highlighted" if not annotation.note else "Note saved"
        screen.reader_app.persist(lambda store: store.add(annotation), self.saved, then)

    def save(self, annotation: Annotation) -> None:
        """Show a changed annotation and save it."""
        screen = self.screen
        self.apply_local(annotation)
        screen.status.message = "Saved"
        screen.reader_app.persist(lambda store: store.update(annotation), self.saved)

    def remove(self, annotation: Annotation) -> None:
        """Take an annotation off the screen and out of the store."""
        screen = self.screen
        self.apply_local(None, removed=annotation.id)
        screen.status.message = "Deleted"
        screen.reader_app.persist(lambda store: store.remove(annotation.id), self.saved)

    def saved(self, result: Any) -> None:
        """A change is on disk: the keys that apply may have changed."""
        self.screen.refresh_bindings()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A range without white space at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
