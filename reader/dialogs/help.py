"""The help screen: every key of the reader, gathered from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?", "slash": "/", "left_parenthesis": "(", "right_parenthesis": ")",
    "space": "space", "shift+space": "shift+space", "escape": "esc", "enter": "enter",
    "left_square_bracket": "[", "right_square_bracket": "]",
}


def key_label(keys: str) -> str:
    """"right,right_parenthesis" → "right )"."""
    return " ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def bindings_table(groups: Iterable[tuple[str, Iterable[BindingType]]]) -> Table:
    """A table of key → what it does, one section per group."""
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            table.add_row(Text(key_label(binding.key)), Text(binding.description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works; escape or ? closes it."""

    BINDINGS = [
        Binding("escape,question_mark", "close", "Close"),
        Binding("q", "app.quit", "Quit"),
        Binding("j", "scroll_lines(1)", "Down a line", show=False),
        Binding("k", "scroll_lines(-1)", "Up a line", show=False),
        Binding("space", "scroll_page(1)", "Down a page", show=False),
        Binding("shift+space", "scroll_page(-1)", "Up a page", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.groups = groups
        self.table = bindings_table(groups)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys", style="bold"), markup=False)
            yield Static(self.table, markup=False)
            yield Static(Text(
                "Mouse: drag over text to select it, click a name or a document code to "
                "choose it, click an entry in the sidebar to jump there.\n"
                "ctrl+p opens the command palette: people, documents, sections, notes, themes, "
                "and the export of this article's notes (Markdown, JSON, W3C).",
                style="dim"), markup=False)

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll the help by lines (j and k, as in the article)."""
        body = self.query_one("#help-body", VerticalScroll)
        (body.scroll_down if lines > 0 else body.scroll_up)(animate=False)

    def action_scroll_page(self, pages: int) -> None:
        """Scroll the help by a page (space and shift+space, as in the article)."""
        body = self.query_one("#help-body", VerticalScroll)
        (body.scroll_page_down if pages > 0 else body.scroll_page_up)(animate=False)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
