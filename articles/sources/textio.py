"""Reading an article file into the canonical text: decoded, NFC, `\n` line ends, no BOM."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from pathlib import Path

from articles.errors import ArticleError
from articles.sources.regular_file import FileTooLarge, NotRegularFile, read_regular

MAX_BYTES = 64 * 1024 * 1024
"""Refuse files larger than this: no news article comes near it."""


def decode(data: bytes, path: object = "<bytes>") -> str:
    """Decode article bytes: UTF-8 with or without BOM, or UTF-16 with a BOM."""
    if not data:
        raise ArticleError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encoding = "utf-32"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8" and b"\x00" in data[:4096]:
            raise ArticleError(path, "not a text file (it holds binary data)") from None
        raise ArticleError(
            path,
            f"not readable as {encoding.upper().replace('-SIG', '')} text "
            f"(invalid byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    if "\x00" in text:
        raise ArticleError(path, "not a text file (it holds NUL characters)")
    return text


def article_id(text: str) -> str:
    """The identity of an article: a content hash of its canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def canonicalize(text: str) -> str:
    """The canonical form every offset refers to: NFC, `\n` line ends, no BOM."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_text(path: str | Path) -> str:
    """Read and canonicalise an article file; ArticleError names the file and the problem.
    Only a regular file is read (a FIFO or a device is refused, without waiting on it), and
    never more than MAX_BYTES of it."""
    p = Path(path)
    try:
        data = read_regular(p, MAX_BYTES)
    except NotRegularFile as exc:
        if exc.kind == "a directory":
            raise ArticleError(p, "is a directory, not an article file") from None
        raise ArticleError(p, f"{exc.strerror}, not an article file") from None
    except FileTooLarge:
        raise ArticleError(p, f"too large for an article (over {MAX_BYTES:,} bytes)") from None
    except FileNotFoundError:
        raise ArticleError(p, "no such file") from None
    except PermissionError:
        raise ArticleError(p, "permission denied") from None
    except OSError as exc:
        raise ArticleError(p, exc.strerror or str(exc)) from None
    text = canonicalize(decode(data, p))
    if not text.strip():
        raise ArticleError(p, "the file holds no text (only white space)")
    return text
