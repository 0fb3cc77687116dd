"""Saving the notes of an article screen: a change shows at once, marked "saving…", and is
acknowledged ("Highlighted", "Note saved", "Deleted") only when the background write has returned,
that is once it is on disk. A change that could not be saved stays on screen, marked not saved,
until ctrl+r saves it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from annotations.errors import StoreError, UpdateConflict
from annotations.model import Annotation
from annotations.undo import UndoConflict, UndoHistory
from reader.pending import Change, PendingChanges
from reader.safe_text import one_line
from reader.wording import counted

if TYPE_CHECKING:
    from textual.app import App

    from annotations.anchoring import Anchored
    from annotations.store import Store
    from reader.screens.article.state import ArticleState
    from reader.session import Session
    from reader.widgets.article_view import ArticleView
    from reader.widgets.status import StatusLine

RETRY_HINT = "ctrl+r saves again"


class NotesHost(Protocol):
    """What taking and saving notes needs of the article screen."""

    session: Session
    state: ArticleState

    @property
    def app(self) -> App[Any]:
        """The app (to open dialogs and show toasts)."""

    @property
    def view(self) -> ArticleView:
        """The article text."""

    @property
    def status(self) -> StatusLine:
        """The status line."""

    def sync_cursor(self) -> ArticleState:
        """The state with the view's cursor and selection as they are now."""

    def show_state(self, state: ArticleState) -> None:
        """Show `state`'s notes in the text and the Notes tab."""

    def reload_annotations(self) -> None:
        """Read the notes again from the store and show them."""

    def refresh_bindings(self) -> None:
        """Show or hide keys whose use changed (ctrl+r)."""


def failure_text(error: Exception) -> str:
    """One line saying why a change was not saved (a store error names the file)."""
    return one_line(str(error) if isinstance(error, StoreError) else f"could not save: {error}")


