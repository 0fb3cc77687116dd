"""A web page's metadata from its markup: headline (h1, og:title), authors (byline markup,
meta author, article:author), publication time (time datetime, article:published_time,
datePublished), site name (og:site_name) and address (canonical link, og:url)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import lxml.html

from articles.parsing.dates import WEEKDAY_TAIL, find_datetime
from articles.sources.html_markup import class_words, in_boilerplate, text_of

BYLINE_CLASS = re.compile(r"author|byline|writer|tac-?gia|nguoi-?viet", re.IGNORECASE)
TITLE_CLASS = re.compile(r"title|headline|tieu-?de", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|written by|author|authors|tác giả|bài|bài và ảnh)\s*:?\s+",
                 re.IGNORECASE)
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|&|\band\b|\s[-–—/]\s|[|·•])\s*")
_TITLE_SUFFIX = re.compile(r"\s+[-–—|:•]\s+[^-–—|:•]{2,60}$")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself, outside its body text."""

    title: str
    title_element: lxml.html.HtmlElement | None
    authors: tuple[str, ...]
    byline_elements: tuple[lxml.html.HtmlElement, ...]
    published: datetime | None
    site_name: str | None
    url: str | None


def _meta(doc: lxml.html.HtmlElement, *keys: str) -> str | None:
    for key in keys:
        for el in doc.iter("meta"):
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            content = (el.get("content") or "").strip()
            if name == key and content:
                return " ".join(content.split())
    return None


def _title(doc: lxml.html.HtmlElement) -> tuple[str, lxml.html.HtmlElement | None]:
    og = _meta(doc, "og:title", "twitter:title")
    headings = [h for h in doc.iter("h1")
                if text_of(h) and not in_boilerplate(h, headers=False)]
    for h in headings:  # the h1 the page marks as its title, or the one og:title names
        if TITLE_CLASS.search(class_words(h)) or (og and text_of(h) in og):
            return text_of(h), h
    long_ones = [h for h in headings if len(text_of(h).split()) >= 3]
    if long_ones:
        return text_of(long_ones[0]), long_ones[0]
    if og:
        return og, None
    titles = [text_of(t) for t in doc.iter("title")]
    if titles and titles[0]:
        return _TITLE_SUFFIX.sub("", titles[0]), None
    return "", None


def clean_author(raw: str) -> str | None:
    """A name from a byline or meta tag ("By Thanh Duy" gives "Thanh Duy"); None for what is
    not a name (an address, an e-mail, a weekday, a long sentence)."""
    name = _BY.sub("", " ".join(raw.split())).strip(" .,-–—|:·•")
    if (not name or "@" in name or "://" in name or any(c.isdigit() for c in name)
            or WEEKDAY_TAIL.fullmatch(name)):
        return None
    words = name.split()
    if len(words) > 6 or not words[0][:1].isupper():
        return None
    return name


def _split(raw: str) -> list[str]:
    return [n for part in _SPLIT_AUTHORS.split(_BY.sub("", raw)) if (n := clean_author(part))]


@dataclass(frozen=True, slots=True)
class _Bylines:
    """The byline markup's authors, its elements, and the first date written in one."""

    authors: tuple[str, ...]
    elements: tuple[lxml.html.HtmlElement, ...]
    published: datetime | None


def _byline_date(el: lxml.html.HtmlElement, text: str) -> datetime | None:
    """The date a byline element shows: its `<time>`, else a date written in its text."""
    for t in el.iter("time"):
        when = parse_time(t.get("datetime")) or parse_time(text_of(t))
        if when is not None:
            return when
    stamp = find_datetime(text)
    return stamp[1] if stamp else None


def _authors(doc: lxml.html.HtmlElement, site: str | None) -> _Bylines:
    found: list[str] = []
    elements: list[lxml.html.HtmlElement] = []
    published: datetime | None = None
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "link", "body", "html"):
            continue
        marked = (el.get("rel") == "author" or el.get("itemprop") == "author"
                  or BYLINE_CLASS.search(class_words(el)))
        if not marked or in_boilerplate(el, headers=False) or any(
            e in el.iterancestors() for e in elements
        ):
            continue
        text = text_of(el)
        if not text or len(text) > 120:
            continue
        stamp = find_datetime(text)
        if published is None:
            published = _byline_date(el, text)
        names = _split(WEEKDAY_TAIL.sub("", text[: stamp[0].start()]) if stamp else text)
        if names:
            elements.append(el)
            found.extend(n for n in names if n not in found)
    if not found:
        for raw in (_meta(doc, "author"), _meta(doc, "article:author")):
            if raw:
                found.extend(n for n in _split(raw) if n not in found)
    authors = tuple(n for n in found if site is None or n.lower() != site.lower())
    return _Bylines(authors, tuple(elements), published)


def parse_time(raw: str | None) -> datetime | None:
    """An ISO 8601 time from markup as the page's wall-clock time (the offset dropped, as
    article text gives it), or a date written in words; None when unreadable."""
    if not raw:
        return None
    raw = raw.strip()
    try:
        return datetime.fromisoformat(raw.replace(" ", "T", 1)).replace(tzinfo=None)
    except ValueError:
        pass
    found = find_datetime(raw)
    return found[1] if found else None


DATE_CLASS = re.compile(r"date|time|publish|posted|ngay", re.IGNORECASE)


def _published(doc: lxml.html.HtmlElement) -> datetime | None:
    """The time the article's own markup shows (`<time datetime>`, then the meta tags, then a
    date written in an element of a date class), as the page's wall-clock time."""
    for el in doc.iter("time"):
        if not in_boilerplate(el, headers=False):
            when = parse_time(el.get("datetime")) or parse_time(text_of(el))
            if when is not None:
                return when
    for key in ("article:published_time", "datepublished", "pubdate", "publishdate", "date",
                "dc.date.issued"):
        when = parse_time(_meta(doc, key))
        if when is not None:
            return when
    for el in doc.iter():
        if (isinstance(el.tag, str) and el.tag not in ("html", "body", "meta")
                and DATE_CLASS.search(class_words(el)) and len(text_of(el)) <= 80
                and not in_boilerplate(el, headers=False)):
            found = find_datetime(text_of(el))
            if found is not None:
                return found[1]
    return None


def _url(doc: lxml.html.HtmlElement) -> str | None:
    for el in doc.iter("link"):
        href = (el.get("href") or "").strip()
        if "canonical" in (el.get("rel") or "").lower().split() and href.startswith("http"):
            return href
    og = _meta(doc, "og:url")
    return og if og and og.startswith(("http://", "https://")) else None


def page_meta(doc: lxml.html.HtmlElement) -> PageMeta:
    """The metadata of a parsed page."""
    title, title_element = _title(doc)
    site = _meta(doc, "og:site_name", "application-name")
    bylines = _authors(doc, site)
    return PageMeta(title=title, title_element=title_element, authors=bylines.authors,
                    byline_elements=bylines.elements,
                    published=_published(doc) or bylines.published, site_name=site,
                    url=_url(doc))
