"""Saving the notes of an article screen: a change shows at once, marked "saving…", and is
acknowledged ("Highlighted", "Note saved", "Deleted") only when the background write has returned,
that is once it is on disk. A change that could not be saved stays on screen, marked not saved,
until ctrl+r saves it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from annotations.errors import StoreError
from reader.pending import Change, PendingChanges
from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import Store
    from reader.screens.article_screen import ArticleScreen

RETRY_HINT = "ctrl+r saves again"


def failure_text(error: Exception) -> str:
    """One line saying why a change was not saved (a store error names the file)."""
    return one_line(str(error) if isinstance(error, StoreError) else f"could not save: {error}")


class NoteSaver:
    """Hands the note changes of one screen to the store in the background and says what
    became of them."""

    def __init__(self, screen: ArticleScreen) -> None:
        self.screen = screen
        self.pending = PendingChanges()

    # --- the changes -----------------------------------------------------------------------

    def add(self, annotation: Annotation) -> None:
        """Show a new annotation and save it."""
        change = Change("add", annotation.id, annotation, None)
        note = bool(annotation.note)
        self._submit(change, "Saving the note…" if note else "Saving the highlight…",
                     "Note saved" if note else "Highlighted")

    def update(self, annotation: Annotation, base: Annotation, done: str = "Saved") -> None:
        """Show a changed annotation and save it; `base` is the version it was made from."""
        change = Change("update", annotation.id, annotation, base)
        self._submit(change, "Saving…", done)

    def remove(self, annotation: Annotation) -> None:
        """Take an annotation off the screen and out of the store."""
        change = Change("remove", annotation.id, None, annotation)
        self._submit(change, "Deleting…", "Deleted")

    def retry(self) -> None:
        """Hand every change that could not be saved to the store again."""
        failed = self.pending.failed()
        if not failed:
            self.screen.status.message = "Nothing to save again"
            return
        for change in failed:
            change.state = "saving"
            change.error = ""
            self._submit(change, f"Saving {len(failed)} change{'s' * (len(failed) > 1)} "
                         "again…", "Saved")

    # --- in the background ----------------------------------------------------------------

    @staticmethod
    def operation(change: Change) -> Callable[[Store], Any]:
        """What the store does for `change`."""
        annotation = change.annotation
        if change.kind == "add":
            assert annotation is not None
            return lambda store: _add_once(store, annotation)
        if change.kind == "update":
            assert annotation is not None
            return lambda store: store.update(annotation)
        return lambda store: store.remove(change.annotation_id)

    def _submit(self, change: Change, saving: str, done: str) -> None:
        screen = self.screen
        self.pending.start(change)
        self.show_local(change)
        screen.status.message = saving

        def saved(result: Any) -> None:
            if self.pending.finish(change):
                screen.status.message = done
            self.show_local(None)
            screen.refresh_bindings()

        def failed(error: Exception) -> None:
            self._failed(change, error)

        screen.reader_app.persist(self.operation(change), saved, on_error=failed)

    def _failed(self, change: Change, error: Exception) -> None:
        message = failure_text(error)
        self.pending.fail(change, message)
        self.show_local(None)
        self.screen.status.message = f"Not saved: {message} · {RETRY_HINT}"
        self.screen.app.notify(f"{message}\nThe change stays on screen; {RETRY_HINT}.",
                               title="Not saved", severity="error", timeout=15, markup=False)
        self.screen.refresh_bindings()

    # --- on screen ----------------------------------------------------------------------

    def show_local(self, change: Change | None) -> None:
        """Show the annotations with `change` (and every other unsaved one) laid over."""
        screen = self.screen
        items = list(screen.anchored)
        if change is not None:
            items = [i for i in items if i.annotation.id != change.annotation_id]
            if change.annotation is not None:
                from annotations.anchoring import anchor_all

                items.extend(anchor_all(screen.article.text, [change.annotation]))
        screen.show_annotations(items)


def _add_once(store: Store, annotation: Annotation) -> Annotation:
    """Add `annotation`; when a retry finds it stored already (the first try reached the disk
    before failing), that is done too."""
    if store.get(annotation.id) == annotation:
        return annotation
    return store.add(annotation)
