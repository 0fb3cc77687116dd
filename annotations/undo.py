"""Undo for highlights and notes: the history of the changes a user made (each once it is on
disk), and, for the newest, the change that reverses it and the store operation that makes it.

- Undoing an addition deletes the annotation; undoing a deletion stores it again (same id,
  created time, passage, note); undoing an edit (note, colour, tags, re-attaching) puts back the
  fields that edit changed and keeps any other field as it is now (so a change merged in from
  elsewhere survives the undo).
- Undo never overwrites a change made elsewhere: the store operation first checks that the
  annotation is still what this change left on disk; when it is not (edited or deleted
  elsewhere, or restored elsewhere), `UndoConflict` says so and nothing is written.
- Several steps deep (`UndoHistory.depth`); undoing is not itself recorded (no redo). After an
  undo is on disk, `UndoHistory.undone` updates the older steps' view of the disk.

Pure: no user interface; the caller runs `Inverse.apply` wherever it writes to the store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from annotations.clock import utc_now
from annotations.errors import AnnotationError
from annotations.merge import MERGED_FIELDS
from annotations.model import Annotation

StepKind = Literal["add", "update", "remove"]

DEPTH = 100
"""How many changes back `u` can go."""


class UndoConflict(AnnotationError):
    """The change cannot be undone without overwriting what was done elsewhere since."""


class WritableStore(Protocol):
    """What undoing needs of `annotations.store.Store`."""

    def get(self, annotation_id: str) -> Annotation | None: ...

    def add(self, a: Annotation) -> Annotation: ...

    def update(self, a: Annotation, *, base: Annotation | None = None) -> Annotation: ...

    def remove(self, annotation_id: str, *, base: Annotation | None = None) -> bool: ...


@dataclass(frozen=True, slots=True)
class Step:
    """One change that is on disk: `before` what the annotation was (None: it was added),
    `mine` what the user made (None: it was deleted), `after` what the disk then held (the
    same as `mine` unless merged with a change made elsewhere; None when deleted)."""

    kind: StepKind
    annotation_id: str
    before: Annotation | None
    mine: Annotation | None
    after: Annotation | None


@dataclass(frozen=True, slots=True)
class Inverse:
    """The change that undoes a step: `kind` of store operation, the annotation to show and
    write (None when removing), what the disk must still hold (`expect`, None: nothing) and
    the message once it is done."""

    kind: StepKind
    annotation_id: str
    annotation: Annotation | None
    expect: Annotation | None
    message: str

    @property
    def operation(self) -> Callable[[WritableStore], Annotation | bool]:
        """The store operation (run it where the store is written, e.g. in the background)."""
        return lambda store: self.apply(store)

    def apply(self, store: WritableStore) -> Annotation | bool:
        """Check that the disk still holds `expect`, then write; UndoConflict when it does not
        (nothing is written then)."""
        current = store.get(self.annotation_id)
        if current != self.expect:
            raise UndoConflict(_conflict_message(self, current))
        if self.kind == "remove":
            return store.remove(self.annotation_id, base=self.expect)
        assert self.annotation is not None
        if self.kind == "add":
            return store.add(self.annotation)
        return store.update(self.annotation, base=self.expect)


def _conflict_message(inverse: Inverse, current: Annotation | None) -> str:
    what = _noun(inverse.expect or inverse.annotation)
    if inverse.expect is None:
        return f"Not undone: the {what} was restored elsewhere meanwhile"
    if current is None:
        return f"Not undone: the {what} was deleted elsewhere meanwhile"
    return f"Not undone: the {what} was changed elsewhere meanwhile (nothing was written)"


def _noun(a: Annotation | None) -> str:
    return "note" if a is not None and a.note else "highlight"


def _what_changed(before: Annotation, mine: Annotation) -> str:
    changed = [name for name in MERGED_FIELDS if getattr(before, name) != getattr(mine, name)]
    words = {"note": "note edit", "color": "colour change", "tags": "tags change",
             "target": "re-attaching", "article": "re-attaching"}
    parts = list(dict.fromkeys(words[name] for name in changed))
    if not parts:
        return "edit"
    return " and ".join(parts)


def reverted(before: Annotation, mine: Annotation, current: Annotation) -> Annotation:
    """`current` with the fields `mine` changed (relative to `before`) put back as in
    `before`; other fields stay as they are now. `updated` is now."""
    fields = {name: getattr(before, name) for name in MERGED_FIELDS
              if getattr(before, name) != getattr(mine, name)}
    return dataclasses.replace(current, **fields, updated=max(utc_now(), current.updated))


def inverse_of(step: Step) -> Inverse:
    """The change that undoes `step`."""
    if step.kind == "add":
        assert step.after is not None
        return Inverse("remove", step.annotation_id, None, step.after,
                       f"Undone: {_noun(step.after)} removed")
    if step.kind == "remove":
        assert step.before is not None
        return Inverse("add", step.annotation_id, step.before, None,
                       f"Undone: deleted {_noun(step.before)} restored")
    assert step.before is not None and step.mine is not None and step.after is not None
    return Inverse("update", step.annotation_id,
                   reverted(step.before, step.mine, step.after), step.after,
                   f"Undone: {_what_changed(step.before, step.mine)}")


class UndoHistory:
    """The changes of one screen that are on disk, newest last, at most `depth`."""

    def __init__(self, depth: int = DEPTH) -> None:
        self.depth = depth
        self._steps: list[Step] = []

    def __len__(self) -> int:
        return len(self._steps)

    def __bool__(self) -> bool:
        return bool(self._steps)

    def record(self, step: Step) -> None:
        """A change reached the disk."""
        self._steps.append(step)
        del self._steps[:-self.depth]

    def added(self, after: Annotation) -> None:
        """An annotation was added (`after` as stored)."""
        self.record(Step("add", after.id, None, after, after))

    def updated(self, before: Annotation, mine: Annotation, after: Annotation) -> None:
        """An annotation was changed from `before` to `mine`; the disk holds `after`."""
        self.record(Step("update", after.id, before, mine, after))

    def removed(self, before: Annotation) -> None:
        """An annotation was deleted (`before` as it was)."""
        self.record(Step("remove", before.id, before, None, None))

    def peek(self) -> Step | None:
        """The newest step, if any."""
        return self._steps[-1] if self._steps else None

    def undo(self) -> Inverse | None:
        """Take the newest step off the history and return its inverse; None when empty.
        Once the inverse is on disk, tell `undone` what the store returned."""
        if not self._steps:
            return None
        return inverse_of(self._steps.pop())

    def undone(self, inverse: Inverse, result: Annotation | bool) -> None:
        """`inverse` is on disk and the store returned `result`: the older step of the same
        annotation now expects that version (its time of change is new), so it can be undone
        in turn."""
        if not isinstance(result, Annotation):
            return
        for n in range(len(self._steps) - 1, -1, -1):
            step = self._steps[n]
            if step.annotation_id == inverse.annotation_id:
                if step.after is not None:
                    self._steps[n] = dataclasses.replace(step, after=result)
                return


__all__ = ["DEPTH", "Inverse", "Step", "UndoConflict", "UndoHistory", "WritableStore",
           "inverse_of", "reverted"]
