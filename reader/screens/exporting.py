"""Exporting the notes of the article on screen from inside the app (the palette's "Export
notes" commands): the file is asked for, the export written in the background through
`annotations.export_file` (atomically, never onto the notes file), and "Exported N notes to
PATH" said only once the write has returned. It is handed the screen's state, the session and
ways to ask and to say, never the screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.safe_text import one_line
from reader.wording import counted

if TYPE_CHECKING:
    from annotations.exporting import Format
    from annotations.store import Store
    from articles import Article
    from reader.dialogs import Ask
    from reader.screens.article.state import ArticleState
    from reader.session import Session

Say = Callable[[str], None]
"""Puts a message on the status line."""


def export_notes(state: ArticleState, session: Session, fmt: Format, *, ask: Ask,
                 say: Say) -> None:
    """Ask where, then export the notes of `state`'s article in `fmt` (markdown, json, w3c)."""
    from reader.dialogs.export_dialog import ExportDialog, suggested_path

    article = state.article
    count = len(state.notes.anchored)
    if not count:
        say("No notes to export in this article")
        return
    path = Path(article.path) if article.path else None

    def write(target: Path, replace: bool) -> None:
        say(f"Exporting to {one_line(str(target))}…")
        session.persist(lambda store: _write(store, fmt, target, article, replace),
                        lambda n: _done(say, n, target),
                        on_error=lambda error: failed(error, target))

    def failed(error: Exception, target: Path) -> None:
        from annotations.export_file import ExportExists

        if isinstance(error, ExportExists):
            _ask_to_replace(ask, say, target, lambda: write(target, True))
        else:
            say(f"Not exported: {one_line(str(error))}")

    def chosen(target: Path | None) -> None:
        if target is None:
            say("Not exported")
            return
        write(target, False)

    ask(ExportDialog(fmt, count, suggested_path(path, fmt)), chosen)


def _ask_to_replace(ask: Ask, say: Say, target: Path, replace: Callable[[], None]) -> None:
    """Ask before an export replaces a file that exists; "Not exported" unless confirmed."""
    from reader.dialogs.choice import confirm_dialog

    def answered(choice: str | None) -> None:
        if choice == "yes":
            replace()
        else:
            say("Not exported (the file was kept)")

    ask(confirm_dialog(
        "Replace the file?", f"{one_line(str(target))} already exists. Replace it with the "
        "export?", yes="Replace"), answered)


def _write(store: Store, fmt: Format, target: Path, article: Article, replace: bool) -> int:
    from annotations.actions import export_text
    from annotations.export_file import write_export

    notes = store.for_article(article)
    sources = [Path(article.path)] if article.path else []
    write_export(target, export_text(store, fmt, article), store.path, articles=sources,
                 replace=replace)
    return len(notes)


def _done(say: Say, count: int, target: Path) -> None:
    say(f"Exported {counted(count, 'note')} to {one_line(str(target))}")
