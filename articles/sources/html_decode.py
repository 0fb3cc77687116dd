"""Decoding a web page's bytes (charset from the headers, a BOM or the page's own meta tag) and
parsing it into an lxml tree. Imported only when a page is opened."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from articles.errors import ArticleError

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SNIFF_BYTES = 4096
"""How far into the page its `<meta charset>` is looked for."""


def charset_of(content_type: str | None) -> str | None:
    """The charset named by a Content-Type header ("text/html; charset=utf-8"), if any."""
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return m.group(1) if m else None


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def choose_encoding(data: bytes, content_type: str | None = None) -> str:
    """The encoding of a page: a BOM first, then the HTTP header, then the page's meta tag,
    then UTF-8 when the bytes are valid UTF-8, else windows-1252 (what browsers assume)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = _known(charset_of(content_type))
    if declared is None:
        m = _META_CHARSET.search(data[:SNIFF_BYTES])
        declared = _known(m.group(1).decode("ascii", "replace") if m else None)
    if declared in ("latin-1", "iso8859-1"):
        return "cp1252"  # what browsers read for a page declaring ISO-8859-1
    if declared == "ascii":
        return "utf-8" if _is_utf8(data) else "cp1252"
    if declared is not None:
        return declared
    return "utf-8" if _is_utf8(data) else "cp1252"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_page(data: bytes, content_type: str | None = None, where: object = "<page>") -> str:
    """The page's text, decoded as `choose_encoding` says (undecodable bytes replaced)."""
    if not data.strip():
        raise ArticleError(where, "the page is empty")
    return data.decode(choose_encoding(data, content_type), errors="replace")


def parse_html(text: str, where: object = "<page>") -> lxml.html.HtmlElement:
    """The page's document tree; ArticleError when it is not HTML at all."""
    text = _XML_DECLARATION.sub("", text, count=1).replace("\x00", "")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ArticleError(where, f"not readable as HTML ({exc})") from None
    return root
