"""Offline ever after: a fetched page is stored and reopened from the store with no network,
its notes anchored; a refresh fetches again and its notes re-anchor or become orphans; notes on
a page export with the page's address as the W3C source, and import back onto the stored page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotations import Store, actions
from annotations.anchoring import anchor_all
from annotations.exporting import to_markdown
from annotations.w3c import from_w3c, to_w3c
from articles import ArticleError, load
from articles.sources.loader import open_url
from articles.sources.page_store import PageStore, address_key
from reader.page_changes import refresh_message
from tests.web.conftest import PAGES
from tests.web.server import PageServer

QUOTE = "Comrade Le Hong Vinh said that site clearance for the coastal road"


def test_a_stored_page_opens_with_the_server_stopped_and_notes_anchored(
    server: PageServer, tmp_path: Path
) -> None:
    url = server.url("/pages/provincial_paper.html")
    first = load(url)
    assert first.url == url and first.path is None
    store = Store(tmp_path / "notes.json")
    note = actions.add_quote(store, first, QUOTE, note="check the road budget")
    assert note.article.path == url
    hits = len(server.hits)
    server.stop()
    again = load(url)
    assert len(server.hits) == hits
    assert again.text == first.text and again.id == first.id
    notes = Store(tmp_path / "notes.json").for_article(again)
    assert [n.id for n in notes] == [note.id]
    (anchored,) = anchor_all(again.text, notes)
    assert anchored.status == "exact" or not anchored.is_orphan
    assert again.text[anchored.start : anchored.end] == QUOTE


def test_the_store_keeps_bytes_address_time_and_validators(server: PageServer) -> None:
    url = server.url("/moved")
    opened = open_url(url)
    stored = PageStore().get(url)
    assert stored is not None and stored.body() == (PAGES / "provincial_paper.html").read_bytes()
    assert stored.final_url == server.url("/pages/provincial_paper.html")
    assert stored.etag is not None and stored.etag.startswith('"')
    assert stored.last_modified is not None
    assert stored.fetched.tzinfo is not None
    assert opened.article.url == stored.final_url
    # The final address finds the same stored page.
    assert PageStore().get(stored.final_url) is not None
    assert address_key("HTTP://127.0.0.1:80/a#frag") == address_key("http://127.0.0.1/a")


def test_a_refresh_fetches_again_and_notes_re_anchor_or_become_orphans(
    server: PageServer, tmp_path: Path
) -> None:
    url = server.url("/pages/edited.html")
    original = (PAGES / "provincial_paper.html").read_bytes()
    server.serve("edited.html", original)
    article = open_url(url).article
    store = Store(tmp_path / "notes.json")
    kept = actions.add_quote(store, article, QUOTE)
    lost = actions.add_quote(store, article, "completed 48 of the 61 tasks")
    edited = original.replace(b"completed 48 of the 61 tasks", b"finished most tasks").replace(
        b"On the afternoon of May 15", b"On the evening of May 15")
    server.serve("edited.html", edited)
    assert open_url(url).fetched is False  # no refresh: the stored copy, even though it changed
    refreshed = open_url(url, refresh=True)
    assert refreshed.fetched and refreshed.before is not None
    assert refreshed.before.id == article.id and refreshed.article.id != article.id
    notes = store.for_article(refreshed.article)
    status = {a.annotation.id: a.is_orphan for a in anchor_all(refreshed.article.text, notes)}
    assert status == {kept.id: False, lost.id: True}
    message = refresh_message(store, refreshed.before, refreshed.article)
    assert message is not None and "1 note(s) re-anchored, 1 could not be placed" in message
    assert load(url).id == refreshed.article.id  # the new copy is what opens now


def test_a_refresh_asks_conditionally_and_an_unchanged_page_keeps_its_copy(
    server: PageServer,
) -> None:
    url = server.url("/pages/steady.html")
    server.serve("steady.html", (PAGES / "provincial_paper.html").read_bytes())
    first = open_url(url)
    stored = first.stored
    assert server.conditional[-1] is None  # the first fetch has nothing to compare with
    again = open_url(url, refresh=True)
    assert server.conditional[-1] == stored.etag  # the refresh sent the stored ETag back
    assert again.fetched and again.before is not None
    assert again.article.id == first.article.id
    assert again.stored.body() == stored.body()
    assert again.stored.fetched >= stored.fetched
    message = refresh_message(Store(Path(again.stored.body_path.parent) / "n.json"),
                              again.before, again.article)
    assert message == "The page's article text has not changed since it was stored."


def test_a_refresh_gets_the_new_page_when_the_etag_no_longer_matches(
    server: PageServer,
) -> None:
    url = server.url("/pages/changing.html")
    original = (PAGES / "provincial_paper.html").read_bytes()
    server.serve("changing.html", original)
    first = open_url(url)
    server.serve("changing.html", original.replace(b"On the afternoon of May 15",
                                                   b"On the evening of May 15"))
    again = open_url(url, refresh=True)
    assert server.conditional[-1] == first.stored.etag
    assert again.article.id != first.article.id
    assert again.stored.etag != first.stored.etag


def test_a_refresh_that_fails_keeps_the_stored_copy(server: PageServer) -> None:
    url = server.url("/pages/going.html")
    server.serve("going.html", (PAGES / "army_paper.html").read_bytes())
    article = load(url)
    server.stop()
    with pytest.raises(ArticleError, match="refused"):
        open_url(url, refresh=True)
    assert load(url).id == article.id


def test_w3c_export_uses_the_address_and_imports_back_onto_the_page(
    server: PageServer, tmp_path: Path
) -> None:
    url = server.url("/pages/government_portal.html")
    article = load(url)
    store = Store(tmp_path / "notes.json")
    quote = "Minister of Home Affairs Pham Thi Thanh Tra"
    made = actions.add_quote(store, article, quote, note="guidance due June 20")
    data = to_w3c(store.all())
    target = data["first"]["items"][0]["target"]
    assert target["source"] == url
    assert [s["type"] for s in target["selector"]] == ["TextQuoteSelector"]
    assert target["selector"][0]["exact"] == quote
    assert "Page: <" + url + ">" in to_markdown(store.all())
    # As a consumer such as Hypothesis would send it back: no reader terms, only the address.
    foreign = json.loads(json.dumps(data))
    for item in foreign["first"]["items"]:
        item.pop("reader:article")
        item["target"].pop("reader:position")
        item["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    other = Store(tmp_path / "other.json")
    imported = from_w3c(foreign)
    other.add_many(imported)
    (found,) = other.for_article(load(url))
    assert found.note == made.note and found.article.path == url
    (anchored,) = anchor_all(article.text, [found])
    assert article.text[anchored.start : anchored.end] == quote
    # Our own export round-trips with the offsets.
    (ours,) = from_w3c(data)
    assert (ours.target.start, ours.target.end) == (made.target.start, made.target.end)
