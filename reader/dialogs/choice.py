"""Small modal questions: a confirmation, a choice among a few actions, a colour."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotations.model import COLORS
from reader.swatches import swatch


class ChoiceDialog(ModalScreen[str | None]):
    """Ask a question with a few answers; dismisses with the chosen answer's id or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("q", "app.quit", "Quit")]

    def __init__(self, title: str, body: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.body:
                yield Static(Text(self.body), classes="dialog-body", markup=False)
            yield OptionList(
                *[Option(Text(label), id=key) for key, label in self.choices],
                markup=False,
                classes="dialog-choices",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Answer nothing."""
        self.dismiss(None)


def confirm_dialog(title: str, body: str, yes: str = "Delete") -> ChoiceDialog:
    """A yes/no question where "no" is the default."""
    return ChoiceDialog(title, body, [("no", "Cancel"), ("yes", yes)])


class ColorPicker(ChoiceDialog):
    """Pick a highlight colour (keys 1-5 or the arrows and enter)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("q", "app.quit", "Quit"),
        *[Binding(str(i), f"pick('{c}')", c, show=False) for i, c in enumerate(COLORS, 1)],
    ]

    def __init__(self, current: str) -> None:
        choices = [(c, f"{i}  {c}") for i, c in enumerate(COLORS, 1)]
        super().__init__("Highlight colour", "", choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Highlight colour", style="bold"), classes="dialog-title")
            yield OptionList(
                *[Option(Text.assemble(("██ ", swatch(c)), f"{i}  {c}"), id=c)
                  for i, c in enumerate(COLORS, 1)],
                markup=False,
                classes="dialog-choices",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if self.current in COLORS:
            options.highlighted = COLORS.index(self.current)

    def action_pick(self, color: str) -> None:
        """Choose `color`."""
        self.dismiss(color)
