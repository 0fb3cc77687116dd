"""Old name of `articles.sources.textio` (articles/ is grouped by job), kept importable: the same
module object, for code written before."""

import sys

from articles.sources.textio import *  # noqa: F403  (the names, for type checkers)

sys.modules[__name__] = sys.modules["articles.sources.textio"]
