"""Copying a passage: the selection, or the sentence at the cursor, to the system clipboard
(OSC 52 through Textual), plain or as a citation (quote, title, outlet, date, address)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from articles import Article
from reader.wording import counted

if TYPE_CHECKING:
    from reader.screens.article.note_saving import NotesHost


def citation(article: Article, quote: str) -> str:
    """The quote in quotation marks, then a line naming where it comes from: title, outlet,
    date and, for a web page, its address."""
    parts = [_field(article.title)] if article.title and _field(article.title) else []
    if article.source and _field(article.source):
        parts.append(_field(article.source))
    if article.published is not None:
        parts.append(f"{article.published:%-d %B %Y}")
    if article.url:
        parts.append(article.url)
    quoted = "“" + " ".join(quote.split()) + "”"
    return quoted + ("\n— " + ", ".join(parts) if parts else "")


def _field(text: str) -> str:
    """A citation field on one line, without a closing full stop, comma, colon or semicolon
    (the fields are joined with ", ", so "Office." would give "Office., outlet")."""
    return " ".join(text.split()).rstrip(".,;:")


def copy_passage(screen: NotesHost, *, cite: bool = False) -> str | None:
    """Copy the selection (or the cursor's sentence), as a citation with `cite`; say so on
    the status line. Returns what was copied (None when nothing could be)."""
    state = screen.sync_cursor()
    if state.selection is None and state.cursor is None:
        screen.status.message = "Nothing to copy: select text or move the cursor to it"
        return None
    span = state.target()
    if span is None:
        screen.status.message = "Nothing to copy: the selection is only white space"
        return None
    quote = state.article.text[span[0] : span[1]]
    text = citation(state.article, quote) if cite else quote
    screen.app.copy_to_clipboard(text)
    what = "the selection" if state.selection is not None else "the sentence"
    words = len(quote.split())
    screen.status.message = (f"Copied {what} ({counted(words, 'word')})"
                             + (" as a citation" if cite else ""))
    return text
