"""Opening a web page as an article: a saved HTML file, or an http(s) address read from the page
store (fetched and stored the first time, or again on refresh). The extracted text of each page
body is kept in the article cache, so a page read before opens without lxml or the parser."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from articles.cache.files import write_atomic
from articles.errors import ArticleError
from articles.model import Article
from articles.sources import MAX_PAGE_BYTES, is_url
from articles.sources.page_store import PageStore, StoredPage

if TYPE_CHECKING:
    from articles.sources.fetch import FetchLimits

Notify = Callable[[str], None]
"""Told what is happening when the network is used ("Fetching https://..."), for a progress
message."""


@dataclass(frozen=True, slots=True)
class Opened:
    """A page opened from an address: the article, its stored copy, and the article the store
    held before a refresh (None when the page was not stored before, or not refreshed)."""

    article: Article
    stored: StoredPage
    before: Article | None
    fetched: bool


class PageCache(Protocol):
    """Where parsed pages are kept (`articles.cache.article_cache.ArticleCache` is one)."""

    directory: Path

    def get(self, text: str, path: Path | None = None) -> Article | None: ...

    def put(self, article: Article) -> None: ...


def _text_entry(cache: PageCache, digest: str) -> Path:
    return cache.directory / "pages" / f"{digest}.txt"


def article_of_bytes(data: bytes, *, content_type: str | None = None, path: Path | None = None,
                     url: str | None = None, where: object = None,
                     cache: PageCache | None = None) -> Article:
    """The article of a page body, from the cache when this body was read before."""
    digest = hashlib.sha256(data).hexdigest()[:32]
    if cache is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = _text_entry(cache, digest).read_bytes().decode("utf-8")
            found = cache.get(text, path)
            if found is not None:
                return found if url is None or found.url == url else replace(found, url=url)
    from articles.sources.html_article import article_from_html

    article = article_from_html(data, content_type=content_type, path=path, url=url,
                                where=where)
    if cache is not None:
        cache.put(article)
        with contextlib.suppress(OSError):
            write_atomic(_text_entry(cache, digest), article.text.encode("utf-8"))
    return article


def read_page_file(path: Path) -> bytes:
    """The bytes of a saved page (a regular file of at most `MAX_PAGE_BYTES`, read with
    `articles.sources.regular_file`); ArticleError naming the file and the problem otherwise."""
    from articles.sources.regular_file import FileTooLarge, NotRegularFile, read_regular

    try:
        return read_regular(path, MAX_PAGE_BYTES)
    except NotRegularFile as exc:
        if exc.kind == "a directory":
            raise ArticleError(path, "is a directory, not an article file") from None
        raise ArticleError(path, f"not a regular file (it is {exc.kind})") from None
    except FileTooLarge:
        raise ArticleError(path, f"too large for a web page (more than {MAX_PAGE_BYTES:,} "
                                 "bytes)") from None
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except PermissionError:
        raise ArticleError(path, "permission denied") from None
    except OSError as exc:
        raise ArticleError(path, exc.strerror or str(exc)) from None


def load_html_file(path: str | Path, cache: PageCache | None = None) -> Article:
    """The article of a saved web page (its address, if it names one, as `Article.url`)."""
    p = Path(path)
    return article_of_bytes(read_page_file(p), path=p, where=p, cache=cache)


def _from_store(stored: StoredPage, url: str, cache: PageCache | None) -> Article:
    try:
        data = stored.body()
    except OSError as exc:
        raise ArticleError(url, f"the stored copy cannot be read ({exc.strerror or exc})") from None
    return article_of_bytes(data, content_type=stored.content_type, url=stored.final_url,
                            where=url, cache=cache)


def open_url(url: str, cache: PageCache | None = None, *, refresh: bool = False,
             store: PageStore | None = None, limits: FetchLimits | None = None,
             notify: Notify | None = None) -> Opened:
    """The article at `url`: the stored copy if there is one (no network), else fetched, read
    and stored; with `refresh`, fetched again, conditionally when the stored copy has an ETag
    or Last-Modified (a "304 Not Modified" keeps the copy and records the fetch time); the copy
    is replaced only if the new page holds an article. ArticleError with a one-line reason on
    any failure; nothing is stored then."""
    store = store if store is not None else PageStore()
    stored = store.get(url)
    before: Article | None = None
    if stored is not None:
        try:
            before = _from_store(stored, url, cache)
        except ArticleError:
            if not refresh:
                raise
        if not refresh and before is not None:
            return Opened(before, stored, None, fetched=False)
    from articles.sources.fetch import Validators, check_address, fetch

    check_address(url)
    if notify is not None:
        notify(f"Fetching {url}")
    validators = (Validators(stored.etag, stored.last_modified)
                  if stored is not None and before is not None else None)
    page = fetch(url, limits, validators)
    if page.not_modified and stored is not None and before is not None:
        try:
            stored = store.touch(url, fetched=page.fetched)
        except OSError as exc:
            raise ArticleError(url, f"cannot store the page ({exc.strerror or exc})") from None
        return Opened(before, stored, before, fetched=True)
    article = article_of_bytes(page.body, content_type=page.content_type, url=page.final_url,
                               where=url, cache=cache)
    try:
        stored = store.put(url, page.final_url, page.body, fetched=page.fetched,
                           content_type=page.content_type, etag=page.etag,
                           last_modified=page.last_modified)
    except OSError as exc:
        raise ArticleError(url, f"cannot store the page ({exc.strerror or exc})") from None
    return Opened(article, stored, before, fetched=True)


def load_stored(url: str, cache: PageCache | None = None,
                store: PageStore | None = None) -> Article | None:
    """The article of the stored copy of `url`, or None when the page was never stored (no
    network either way)."""
    stored = (store if store is not None else PageStore()).get(url)
    return _from_store(stored, url, cache) if stored is not None else None


def load_page(target: str | Path, cache: PageCache | None = None, *,
              refresh: bool = False) -> Article:
    """The article of a saved page or an address (see `open_url`)."""
    if is_url(target):
        return open_url(str(target), cache, refresh=refresh).article
    if isinstance(target, str) and "://" in target[:20] and not Path(target).exists():
        raise ArticleError(target, "only http and https addresses can be opened")
    return load_html_file(target, cache)
