"""The Notes tab: every highlight and note of this article in reading order, grouped by section,
and the ones that no longer anchor in their own "Unanchored" group (never hidden)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotations.article_notes import placed_span
from reader.render.notes import note_prompt
from reader.render.text import shorten

if TYPE_CHECKING:
    from annotations.anchoring import Anchored
    from articles import Article

class NotesList(OptionList):
    """Annotations of one article (option ids are the annotation ids); choosing one posts
    `NoteChosen`. `t` and `c` ask for a tag or colour to show only those, `x` shows all again
    (`FilterAsked`: the screen filters)."""

    BINDINGS = [
        Binding("t", "filter('tag')", "Filter by tag"),
        Binding("c", "filter('color')", "Filter by colour"),
        Binding("x", "filter('clear')", "Show all notes"),
    ]

    class NoteChosen(Message):
        """The annotation whose id is `annotation_id` was chosen."""

        def __init__(self, annotation_id: str) -> None:
            self.annotation_id = annotation_id
            super().__init__()

    class FilterAsked(Message):
        """The user asked to filter the notes by "tag" or "color", or to "clear" it."""

        def __init__(self, kind: str) -> None:
            self.kind = kind
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def action_filter(self, kind: str) -> None:
        """Ask the screen to filter (or stop filtering) the list."""
        self.post_message(self.FilterAsked(kind))

    @on(OptionList.OptionSelected)
    def _note_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self and event.option.id:
            event.stop()
            self.post_message(self.NoteChosen(event.option.id))

    def show(self, article: Article, items: Sequence[Anchored],
             saving: Mapping[str, str] | None = None, empty: str | None = None) -> None:
        """Replace the list with `items`, anchored first by position, then the orphans;
        `saving` gives the save state of those whose change is not on disk yet."""
        saving = saving or {}
        spans = {i.annotation.id: span for i in items if (span := placed_span(i)) is not None}
        anchored = sorted((i for i in items if i.annotation.id in spans),
                          key=lambda i: spans[i.annotation.id])
        orphans = [i for i in items if i.annotation.id not in spans]
        options: list[Option | None] = []
        current_section: str | None = None
        for item in anchored:
            section = article.section_at(spans[item.annotation.id][0])
            title = section.title if section else "Title and byline"
            if title != current_section:
                current_section = title
                options.append(Option(Text(shorten(title, 60), style="bold underline"),
                                      disabled=True))
            options.append(Option(note_prompt(item.annotation, item.status,
                                              saving.get(item.annotation.id)),
                                  id=item.annotation.id))
        if orphans:
            options.append(Option(Text(f"Unanchored ({len(orphans)})", style="bold red"),
                                  disabled=True))
            for item in orphans:
                options.append(Option(note_prompt(item.annotation, item.status,
                                              saving.get(item.annotation.id)),
                                  id=item.annotation.id))
        if not options:
            options.append(Option(Text(empty or "No highlights yet: select text and press h.",
                                       style="dim"), disabled=True))
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted
