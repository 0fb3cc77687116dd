"""Asking where to export this article's notes: a file name (the suggestion is the article's
name with the format's ending, in the current directory); enter exports, escape cancels."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from reader.wording import counted

FORMATS = {"markdown": ("Markdown", ".md"), "json": ("JSON", ".json"), "w3c": ("W3C", ".jsonld")}
"""Each export format's name and the ending of the file name suggested for it."""


def suggested_path(article_path: Path | None, fmt: str, directory: Path | None = None) -> Path:
    """`<article name>-notes<ending>` in `directory` (the current one by default)."""
    stem = article_path.stem if article_path is not None else "article"
    return (directory or Path.cwd()) / f"{stem}-notes{FORMATS[fmt][1]}"


class ExportDialog(ModalScreen[Path | None]):
    """Ask for the file to export to; dismisses with its path, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, fmt: str, count: int, suggestion: Path) -> None:
        super().__init__()
        self.fmt = fmt
        self.count = count
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        name = FORMATS[self.fmt][0]
        with Vertical(classes="dialog"):
            yield Label(Text(f"Export this article's notes as {name}", style="bold"),
                        classes="dialog-title")
            yield Static(Text(f"{counted(self.count, 'note')}; written all at "
                              "once (never onto the notes file). Enter exports, escape "
                              "cancels."), classes="dialog-body", markup=False)
            yield Input(str(self.suggestion), id="export-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        """Export nothing."""
        self.dismiss(None)
