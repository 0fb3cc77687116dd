"""What an article is: parsing text into blocks and sections, and extracting the people, documents
and mentions in it, as plain dataclasses with offsets into one canonical text."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from articles.errors import ArticleError
    from articles.folding import fold
    from articles.model import Article, Block, DocumentRef, Mention, Person, Section
    from articles.parsing.parser import find_entities, parse
    from articles.sources.opening import load
    from articles.sources.sample import sample_path
    from articles.sources.textio import article_id

_HOME = {
    "ArticleError": "errors", "fold": "folding", "Article": "model", "Block": "model",
    "DocumentRef": "model", "Mention": "model", "Person": "model", "Section": "model",
    "article_id": "sources.textio", "find_entities": "parsing.parser", "load": "sources.opening",
    "parse": "parsing.parser", "sample_path": "sources.sample",
}


def __getattr__(name: str) -> Any:
    """Import a name's module on first use, so `import articles.errors` stays cheap."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'articles' has no attribute {name!r}")
    return getattr(import_module(f"articles.{module}"), name)


__all__ = [
    "Article",
    "ArticleError",
    "Block",
    "DocumentRef",
    "Mention",
    "Person",
    "Section",
    "article_id",
    "find_entities",
    "fold",
    "load",
    "parse",
    "sample_path",
]
