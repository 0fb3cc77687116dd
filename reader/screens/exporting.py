"""Exporting the notes of the article on screen from inside the app (the palette's "Export
notes" commands): the file is asked for, the export written in the background through
`annotations.export_file` (atomically, never onto the notes file), and "Exported N notes to
PATH" said only once the write has returned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.exporting import Format
    from annotations.store import Store
    from reader.screens.article.reading import ArticleReading


def export_notes(screen: ArticleReading, fmt: Format) -> None:
    """Ask where, then export the article's notes in `fmt` (markdown, json, w3c)."""
    from reader.dialogs.export_dialog import ExportDialog, suggested_path

    article = screen.article
    count = len(screen.anchored)
    if not count:
        screen.status.message = "No notes to export in this article"
        return
    path = Path(article.path) if article.path else None

    def write(target: Path, replace: bool) -> None:
        screen.status.message = f"Exporting to {one_line(str(target))}…"
        screen.session.persist(lambda store: _write(store, fmt, target, screen, replace),
                               lambda n: _done(screen, n, target),
                               on_error=lambda error: failed(error, target))

    def failed(error: Exception, target: Path) -> None:
        from annotations.export_file import ExportExists

        if isinstance(error, ExportExists):
            _ask_to_replace(screen, target, lambda: write(target, True))
        else:
            _failed(screen, error)

    def chosen(target: Path | None) -> None:
        if target is None:
            screen.status.message = "Not exported"
            return
        write(target, False)

    screen.app.push_screen(ExportDialog(fmt, count, suggested_path(path, fmt)), chosen)


def _ask_to_replace(screen: ArticleReading, target: Path, replace: Callable[[], None]) -> None:
    """Ask before an export replaces a file that exists; "Not exported" unless confirmed."""
    from reader.dialogs.choice import confirm_dialog

    def answered(choice: str | None) -> None:
        if choice == "yes":
            replace()
        else:
            screen.status.message = "Not exported (the file was kept)"

    screen.app.push_screen(confirm_dialog(
        "Replace the file?", f"{one_line(str(target))} already exists. Replace it with the "
        "export?", yes="Replace"), answered)


def _write(store: Store, fmt: Format, target: Path, screen: ArticleReading,
           replace: bool) -> int:
    from annotations.actions import export_text
    from annotations.export_file import write_export

    article = screen.article
    notes = store.for_article(article)
    sources = [Path(article.path)] if article.path else []
    write_export(target, export_text(store, fmt, article), store.path, articles=sources,
                 replace=replace)
    return len(notes)


def _done(screen: ArticleReading, count: int, target: Path) -> None:
    screen.status.message = (f"Exported {count} note{'s' * (count != 1)} to "
                             f"{one_line(str(target))}")


def _failed(screen: ArticleReading, error: Exception) -> None:
    screen.status.message = f"Not exported: {one_line(str(error))}"
