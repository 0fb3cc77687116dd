"""Old name of `articles.cache.article_cache` (articles/ is grouped by job), kept importable
for code written before: the cache's names, and `load` (now `articles.sources.opening`)."""

from articles.cache.article_cache import ArticleCache, default_root
from articles.sources.opening import load_cached as load

__all__ = ["ArticleCache", "default_root", "load"]
