"""Old name of `articles.cache.fulltext` (articles/ is grouped by job), kept importable: the same
module object, for code written before."""

import sys

from articles.cache.fulltext import *  # noqa: F403  (the names, for type checkers)

sys.modules[__name__] = sys.modules["articles.cache.fulltext"]
