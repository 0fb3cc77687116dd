"""Fetching against a local server: the pages, and each failure a fetch must turn into one
clear line (ArticleError) without storing anything."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from articles import ArticleError
from articles.sources.fetch import FetchLimits, fetch
from articles.sources.loader import open_url
from articles.sources.page_store import PageStore
from tests.web.server import PageServer


def test_a_page_is_fetched_with_its_validators(server: PageServer) -> None:
    page = fetch(server.url("/pages/army_paper.html"))
    assert page.final_url == server.url("/pages/army_paper.html")
    assert page.etag is not None and page.etag.startswith('"') and not page.not_modified
    assert page.last_modified is not None and page.last_modified.startswith("Tue, 01 Apr 2025")
    assert b"Military Region 4" in page.body


def test_a_redirect_is_followed_and_the_final_address_kept(server: PageServer) -> None:
    page = fetch(server.url("/moved"))
    assert page.url == server.url("/moved")
    assert page.final_url == server.url("/pages/provincial_paper.html")


def test_a_gzipped_page_is_decoded(server: PageServer) -> None:
    assert b"Military Region 4" in fetch(server.url("/gzipped")).body


def test_the_charset_comes_from_the_header(server: PageServer, tmp_path: Path) -> None:
    article = open_url(server.url("/latin1"), store=PageStore(tmp_path / "s")).article
    assert article.title == "Café owners in Hué meet the district"


def _problem(url: str, limits: FetchLimits | None = None) -> str:
    with pytest.raises(ArticleError) as info:
        fetch(url, limits)
    message = str(info.value)
    assert "\n" not in message and message.startswith(url)
    return message


@pytest.mark.parametrize(("route", "expected"), [
    ("/pages/missing.html", "the server answered 404 Not Found"),
    ("/error500", "the server answered 500 Internal Server Error"),
    ("/loop", "too many redirects (more than 5)"),
    ("/to-file", "redirected to a non-web address (file:///etc/passwd), not followed"),
    ("/pdf", "not a web page (the server sent application/pdf)"),
    ("/huge", "the page is too large (more than 10 MB)"),
    ("/bomb", "the page is too large (more than 10 MB)"),
])
def test_each_failure_is_one_clear_line(server: PageServer, route: str, expected: str) -> None:
    assert _problem(server.url(route)).endswith(expected)


def test_a_redirect_loop_stops_after_five_redirects(server: PageServer) -> None:
    _problem(server.url("/loop"))
    assert server.hits.count("/loop") == 6  # the address and five redirects


def test_a_slow_server_times_out(server: PageServer) -> None:
    server.set_slow(3.0)
    started = time.monotonic()
    message = _problem(server.url("/slow"), FetchLimits(connect_seconds=1, total_seconds=0.5))
    assert "timed out" in message
    assert time.monotonic() - started < 2.5


def test_a_trickling_server_is_stopped_by_the_whole_page_limit(server: PageServer) -> None:
    message = _problem(server.url("/trickle"), FetchLimits(total_seconds=1))
    assert "timed out" in message and "whole page 1 s" in message


def test_a_refused_connection_and_an_unknown_host(server: PageServer) -> None:
    port = server.httpd.server_address[1]
    server.stop()
    assert _problem(f"http://127.0.0.1:{port}/pages/x.html").endswith(
        "the connection was refused")
    assert _problem("http://no-such-host.invalid/page").endswith(
        "unknown host (the name could not be resolved)")


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd",
                                 "http:///no-host"])
def test_only_http_and_https_addresses(url: str) -> None:
    with pytest.raises(ArticleError):
        fetch(url)


def test_a_page_with_no_article_is_refused_and_not_stored(server: PageServer,
                                                          tmp_path: Path) -> None:
    store = PageStore(tmp_path / "store")
    with pytest.raises(ArticleError) as info:
        open_url(server.url("/pages/no_article.html"), store=store)
    assert str(info.value).endswith("no article text found on the page")
    assert not (tmp_path / "store").exists()


def test_a_failed_fetch_stores_nothing(server: PageServer, tmp_path: Path) -> None:
    store = PageStore(tmp_path / "store")
    for route in ("/error500", "/huge", "/bomb", "/pdf"):
        with pytest.raises(ArticleError):
            open_url(server.url(route), store=store)
    assert not (tmp_path / "store").exists()
