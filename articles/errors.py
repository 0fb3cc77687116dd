"""The one exception the articles package raises for input it cannot read."""

from __future__ import annotations


class ArticleError(Exception):
    """A file that is not a readable article; the message names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
