"""Opening an article: a text file is read, canonicalised and parsed; a saved web page (.html,
.htm) or an http(s) address is read by `articles.sources.loader`. With a cache, an article read
before comes from it without the parser."""

from __future__ import annotations

from pathlib import Path

from articles.cache.article_cache import ArticleCache
from articles.model import Article
from articles.sources import is_page
from articles.sources.textio import read_text


def load(path: str | Path, *, entities: bool = True) -> Article:
    """Read, canonicalise and parse an article file (ArticleError on unreadable input); a saved
    web page (.html, .htm) or an http(s) address is read by `articles.sources.loader`."""
    if is_page(path):
        from articles.sources.loader import load_page

        return load_page(path)
    from articles.parsing.parser import parse

    p = Path(path)
    return parse(read_text(p), path=p, entities=entities)


def load_cached(path: Path | str, cache: ArticleCache | None = None, *, entities: bool = True
                ) -> Article:
    """The article in the file at `path`: kept in `cache`, else parsed (for its layout only,
    without `entities`; a whole parse is kept for next time). A saved web page or an http(s)
    address goes to `articles.sources.loader` (always parsed whole). ArticleError on unreadable
    input."""
    if is_page(path):
        from articles.sources.loader import load_page

        return load_page(path, cache)
    path = Path(path)
    text = read_text(path)
    found = cache.get(text, path) if cache is not None else None
    if found is not None:
        return found
    from articles.parsing.parser import parse  # only for an article the cache has not seen

    article = parse(text, path, entities=entities)
    if cache is not None:
        cache.put(article)
    return article
