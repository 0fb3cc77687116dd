"""The Notes tab's filter on the article screen: `t` picks a tag and `c` a colour (each with
how many notes have it), `x` shows every note again. Only the list is filtered: the text keeps
showing every highlight. The logic is `annotations.note_filter`'s."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotations.note_filter import NoteFilter, color_counts, tag_counts
from reader.safe_text import one_line

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from reader.screens.article.reading import ArticleReading


ALL = "\x00all"
"""The choice that drops the tag (or colour) from the filter (no tag holds a NUL)."""


def filtered(screen: ArticleReading, anchored: list[Anchored]
             ) -> tuple[list[Anchored], str | None, str]:
    """What the list shows under the screen's filter, what it says when that is nothing, and
    the tab's label ("Notes 7", "Notes 2 of 7 · #land")."""
    note_filter = screen.note_filter.without_missing(anchored)
    screen.note_filter = note_filter
    count = len(anchored)
    orphans = sum(1 for a in anchored if a.status == "orphan")
    if not note_filter.active:
        label = f"Notes {count}" + (f" ({orphans} unanchored)" if orphans else "")
        return anchored, None, label
    shown = note_filter.apply(anchored)
    label = f"Notes {len(shown)} of {count} · {one_line(note_filter.describe())}"
    return shown, "No note matches the filter: x shows them all.", label


def ask_filter(screen: ArticleReading, kind: str) -> None:
    """Ask for a tag or colour (`kind` "tag", "color") to filter the list by, or clear it."""
    from reader.dialogs.choice import ChoiceDialog

    if kind == "clear":
        _apply(screen, NoteFilter())
        return
    items = screen.anchored
    counts = tag_counts(items) if kind == "tag" else color_counts(items)
    if not counts:
        screen.status.message = ("No note has a tag (add tags in the note editor, a)"
                                 if kind == "tag" else "No notes yet")
        return
    prefix = "#" if kind == "tag" else ""
    choices = [(ALL, "All")] + [(value, f"{prefix}{one_line(value)} ({n})")
                               for value, n in counts]

    def chosen(answer: str | None) -> None:
        if answer is None:
            return
        value = None if answer == ALL else answer
        current = screen.note_filter
        _apply(screen, replace(current, tag=value) if kind == "tag"
               else replace(current, color=value))

    title = "Show the notes with the tag" if kind == "tag" else "Show the notes in the colour"
    screen.app.push_screen(ChoiceDialog(title, "", choices), chosen)


def _apply(screen: ArticleReading, note_filter: NoteFilter) -> None:
    screen.note_filter = note_filter
    screen.show_annotations(screen.anchored)
    screen.status.message = ("Notes: " + note_filter.describe() if note_filter.active
                             else "Notes: all")
