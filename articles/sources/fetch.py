"""Fetching a web page with httpx, carefully: http and https only; connect and whole-page time
limits; at most five redirects, never to another scheme; a limit on the decoded body, which is
decompressed here a bounded piece at a time so that a compressed bomb stops early; only HTML.
Every failure is an ArticleError naming the address and the problem in one line."""

from __future__ import annotations

import socket
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from articles.errors import ArticleError
from articles.sources import MAX_PAGE_BYTES

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
USER_AGENT = "reader/0.1 (a terminal reader for news articles)"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long and how much a fetch may take."""

    connect_seconds: float = 10.0
    total_seconds: float = 30.0
    max_redirects: int = 5
    max_bytes: int = MAX_PAGE_BYTES


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A page as fetched: its decoded bytes, the address it was finally read from, and what
    the server said of it."""

    url: str
    final_url: str
    body: bytes
    content_type: str | None
    fetched: datetime
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    """True when the server answered 304 to a conditional request: `body` is empty and the
    stored copy is still the page."""


@dataclass(frozen=True, slots=True)
class Validators:
    """What a stored copy's server said of it, sent back on a refresh so an unchanged page is
    answered "304 Not Modified" without its body."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """The conditional request headers for these validators."""
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


def check_address(url: str) -> str:
    """The address if it is an http or https URL with a host; ArticleError otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise ArticleError(url, "only http and https addresses can be opened")
    if not parts.hostname:
        raise ArticleError(url, "the address has no host name")
    return url


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


class _Body:
    """Decodes a response's raw bytes (gzip, deflate or none) up to a size limit."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self.limit = limit
        self.url = url
        self.parts: list[bytes] = []
        self.size = 0
        encoding = encoding.strip().lower()
        if encoding in ("gzip", "x-gzip"):
            self.inflate: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.inflate = zlib.decompressobj()
        elif encoding in ("", "identity"):
            self.inflate = None
        else:
            raise ArticleError(url, f"the server sent an unsupported encoding ({encoding})")

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise ArticleError(self.url, f"the page is too large (more than {_mb(self.limit)})")
        self.parts.append(data)

    def feed(self, raw: bytes) -> None:
        if self.inflate is None:
            self._keep(raw)
            return
        try:
            data = raw
            while data:
                out = self.inflate.decompress(data, self.limit - self.size + 1)
                self._keep(out)
                data = self.inflate.unconsumed_tail
        except zlib.error as exc:
            raise ArticleError(self.url, f"the page's compressed data is damaged ({exc})") from None

    def bytes(self) -> bytes:
        return b"".join(self.parts)


def _connect_problem(exc: httpx.ConnectError) -> str:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "unknown host (the name could not be resolved)"
        if isinstance(cause, ConnectionRefusedError):
            return "the connection was refused"
        cause = cause.__cause__ or cause.__context__
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host (the name could not be resolved)"
    if "refused" in text.lower():
        return "the connection was refused"
    return f"cannot connect ({text or type(exc).__name__})"


def _type_of(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type")
    return value.split(";", 1)[0].strip().lower() if value else None


def _read(client: httpx.Client, url: str, limits: FetchLimits, deadline: float,
          conditional: dict[str, str]) -> tuple[httpx.Response, bytes | None]:
    """One request: the response, and its decoded body unless it is a redirect (b"" for a
    304 answer to a conditional request)."""
    with client.stream("GET", url, headers=conditional) as response:
        if response.status_code == 304 and conditional:
            return response, b""
        if response.is_redirect:
            return response, None
        if response.status_code >= 400:
            reason = response.reason_phrase or ""
            raise ArticleError(url, f"the server answered {response.status_code} {reason}".strip())
        kind = _type_of(response)
        if kind is not None and kind not in HTML_TYPES:
            raise ArticleError(url, f"not a web page (the server sent {kind})")
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding", "")
        if declared.isdigit() and not encoding and int(declared) > limits.max_bytes:
            raise ArticleError(url, f"the page is too large ({int(declared):,} bytes)")
        body = _Body(encoding, limits.max_bytes, url)
        for raw in response.iter_raw(16384):
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the whole-page time limit passed")
            body.feed(raw)
        return response, body.bytes()


def _check_redirect(url: str, current: str, target: str) -> None:
    """A redirect goes to another http(s) address, and never from https down to http."""
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise ArticleError(url, f"redirected to a non-web address ({target[:80]}), not followed")
    if scheme == "http" and urlsplit(current).scheme.lower() == "https":
        raise ArticleError(url, "redirected from https to plain http, not followed")


def fetch(url: str, limits: FetchLimits | None = None,
          validators: Validators | None = None) -> FetchedPage:
    """Fetch an HTML page (see the module docstring); ArticleError on any failure. With
    `validators` (a stored copy's), the request is conditional: an unchanged page comes back
    with `not_modified` set and no body."""
    limits = limits or FetchLimits()
    check_address(url)
    timeout = httpx.Timeout(limits.total_seconds, connect=limits.connect_seconds)
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9",
               "Accept-Encoding": "gzip, deflate"}
    deadline = time.monotonic() + limits.total_seconds
    current = url
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
            conditional = validators.headers() if validators is not None else {}
            for _ in range(limits.max_redirects + 1):
                response, body = _read(client, current, limits, deadline, conditional)
                if body is not None:
                    return FetchedPage(
                        url=url, final_url=current, body=body,
                        content_type=response.headers.get("content-type"),
                        fetched=datetime.now(UTC).replace(microsecond=0),
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                        not_modified=response.status_code == 304,
                    )
                target = urljoin(current, response.headers.get("location", ""))
                _check_redirect(url, current, target)
                current = target
    except httpx.TimeoutException:
        raise ArticleError(url, f"timed out (limits: connect {limits.connect_seconds:g} s, "
                                f"whole page {limits.total_seconds:g} s)") from None
    except httpx.ConnectError as exc:
        raise ArticleError(url, _connect_problem(exc)) from None
    except httpx.HTTPError as exc:
        raise ArticleError(url, f"the fetch failed ({type(exc).__name__}: {exc})") from None
    raise ArticleError(url, f"too many redirects (more than {limits.max_redirects})")
