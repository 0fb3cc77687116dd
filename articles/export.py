"""Plain-dict views of an article, and of a library of articles, for JSON output, in the shapes
docs/design.md §2 documents."""

from __future__ import annotations

from typing import Any

from articles.library.build import ArticleSummary, LibraryDocument, LibraryMention, LibraryPerson
from articles.model import Article, DocumentRef, Mention, Person, iso_day


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
        "url": article.url,
        "title": article.title or None,  # no headline: null (docs/design.md §9)
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


def summary_dict(summary: ArticleSummary) -> dict[str, Any]:
    """One library article: `{"path", "id", "title", "authors", "published", "source",
    "people", "documents", "error"}` (counts for people and documents)."""
    return {
        "path": str(summary.path),
        "id": summary.id or None,
        "title": summary.title,
        "authors": list(summary.authors),
        "published": summary.published.isoformat(timespec="minutes")
        if summary.published
        else None,
        "source": summary.source,
        "people": summary.people_count,
        "documents": summary.documents_count,
        "error": summary.error,
    }


def library_mention_dict(mention: LibraryMention, with_article: bool = True) -> dict[str, Any]:
    """`{"article", "date", "start", "end", "text", "kind", "context"}` for a mention in the
    library (`article` is the file's path, `date` the article's, YYYY-MM-DD or null)."""
    data: dict[str, Any] = (
        {"article": str(mention.path), "date": iso_day(mention.date)} if with_article else {}
    )
    data.update(
        start=mention.start, end=mention.end, text=mention.text, kind=mention.kind,
        context=mention.context,
    )
    return data


def library_person_dict(person: LibraryPerson) -> dict[str, Any]:
    """`{"key", "name", "roles", "posts": [{"role", "dates": [{"date", "article"}]}],
    "mentions"}` for a person across the library."""
    return {
        "key": person.key,
        "name": person.name,
        "roles": list(person.roles),
        "posts": [
            {"role": post.role,
             "dates": [{"date": iso_day(d.date), "article": str(d.article)} for d in post.dates]}
            for post in person.posts
        ],
        "mentions": [library_mention_dict(m) for m in person.mentions],
    }


def library_document_dict(document: LibraryDocument) -> dict[str, Any]:
    """`{"key", "code", "type", "issuer", "date", "subject", "doubt", "candidates",
    "citations": [{"article", "date", "mentions"}]}` for a document across the library."""
    return {
        "key": document.key,
        "code": document.code,
        "type": document.type,
        "issuer": document.issuer,
        "date": iso_day(document.date),
        "subject": document.subject,
        "doubt": document.doubt,
        "candidates": list(document.candidates),
        "citations": [
            {"article": str(c.path), "date": iso_day(c.date),
             "mentions": [library_mention_dict(m, with_article=False) for m in c.mentions]}
            for c in document.citations
        ],
    }
