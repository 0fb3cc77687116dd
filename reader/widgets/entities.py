"""The People and Documents tabs: each entry with its posts or details, a mention count and a
strip showing where in the article its mentions fall (drawn by `reader.render.entities`);
choosing one posts `PersonChosen` or `DocumentChosen` with its key."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from articles import Article
from reader.render.entities import document_prompt, person_prompt


class EntityList(OptionList):
    """Entries of one kind (keyed), one option each, separated by rules; choosing one posts
    `chosen(key)`."""

    def __init__(self, entries: list[tuple[str, Text]], empty: str,
                 chosen: Callable[[str], Message], *, id: str | None = None) -> None:
        self._chosen = chosen
        options: list[Option | None] = []
        self._keys: dict[str, str] = {}
        for i, (key, prompt) in enumerate(entries):
            if i:
                options.append(None)
            self._keys[f"entry-{i}"] = key
            options.append(Option(prompt, id=f"entry-{i}"))
        if not options:
            options.append(Option(Text(empty, style="dim"), disabled=True))
        super().__init__(*options, id=id, markup=False)

    @on(OptionList.OptionSelected)
    def _entry_selected(self, event: OptionList.OptionSelected) -> None:
        key = self._keys.get(event.option.id or "")
        if event.option_list is self and key is not None:
            event.stop()
            self.post_message(self._chosen(key))


class PeopleList(EntityList):
    """Everyone the article names; choosing a person marks and walks their mentions."""

    class PersonChosen(Message):
        """The person whose key is `key` was chosen."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        self.article = article
        super().__init__([(p.key, person_prompt(article, p)) for p in article.people],
                         "No people found in this article.", self.PersonChosen, id=id)


class DocumentsList(EntityList):
    """Every document the article cites; choosing one marks and walks its mentions."""

    class DocumentChosen(Message):
        """The document whose key is `key` was chosen."""

        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        self.article = article
        super().__init__([(d.key, document_prompt(article, d)) for d in article.documents],
                         "No documents cited in this article.", self.DocumentChosen, id=id)
