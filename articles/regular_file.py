"""Old name of `articles.sources.regular_file` (articles/ is grouped by job), kept importable:
the same module object, for code written before."""

import sys

from articles.sources.regular_file import *  # noqa: F403  (the names, for type checkers)

sys.modules[__name__] = sys.modules["articles.sources.regular_file"]
