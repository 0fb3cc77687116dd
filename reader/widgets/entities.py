"""The People and Documents tabs: each entry with its posts or details, a mention count and a
strip showing where in the article its mentions fall."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from articles import Article, DocumentRef, Person
from reader.safe_text import one_line
from reader.widgets.strip_chart import mention_strip


def person_prompt(article: Article, person: Person) -> Text:
    """Name and counts, the posts, and the mention strip."""
    by_name, by_role = len(person.name_mentions), len(person.role_mentions)
    counts = f"{by_name}" + (f" + {by_role} by title" if by_role else "")
    text = Text.assemble((one_line(person.name), "bold"))
    text.append(f"  {counts}", style="dim")
    roles = [r for r in person.roles]
    if roles:
        text.append("\n")
        text.append(one_line("; ".join(roles)), style="italic")
    text.append("\n")
    text.append(mention_strip((m.start for m in person.mentions), len(article.text)), style="cyan")
    return text


def document_prompt(article: Article, doc: DocumentRef) -> Text:
    """Code and count, type, issuer and date, and the mention strip."""
    text = Text.assemble((one_line(doc.code), "bold"))
    text.append(f"  {len(doc.mentions)}", style="dim")
    details = [doc.type, doc.issuer or "", doc.date.isoformat() if doc.date else ""]
    text.append("\n")
    text.append(one_line(" · ".join(d for d in details if d)), style="italic")
    if doc.subject:
        text.append("\n")
        text.append(one_line(doc.subject), style="dim")
    text.append("\n")
    text.append(mention_strip((m.start for m in doc.mentions), len(article.text)), style="cyan")
    return text


class EntityList(OptionList):
    """Entries of one kind, one option each (ids "<prefix>-<index>"), separated by rules."""

    def __init__(self, prompts: list[Text], prefix: str, empty: str, *,
                 id: str | None = None) -> None:
        options: list[Option | None] = []
        for i, prompt in enumerate(prompts):
            if i:
                options.append(None)
            options.append(Option(prompt, id=f"{prefix}-{i}"))
        if not options:
            options.append(Option(Text(empty, style="dim"), disabled=True))
        super().__init__(*options, id=id, markup=False)


class PeopleList(EntityList):
    """Everyone the article names; choosing a person marks and walks their mentions."""

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        self.article = article
        super().__init__([person_prompt(article, p) for p in article.people], "person",
                         "No people found in this article.", id=id)


class DocumentsList(EntityList):
    """Every document the article cites; choosing one marks and walks its mentions."""

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        self.article = article
        super().__init__([document_prompt(article, d) for d in article.documents], "document",
                         "No documents cited in this article.", id=id)
