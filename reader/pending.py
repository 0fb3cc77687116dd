"""Changes to notes that the screen shows before the disk has them: each is "saving" until the
background write returns, then gone (it is what the store holds), or "failed" and kept, shown as
not saved, until the user retries. Laid over what the store returns, so a reload never drops one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import count
from typing import Literal

from annotations.model import Annotation

ChangeKind = Literal["add", "update", "remove"]
ChangeState = Literal["saving", "failed"]

_serial = count()


@dataclass(eq=False)
class Change:
    """One change to one annotation: `annotation` is what the user made (None when removed);
    `base` is the version the change started from (None for a new one)."""

    kind: ChangeKind
    annotation_id: str
    annotation: Annotation | None
    base: Annotation | None
    state: ChangeState = "saving"
    error: str = ""
    serial: int = field(default_factory=lambda: next(_serial))


class PendingChanges:
    """The unsaved changes of one screen, newest per annotation."""

    def __init__(self) -> None:
        self._changes: dict[str, Change] = {}

    def __bool__(self) -> bool:
        return bool(self._changes)

    def __len__(self) -> int:
        return len(self._changes)

    def start(self, change: Change) -> None:
        """A change handed to the store (it replaces an older one of the same annotation)."""
        self._changes[change.annotation_id] = change

    def finish(self, change: Change) -> bool:
        """The store has `change`; True unless a newer change of the annotation is pending."""
        if self._changes.get(change.annotation_id) is change:
            del self._changes[change.annotation_id]
            return True
        return False

    def fail(self, change: Change, error: str) -> None:
        """The store could not take `change`: kept, and shown as not saved."""
        change.state = "failed"
        change.error = error
        self._changes.setdefault(change.annotation_id, change)

    def drop(self, annotation_id: str) -> None:
        """Forget the change of an annotation (the user chose the other version)."""
        self._changes.pop(annotation_id, None)

    def failed(self) -> list[Change]:
        """The changes that could not be saved, oldest first."""
        return sorted((c for c in self._changes.values() if c.state == "failed"),
                      key=lambda c: c.serial)

    def overlay_changes(self) -> list[Change]:
        """Every unsaved change, oldest first."""
        return sorted(self._changes.values(), key=lambda c: c.serial)

    def get(self, annotation_id: str) -> Change | None:
        """The unsaved change of an annotation, if any."""
        return self._changes.get(annotation_id)

    def state_of(self, annotation_id: str) -> ChangeState | None:
        """"saving", "failed", or None when the disk has what is shown."""
        change = self._changes.get(annotation_id)
        return change.state if change is not None else None

    def states(self) -> dict[str, ChangeState]:
        """The state of every annotation with an unsaved change."""
        return {i: c.state for i, c in self._changes.items() if c.annotation is not None}

    def overlay(self, stored: Iterable[Annotation]) -> list[Annotation]:
        """What the screen shows: the stored annotations with the unsaved changes laid over."""
        stored = list(stored)
        out = [self._changes[a.id].annotation if a.id in self._changes else a for a in stored]
        seen = {a.id for a in stored}
        out.extend(c.annotation for i, c in self._changes.items() if i not in seen)
        return [a for a in out if a is not None]
