"""The header above the article: title, then authors, date and source."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from articles import Article
from reader.safe_text import one_line


def _when(published: datetime) -> str:
    """The publication date, with its time unless the article gave none (read as midnight)."""
    if published.hour == published.minute == published.second == 0:
        return f"{published:%B %-d, %Y}"
    return f"{published:%B %-d, %Y %H:%M}"


def header_text(article: Article) -> Text:
    """Title in bold (an article without a headline shows its file name, or its address,
    dimmed); authors · date · source below it, dimmed; a web page's address under them."""
    if article.title:
        text = Text.assemble((one_line(article.title), "bold"))
    else:
        name = article.path.name if article.path else (article.url or "(untitled)")
        text = Text.assemble((one_line(name), "bold dim"))
    meta = [
        ", ".join(article.authors),
        _when(article.published) if article.published else "",
        article.source or "",
    ]
    line = " · ".join(m for m in meta if m)
    if line:
        text.append("\n")
        text.append(one_line(line), style="dim")
    if article.url:
        text.append("\n")
        text.append(one_line(article.url), style="dim italic")
    return text


class ArticleHeader(Static):
    """Shows the article's title and metadata as plain text (never markup)."""

    def __init__(self, article: Article, *, id: str | None = None) -> None:
        super().__init__(header_text(article), id=id, markup=False)
