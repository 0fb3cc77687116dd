"""Old name of `articles.library.entry` (articles/ is grouped by job), kept importable: the same
module object, for code written before."""

import sys

from articles.library.entry import *  # noqa: F403  (the names, for type checkers)

sys.modules[__name__] = sys.modules["articles.library.entry"]
