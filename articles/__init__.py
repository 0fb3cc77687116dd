"""What an article is: parsing text into blocks and sections, and extracting the people, documents
and mentions in it, as plain dataclasses with offsets into one canonical text."""

from articles.errors import ArticleError
from articles.folding import fold
from articles.model import Article, Block, DocumentRef, Mention, Person, Section
from articles.parser import article_id, find_entities, load, parse
from articles.sample import sample_path

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