class NoteSaver:
    """Hands the note changes of one screen to the store in the background and says what
    became of them."""

    def __init__(self, screen: NotesHost) -> None:
        self.screen = screen
        self.pending = PendingChanges()
        self.history = UndoHistory()

    # --- the changes -----------------------------------------------------------------------

    def add(self, annotation: Annotation) -> None:
        """Show a new annotation and save it."""
        change = Change("add", annotation.id, annotation, None)
        note = bool(annotation.note)
        self._submit(change, "Saving the note…" if note else "Saving the highlight…",
                     "Note saved" if note else "Highlighted")

    def update(self, annotation: Annotation, base: Annotation, done: str = "Saved") -> None:
        """Show a changed annotation and save it; `base` is the version it was made from."""
        prior = self.pending.get(annotation.id)
        if prior is not None and prior.kind == "add" and prior.state == "failed":
            # never reached the disk: the edited one is still an addition
            self._submit(Change("add", annotation.id, annotation, None), "Saving…", done)
            return
        change = Change("update", annotation.id, annotation, base)
        self._submit(change, "Saving…", done)

    def remove(self, annotation: Annotation) -> None:
        """Take an annotation off the screen and out of the store."""
        change = Change("remove", annotation.id, None, annotation)
        self._submit(change, "Deleting…", "Deleted")

    def undo(self) -> None:
        """Undo the newest change that is on disk (saved like any change: "Undoing…", then
        what was undone once the disk has it); never over a change made elsewhere since."""
        screen = self.screen
        if any(c.state == "saving" for c in self.pending.overlay_changes()):
            screen.status.message = "A change is still being saved: undo in a moment"
            return
        inverse = self.history.undo()
        if inverse is None:
            screen.status.message = "Nothing to undo"
            return
        change = Change(inverse.kind, inverse.annotation_id, inverse.annotation, inverse.expect)
        self._submit(change, "Undoing…", inverse.message, operation=inverse.operation,
                     undone=lambda result: self.history.undone(inverse, result))

    def retry(self) -> None:
        """Hand every change that could not be saved to the store again."""
        failed = self.pending.failed()
        if not failed:
            self.screen.status.message = "Nothing to save again"
            return
        for change in failed:
            change.state = "saving"
            change.error = ""
            self._submit(change, f"Saving {counted(len(failed), 'change')} "
                         "again…", "Saved")

    # --- in the background ----------------------------------------------------------------

    @staticmethod
    def operation(change: Change) -> Callable[[Store], Any]:
        """What the store does for `change`."""
        annotation = change.annotation
        if change.kind == "add":
            assert annotation is not None
            return lambda store: _add_once(store, annotation)
        base = change.base
        if change.kind == "update":
            assert annotation is not None
            return lambda store: store.update(annotation, base=base)
        return lambda store: store.remove(change.annotation_id, base=base)

    def _record(self, change: Change, result: Any) -> None:
        """A change is on disk: keep it for undo."""
        if change.kind == "add" and isinstance(result, Annotation):
            self.history.added(result)
        elif change.kind == "update" and isinstance(result, Annotation):
            if change.base is not None and change.annotation is not None:
                self.history.updated(change.base, change.annotation, result)
        elif change.kind == "remove" and result is True and change.base is not None:
            self.history.removed(change.base)

    def _submit(self, change: Change, saving: str, done: str,
                operation: Callable[[Store], Any] | None = None,
                undone: Callable[[Any], None] | None = None) -> None:
        """Show `change`, hand it to the store (`operation`, else the usual one for its kind)
        and say `done` once it is on disk. An undo passes `undone` (told the result), and is
        not itself kept for undo."""
        screen = self.screen
        self.pending.start(change)
        self.show_local(change)
        screen.status.message = saving

        def saved(result: Any) -> None:
            if undone is None:
                self._record(change, result)
            else:
                undone(result)
            if self.pending.finish(change):
                screen.status.message = done
                if isinstance(result, Annotation) and result != change.annotation:
                    # merged with a change made elsewhere: show what the disk holds
                    self.show_local(Change("update", result.id, result, None))
                    screen.status.message = f"{done} (merged with a change made elsewhere)"
            self.show_local(None)
            screen.refresh_bindings()

        def failed(error: Exception) -> None:
            if isinstance(error, UndoConflict):
                self.pending.drop(change.annotation_id)
                screen.reload_annotations()  # what the disk holds, untouched
                screen.status.message = str(error)
            elif isinstance(error, UpdateConflict):
                self._conflict(change, error)
            else:
                self._failed(change, error)

        screen.session.persist(operation or self.operation(change), saved, on_error=failed)

    def _failed(self, change: Change, error: Exception) -> None:
        message = failure_text(error)
        self.pending.fail(change, message)
        self.show_local(None)
        self.screen.status.message = f"Not saved: {message} · {RETRY_HINT}"
        self.screen.app.notify(f"{message}\nThe change stays on screen; {RETRY_HINT}.",
                               title="Not saved", severity="error", timeout=15, markup=False)
        self.screen.refresh_bindings()

    def _conflict(self, change: Change, error: UpdateConflict) -> None:
        """Changed elsewhere in a way that does not merge: the user chooses."""
        from reader.dialogs.conflict import KEEP_MINE, KEEP_THEIRS, conflict_dialog

        screen = self.screen
        theirs = error.theirs
        screen.status.message = "Changed elsewhere: choose which version to keep"

        def answered(answer: str | None) -> None:
            if answer == KEEP_THEIRS:
                self.pending.drop(change.annotation_id)
                self.show_local(Change("update", change.annotation_id, theirs, None))
                self.show_local(None)
                screen.status.message = "Kept the version made elsewhere"
            elif answer == KEEP_MINE:
                if change.kind == "remove":
                    again = Change("remove", change.annotation_id, None, theirs)
                elif theirs is None:
                    assert change.annotation is not None
                    again = Change("add", change.annotation_id, change.annotation, None)
                else:
                    again = Change("update", change.annotation_id, change.annotation, theirs)
                self._submit(again, "Saving…", "Deleted" if again.kind == "remove"
                             else "Saved (yours kept)")
            else:
                self._failed(change, error)

        screen.app.push_screen(conflict_dialog(change.kind, change.annotation, theirs),
                               answered)

    def show_stored(self, anchored: list[Anchored]) -> None:
        """Show what the store holds now (read after a change made elsewhere), with the
        changes not on disk yet laid over."""
        from annotations.anchoring import anchor_all

        screen = self.screen
        states = self.pending.states()
        items = [i for i in anchored if self.pending.state_of(i.annotation.id) is None]
        local = [a for a in self.pending.overlay([]) if a.id in states]
        items.extend(anchor_all(screen.state.article.text, local))
        before = {i.annotation for i in screen.state.notes.anchored}
        if before != {i.annotation for i in items}:
            screen.show_state(screen.state.with_notes(items))

    # --- on screen ----------------------------------------------------------------------

    def show_local(self, change: Change | None) -> None:
        """Show the annotations with `change` (and every other unsaved one) laid over."""
        screen = self.screen
        state = screen.state
        if change is not None:
            from annotations.anchoring import anchor_all

            now = [change.annotation] if change.annotation is not None else []
            state = state.with_note(change.annotation_id, anchor_all(state.article.text, now))
        screen.show_state(state)


def _add_once(store: Store, annotation: Annotation) -> Annotation:
    """Add `annotation`; when a retry finds it stored already (the first try reached the disk
    before failing), that is done too (looked for in its article's files only: an add never
    reads the whole store)."""
    if store.get(annotation.id, article=annotation.article) == annotation:
        return annotation
    return store.add(annotation)
