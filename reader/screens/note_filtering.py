"""Asking for the Notes tab's filter on the article screen: `t` offers the tags and `c` the
colours of the notes (each with how many notes have it), `x` shows every note again. What the
filter keeps, the tab's label and the status line are the state's (`ArticleState.filtering`,
`notes_tab`, `filter_status`); this only asks, through the dialog, and hands the answer on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.safe_text import one_line

if TYPE_CHECKING:
    from reader.dialogs import Ask
    from reader.screens.article.state import ArticleState, FilterKind

ALL = "\x00all"
"""The choice that drops the tag (or colour) from the filter (no tag holds a NUL)."""


def ask_filter(state: ArticleState, kind: FilterKind, *, ask: Ask,
               choose: Callable[[FilterKind, str | None], None],
               say: Callable[[str], None]) -> None:
    """Ask for a tag or colour of `state`'s notes to filter the list by (`choose` gets the
    kind and the value, None for any), or clear the filter at once; `say` tells the user
    when there is nothing to choose from."""
    from reader.dialogs.choice import ChoiceDialog

    if kind == "clear":
        choose("clear", None)
        return
    counts = state.filter_counts(kind)
    if not counts:
        say("No note has a tag (add tags in the note editor, a)" if kind == "tag"
            else "No notes yet")
        return
    prefix = "#" if kind == "tag" else ""
    choices = [(ALL, "All")] + [(value, f"{prefix}{one_line(value)} ({n})")
                               for value, n in counts]

    def chosen(answer: str | None) -> None:
        if answer is not None:
            choose(kind, None if answer == ALL else answer)

    title = "Show the notes with the tag" if kind == "tag" else "Show the notes in the colour"
    ask(ChoiceDialog(title, "", choices), chosen)
