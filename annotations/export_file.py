"""Writing an export to a file: never onto a file of the notes store or a link to one, nor
onto an article the notes are on; never over an existing file unless asked to replace it; and
all at once (a unique temporary file beside the target, synced, then renamed over it), with
owner-only permissions. A link planted at the target or at a temporary name is never followed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from annotations.errors import AnnotationError
from annotations.layout import is_store_file


class ExportFileError(AnnotationError):
    """An export that cannot be written there; the message is one line: "<file>: <problem>"."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ExportExists(ExportFileError):
    """The output file exists and replacing it was not asked for (`replace=False`)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "already exists; choose another file, or give --force to "
                               "replace it")


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # a hard link
    except OSError:
        return False


def check_target(out: Path, store_path: Path, *, articles: Iterable[Path] = (),
                 replace: bool = False) -> None:
    """ExportFileError when `out` is the notes file, its lock, or a (symbolic or hard) link to
    either, any other file of the store (a per-article file, a temporary or prepared version,
    a backup, a file set aside: see annotations/layout.py), one of `articles` (the files the
    exported notes are on), or a directory; ExportExists when it exists and not `replace`."""
    real = Path(os.path.realpath(store_path))
    for protected, what in (
        (store_path, "the notes file"),
        (real, "the notes file"),
        (Path(f"{store_path}.lock"), "the notes file's lock"),
        (Path(f"{real}.lock"), "the notes file's lock"),
    ):
        if _same_file(out, protected):
            raise ExportFileError(out, f"is {what} ({real}); choose another output file")
    if is_store_file(out, store_path):
        raise ExportFileError(
            out, f"is a file of the notes store ({real}); choose another output file"
        )
    if out.is_dir():
        raise ExportFileError(out, "is a directory; give a file name")
    for article in articles:
        if _same_file(out, article):
            raise ExportFileError(out, "is an article the notes are on; choose another "
                                       "output file")
    if not replace and (out.exists() or out.is_symlink()):
        raise ExportExists(out)


def _publish(tmp: str, out: Path, replace: bool) -> None:
    """Put the written temporary file at `out`: renamed over it when replacing, else linked
    there (which fails if a file appeared meanwhile, so nothing is ever clobbered)."""
    if replace:
        os.replace(tmp, out)  # replaces a link at `out` itself, never what it points to
        return
    try:
        os.link(tmp, out)
    except FileExistsError:
        raise ExportExists(out) from None
    os.unlink(tmp)


def write_export(out: Path, text: str, store_path: Path, *, articles: Iterable[Path] = (),
                 replace: bool = False) -> None:
    """Write `text` (UTF-8) to `out` atomically and durably, mode 0600; refuses the notes file
    and its lock, the articles the notes are on, and an existing file unless `replace` (see
    `check_target`). ExportFileError naming the file on failure."""
    check_target(out, store_path, articles=articles, replace=replace)
    directory = out.parent
    try:
        # mkstemp opens with O_CREAT | O_EXCL under a random name: never a planted link.
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportFileError(out, f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        _publish(tmp, out, replace)
    except ExportExists:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportFileError(out, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


__all__ = ["ExportExists", "ExportFileError", "check_target", "write_export"]
