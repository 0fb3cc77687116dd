"""Turning article text into an `Article`: blocks, metadata, sections, people, documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from articles.model import Article, Block
from articles.parsing.blocks import classify
from articles.parsing.credits import Credit
from articles.parsing.dates import find_datetime
from articles.parsing.metadata import parse_byline, photo_credits, source_of
from articles.parsing.sections import build_sections
from articles.sources.textio import article_id, canonicalize

TITLE_STAMP = re.compile(r"\s*\(([^()]{8,40})\)$")
"""A date and time in brackets closing a headline."""


def parse(text: str, path: Path | None = None, *, entities: bool = True) -> Article:
    """Parse article text (canonicalised first) into an Article. Never raises on any text.

    With `entities=False` only the layout is parsed (blocks, sections, metadata: milliseconds
    even for 1 MB) and people and documents are left for `find_entities`, so a long article can
    be shown at once and its index filled in afterwards."""
    text = canonicalize(text)
    if entities:
        from articles.parsing.documents import find_documents  # not needed for the layout alone
        from articles.parsing.people import find_people
    blocks = classify(text)
    title_block = next((b for b in blocks if b.kind == "title"), None)
    bylines = [parse_byline(text, b) for b in blocks if b.kind == "byline"]
    byline_credits = [c for by in bylines for c in by.authors]
    published = next((by.published for by in bylines if by.published), None)
    credits = [*byline_credits, *photo_credits(text, blocks)]
    title = " ".join(text[title_block.start : title_block.end].split()) if title_block else None
    stamp = TITLE_STAMP.search(title) if title else None
    stamped = find_datetime(stamp.group(1)) if stamp else None
    if stamp is not None and stamped is not None:
        # "Headline (09:43 05/04/2021)": the page's time printed after its headline.
        published = published or stamped[1]
        title = title[: stamp.start()] if title else None
    authors = tuple(author_name(text[c.start : c.end]) for c in byline_credits
                    if "author" in c.roles)
    return Article(
        id=article_id(text),
        path=path,
        title=title,
        authors=tuple(dict.fromkeys(authors)),
        published=published,
        source=source_of(text, blocks),
        text=text,
        blocks=tuple(blocks),
        sections=build_sections(text, blocks),
        people=tuple(find_people(text, blocks, credits)) if entities else (),
        documents=tuple(find_documents(text, blocks)) if entities else (),
        entities_found=entities,
    )


def parse_structured(
    text: str, blocks: Sequence[Block], *, authors: Sequence[Credit] = (),
    published: datetime | None = None, source: str | None = None, path: Path | None = None,
    url: str | None = None,
) -> Article:
    """An Article over canonical `text` whose blocks (and byline authors, date and source) are
    already known, as from a web page's markup; people and documents are found as by `parse`,
    with the same finders. The title is the text of the title block, if any."""
    from articles.parsing.documents import find_documents
    from articles.parsing.people import find_people

    blocks = tuple(blocks)
    title_block = next((b for b in blocks if b.kind == "title"), None)
    credits = [*authors, *photo_credits(text, blocks)]
    return Article(
        id=article_id(text),
        path=path,
        title=" ".join(text[title_block.start : title_block.end].split()) if title_block else None,
        authors=tuple(author_name(text[a.start : a.end]) for a in authors),
        published=published,
        source=source if source is not None else source_of(text, blocks),
        text=text,
        blocks=blocks,
        sections=build_sections(text, blocks),
        people=tuple(find_people(text, blocks, credits)),
        documents=tuple(find_documents(text, blocks)),
        url=url,
    )


def find_entities(article: Article) -> Article:
    """The article with its people and documents found (after `parse(..., entities=False)`)."""
    if article.entities_found:
        return article
    full = parse(article.text, article.path)
    return replace(article, people=full.people, documents=full.documents, entities_found=True)


def author_name(written: str) -> str:
    """An author's name as the article shows it: a name of two words or more printed in
    capitals ("PHẠM ĐÔNG |", "Text and photos: HÀ VĂN") in title case, as the people list
    names the same person; anything else as written."""
    words = written.split()
    if len(words) >= 2 and written.isupper():
        return " ".join(w.title() for w in words)
    return written
