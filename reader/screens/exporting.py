"""Exporting the notes of the article on screen from inside the app (the palette's "Export
notes" commands): the file is asked for, the export written in the background through
`annotations.export_file` (atomically, never onto the notes file), and "Exported N notes to
PATH" said only once the write has returned."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.exporting import Format
    from annotations.store import Store
    from reader.screens.article_screen import ArticleScreen


def export_notes(screen: ArticleScreen, fmt: Format) -> None:
    """Ask where, then export the article's notes in `fmt` (markdown, json, w3c)."""
    from reader.dialogs.export_dialog import ExportDialog, suggested_path

    article = screen.article
    count = len(screen.anchored)
    if not count:
        screen.status.message = "No notes to export in this article"
        return
    path = Path(article.path) if article.path else None

    def chosen(target: Path | None) -> None:
        if target is None:
            screen.status.message = "Not exported"
            return
        screen.status.message = f"Exporting to {one_line(str(target))}…"
        screen.session.persist(lambda store: _write(store, fmt, target, screen),
                               lambda n: _done(screen, n, target),
                               on_error=lambda error: _failed(screen, error))

    screen.app.push_screen(ExportDialog(fmt, count, suggested_path(path, fmt)), chosen)


def _write(store: Store, fmt: Format, target: Path, screen: ArticleScreen) -> int:
    from annotations.actions import export_text
    from annotations.export_file import write_export

    article = screen.article
    count = len(store.for_article(article))
    write_export(target, export_text(store, fmt, article), store.path)
    return count


def _done(screen: ArticleScreen, count: int, target: Path) -> None:
    screen.status.message = (f"Exported {count} note{'s' * (count != 1)} to "
                             f"{one_line(str(target))}")


def _failed(screen: ArticleScreen, error: Exception) -> None:
    screen.status.message = f"Not exported: {one_line(str(error))}"
