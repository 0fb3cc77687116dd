"""Articles from web pages: saved HTML files and http(s) addresses, read into the same
`Article` as a text file. The HTML machinery (lxml, httpx) is imported only when a page is
opened, and not even then when the page was read before (see `articles.sources.loader`)."""

from __future__ import annotations

from pathlib import Path

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
"""File name endings of saved web pages."""


def is_url(target: str | Path) -> bool:
    """Whether a command-line argument is a web address rather than a file path."""
    return isinstance(target, str) and target[:8].lower().startswith(("http://", "https://"))


def is_address_like(target: str | Path) -> bool:
    """Whether the argument looks like an address of some scheme ("ftp://...", "file://...")."""
    return isinstance(target, str) and "://" in target[:20] and not Path(target).exists()


def is_html_path(path: str | Path) -> bool:
    """Whether a file is a saved web page, by its name."""
    return Path(path).suffix.lower() in HTML_SUFFIXES


def is_page(target: str | Path) -> bool:
    """Whether opening `target` goes through the web page loader."""
    return is_url(target) or is_address_like(target) or is_html_path(target)

MAX_PAGE_BYTES = 10 * 1024 * 1024
"""The largest page (decoded) the reader takes, fetched or saved."""
