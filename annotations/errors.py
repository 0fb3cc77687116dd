"""The exceptions of the annotations package: every store error names the file and the problem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.model import Annotation


class AnnotationError(ValueError):
    """A field of an annotation (or of an imported record) that is not valid; says which and why."""


class UpdateConflict(AnnotationError):
    """A change to an annotation that was itself changed (or deleted) elsewhere since the
    caller's edit started, in a way that cannot be merged field by field. `mine` is the change
    that was not written; `theirs` what the file holds now (None: it was deleted elsewhere)."""

    def __init__(self, mine: Annotation, theirs: Annotation | None) -> None:
        self.mine = mine
        self.theirs = theirs
        what = "deleted" if theirs is None else "changed"
        super().__init__(
            f"annotation {mine.id[:8]} was {what} elsewhere since it was read; "
            "nothing was written"
        )


class ImportFileError(AnnotationError):
    """A file that cannot be imported; the message is one line: "<file>: <problem>"."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.path}: {self.problem}")


class StoreError(Exception):
    """The annotations file cannot be used; the message is one line: "<file>: <problem>"."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.path}: {self.problem}")


class CorruptStoreError(StoreError):
    """The file exists but its content is not a valid annotations file (truncated JSON, wrong
    shape, an invalid record). It is never repaired or overwritten; `set_aside.move_aside(path)`
    renames it to `<name>.corrupt-<timestamp>` when the user explicitly chooses to start fresh."""


class StoreVersionError(StoreError):
    """The file was written by a newer reader (a schema version this code does not know). It is
    left alone: moving it aside would hide the notes from the newer reader."""


class StoreReadError(StoreError):
    """The file cannot be read at all (permission denied, a directory, an I/O error)."""


class StoreWriteError(StoreError):
    """A change could not be made durable (no permission, disk full, an I/O error). The file on
    disk is unchanged: it holds either the old content or, never partially, the new content."""


class StoreReadOnly(StoreWriteError):
    """The annotations file is read-only (no write permission for its owner): it is refused
    for writing, never replaced by a writable copy. Bad input for the command line (exit 2)."""


class StoreLockTimeout(StoreWriteError):
    """Another process held the annotations file's lock for longer than the timeout."""
