"""Plain-dict views of an article for JSON output, in the shapes DESIGN.md §2 documents."""

from __future__ import annotations

from typing import Any

from articles.model import Article, DocumentRef, Mention, Person


def mention_dict(article: Article, mention: Mention) -> dict[str, Any]:
    """`{"start", "end", "text", "kind"}` for one mention."""
    return {
        "start": mention.start,
        "end": mention.end,
        "text": article.text[mention.start : mention.end],
        "kind": mention.kind,
    }


def person_dict(article: Article, person: Person) -> dict[str, Any]:
    """`{"name", "roles", "mentions"}` for one person."""
    return {
        "name": person.name,
        "roles": list(person.roles),
        "mentions": [mention_dict(article, m) for m in person.mentions],
    }


def document_dict(article: Article, document: DocumentRef) -> dict[str, Any]:
    """`{"code", "type", "issuer", "date", "subject", "mentions"}` for one document."""
    return {
        "code": document.code,
        "type": document.type,
        "issuer": document.issuer,
        "date": document.date.isoformat() if document.date else None,
        "subject": document.subject,
        "mentions": [mention_dict(article, m) for m in document.mentions],
    }


def outline_dict(article: Article) -> dict[str, Any]:
    """Title, authors, publication time, source and the sections with their blocks."""
    return {
        "id": article.id,
        "path": str(article.path) if article.path else None,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published.isoformat(timespec="minutes")
        if article.published and article.published.second == 0
        else (article.published.isoformat() if article.published else None),
        "source": article.source,
        "sections": [
            {
                "title": section.title,
                "heading": {"start": section.heading.start, "end": section.heading.end}
                if section.heading
                else None,
                "blocks": [
                    {"kind": b.kind, "start": b.start, "end": b.end} for b in section.blocks
                ],
            }
            for section in article.sections
        ],
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in article.blocks],
    }
