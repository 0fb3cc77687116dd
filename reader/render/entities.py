"""People and documents as the People and Documents tabs show them, and the two lines every
person or document entry starts with (shared with the library's who's who and documents)."""

from __future__ import annotations

from rich.text import Text

from articles import Article, DocumentRef, Person
from reader.render.strip_chart import mention_strip
from reader.render.text import day
from reader.safe_text import one_line


def name_line(name: str, counts: str) -> Text:
    """A person's name or a document's code in bold, then how often it is mentioned."""
    return Text.assemble((one_line(name), "bold"), (f"  {counts}", "dim"))


def document_details(kind: str, issuer: str | None, when: str) -> str:
    """A document's type, issuer and date on one line ("Resolution · TW · 2022-06-16")."""
    return one_line(" · ".join(d for d in (kind, issuer or "", when) if d))


def person_prompt(article: Article, person: Person) -> Text:
    """Name and counts, the posts, and the mention strip."""
    by_name, by_role = len(person.name_mentions), len(person.role_mentions)
    text = name_line(person.name, f"{by_name}" + (f" + {by_role} by title" if by_role else ""))
    if person.roles:
        text.append("\n")
        text.append(one_line("; ".join(person.roles)), style="italic")
    text.append("\n")
    text.append(mention_strip((m.start for m in person.mentions), len(article.text)), style="cyan")
    return text


def document_prompt(article: Article, doc: DocumentRef) -> Text:
    """Code and count, type, issuer and date, and the mention strip."""
    text = name_line(doc.code, f"{len(doc.mentions)}")
    text.append("\n")
    when = day(doc.date) if doc.date else ""
    text.append(document_details(doc.type, doc.issuer, when), style="italic")
    if doc.subject:
        text.append("\n")
        text.append(one_line(doc.subject), style="dim")
    text.append("\n")
    text.append(mention_strip((m.start for m in doc.mentions), len(article.text)), style="cyan")
    return text
