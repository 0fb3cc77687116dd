"""Small builders shared by the annotations tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from annotations import Annotation, ArticleRef, Target, new_annotation
from articles import Article

FIXED = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


def quote_annotation(article: Article, quote: str, **kwargs: object) -> Annotation:
    """An annotation on the first occurrence of `quote` in the article."""
    start = article.text.index(quote)
    return new_annotation(article, start, start + len(quote), **kwargs)  # type: ignore[arg-type]


def plain(i: int, *, article_id: str = "0123456789abcdef", path: str = "/x/a.txt") -> Annotation:
    """A valid annotation that needs no article (for store tests)."""
    exact = f"passage number {i}"
    return Annotation(
        id=str(uuid.UUID(int=i + 1)),
        article=ArticleRef(id=article_id, path=path, title="An article"),
        target=Target(
            exact=exact, prefix="before ", suffix=" after", start=10 * i, end=10 * i + len(exact)
        ),
        color="yellow",
        note=f"note {i}",
        tags=("t",),
        created=FIXED,
        updated=FIXED,
    )
