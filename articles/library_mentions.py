"""Old name of `articles.library.mentions` (articles/ is grouped by job), kept importable: the same
module object, for code written before."""

import sys

from articles.library.mentions import *  # noqa: F403  (the names, for type checkers)

sys.modules[__name__] = sys.modules["articles.library.mentions"]
