"""From a page's bytes to an `Article`: decode, parse, extract the article from the markup,
compose the canonical text and find people and documents with the text parser's finders."""

from __future__ import annotations

import re
from pathlib import Path

from articles.errors import ArticleError
from articles.model import Article
from articles.parsing.parser import parse_structured
from articles.sources.compose import body_chars, compose
from articles.sources.html_decode import decode_page, parse_html
from articles.sources.html_page import extract

SAVED_FROM = re.compile(r"^\s*<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->")
"""The mark a browser (and `reader save --to`) puts at the top of a saved page."""

MIN_ARTICLE_CHARS = 80
"""A page whose lead and paragraphs hold less text than this has no article to read."""


def article_from_html(
    data: bytes, *, content_type: str | None = None, path: Path | None = None,
    url: str | None = None, where: object = None,
) -> Article:
    """The article of an HTML page. `url` is the address it was fetched from (else the address
    a saved page was saved from, else the page's canonical address, if it gives one);
    ArticleError (naming `where`) when the page holds no article text."""
    name = where if where is not None else (url or path or "<page>")
    page = decode_page(data, content_type, name)
    saved_from = SAVED_FROM.match(page)
    doc = parse_html(page, name)
    content = extract(doc)
    composed = compose(content)
    if body_chars(composed) < MIN_ARTICLE_CHARS:
        raise ArticleError(name, "no article text found on the page")
    return parse_structured(
        composed.text, composed.blocks, authors=composed.authors,
        published=content.meta.published, source=content.meta.site_name, path=path,
        url=url or (saved_from.group(1) if saved_from else None) or content.meta.url,
    )
