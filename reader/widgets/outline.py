"""The outline on the left: the article's sections; it follows the reading position."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from articles import Article, Section
from reader.safe_text import one_line


def _label(section: Section) -> str:
    title = section.title
    if title.isupper():
        title = title.capitalize()
    return one_line(title)


class Outline(OptionList):
    """Sections of the article; choosing one posts `SectionChosen`."""

    class SectionChosen(Message):
        """Section number `index` of the article was chosen."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, article: Article, *, at: int = 0, id: str | None = None) -> None:
        self.article = article
        self._start_offset = at
        options = [
            Option(Text(_label(section)), id=f"section-{i}")
            for i, section in enumerate(article.sections)
        ]
        super().__init__(*options, id=id, markup=False)

    def on_mount(self) -> None:
        self.follow(self._start_offset)

    @on(OptionList.OptionSelected)
    def _section_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self:
            event.stop()
            self.post_message(self.SectionChosen(event.option_index))

    def section_index_at(self, offset: int) -> int | None:
        """The section the reading position `offset` is in (the last one started; the first
        for the title and byline above it)."""
        index = 0 if self.article.sections else None
        for i, section in enumerate(self.article.sections):
            if section.start <= offset:
                index = i
        return index

    def follow(self, offset: int) -> None:
        """Highlight the section holding `offset` without taking focus."""
        index = self.section_index_at(offset)
        if index is not None and index != self.highlighted:
            self.highlighted = index
