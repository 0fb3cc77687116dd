"""What markup says about an element: its text, its class words, and whether it is page
furniture (navigation, breadcrumbs, share bars, related links, comments, cookie notices, ads,
the footer) rather than article text."""

from __future__ import annotations

import re
from functools import lru_cache

import lxml.html

DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button",
    "input", "select", "textarea", "nav", "aside", "footer", "header", "menu", "dialog", "object",
    "embed", "video", "audio", "map",
})
"""Elements that never hold article text."""

FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|share|sharing|social|socials|"
    r"related|relate|lien-?quan|comments?|binh-?luan|cookies?|consent|gdpr|footer|sidebar|"
    r"widget|banner|advert|advertisement|ads|adv|ad|promo|newsletter|subscribe|tags?|"
    r"keywords?|most-?read|most-?viewed|popular|trending|recommend(?:ed)?|read-?more|"
    r"see-?also|other-?news|more-?news|tin-?khac|login|modal|popup|toolbar|print|rating|"
    r"vote|poll|pagination|paging|hotline|copyright|masthead|topbar|top-bar|site-?header|"
    r"site-?footer)(?:$|[\s_-])",
    re.IGNORECASE,
)
"""Class or id words of page furniture (as whole words: "share-bar", "box-related")."""

FURNITURE_STEMS = re.compile(
    r"related|lien-?quan|tin-?khac|breadcrumb|binh-?luan|newsletter|advert|cookie",
    re.IGNORECASE,
)
"""Furniture words that mean furniture inside any word too ("kbwscwl-relatedbox",
"box-tinlienquanv2", "RelatedNewsBox"): no article's own markup is named with them."""

FURNITURE_ATTRS = ("class", "id", "type", "data-type")
"""The attributes whose words can mark furniture (CMSs put a box's kind in `type`)."""

CONTENT_MARK = "data-reader-content"
"""Set by `mark_content` on the elements that hold the article, whatever their class says."""

ROLE_FURNITURE = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                            "dialog", "alertdialog", "menu", "menubar"})

CAPTION = re.compile(
    r"caption|image[_-]?desc|img[_-]?desc|photo[_-]?desc|desc[_-]?image|chu[_-]?thich|"
    r"figcaption|expnoedit|pcaption|image-text|photo-text|wp-caption-text",
    re.IGNORECASE,
)
"""Class words of the outlets' picture captions (PhotoCMS_Caption, image_desc, wp-caption-text)."""

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "figure", "figcaption", "ul", "ol", "li", "table",
    "tbody", "thead", "tr", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    "dl", "dt", "dd", "center", "hr", "caption",
} | DROP_TAGS)
"""Tags that start a new block of text."""

_SPACE = re.compile(r"\s+")
MIN_PARAGRAPH_CHARS = 25
"""Shorter paragraphs (labels, link lines) do not count towards where the article is."""


def class_words(el: lxml.html.HtmlElement) -> str:
    """An element's class and id, as one string of words."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


@lru_cache(maxsize=4096)
def _furniture_words(words: str) -> bool:
    return bool(FURNITURE.search(words) or FURNITURE_STEMS.search(words))


def _furniture_named(el: lxml.html.HtmlElement) -> bool:
    """Whether the element's class, id or box type names furniture."""
    words = " ".join(v for v in (el.get(a) for a in FURNITURE_ATTRS) if v).strip()
    return bool(words) and _furniture_words(words)


def _furniture_by_markup(el: lxml.html.HtmlElement) -> bool:
    """Furniture whatever the page names it: by tag, ARIA role or because it is hidden."""
    return (el.tag in DROP_TAGS or (el.get("role") or "").lower() in ROLE_FURNITURE
            or el.get("hidden") is not None or el.get("aria-hidden") == "true")


def is_furniture(el: lxml.html.HtmlElement) -> bool:
    """Whether the element itself is page furniture (by tag, ARIA role, class or id)."""
    if not isinstance(el.tag, str):
        return True
    if _furniture_by_markup(el):
        return True
    return el.get(CONTENT_MARK) is None and _furniture_named(el)


def mark_content(doc: lxml.html.HtmlElement) -> None:
    """Mark the elements a furniture name must not remove: each ancestor of a headline (`h1`)
    that holds at least half of the page's paragraph text is the article's column, whatever
    its class ("sidebar_1" is VnExpress's main column). Marks the page set itself are removed
    first."""
    for el in doc.xpath(f"//*[@{CONTENT_MARK}]"):
        del el.attrib[CONTENT_MARK]
    lengths: dict[lxml.html.HtmlElement, int] = {}
    for p in doc.iter("p"):
        if not any(_furniture_by_markup(e) for e in (p, *p.iterancestors())):
            length = len(text_of(p))
            if length >= MIN_PARAGRAPH_CHARS:
                lengths[p] = length
    total = sum(lengths.values())
    if not total:
        return
    for h1 in doc.iter("h1"):
        if not text_of(h1):
            continue
        for el in h1.iterancestors():
            if el.tag in ("body", "html") or (_furniture_by_markup(el) and el.tag != "header"):
                break
            if _furniture_named(el) and 2 * sum(
                lengths.get(p, 0) for p in el.iter("p")
            ) >= total:
                el.set(CONTENT_MARK, "")


def in_boilerplate(el: lxml.html.HtmlElement, *, headers: bool = True) -> bool:
    """Whether the element or one of its ancestors is page furniture. With `headers=False` a
    `<header>` element does not count (an article's own header holds its title and byline)."""
    return any(
        is_furniture(e) and (headers or e.tag != "header")
        for e in (el, *el.iterancestors())
    )


def is_caption(el: lxml.html.HtmlElement) -> bool:
    """Whether the element is a picture caption (figcaption, or an outlet's caption class)."""
    if el.tag in ("figcaption", "caption"):
        return True
    words = class_words(el)
    return bool(words) and bool(CAPTION.search(words))


def text_of(el: lxml.html.HtmlElement) -> str:
    """An element's text with white space collapsed, leaving out scripts and styles."""
    parts: list[str] = []
    _collect(el, parts)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _collect(el: lxml.html.HtmlElement, parts: list[str]) -> None:
    if isinstance(el.tag, str) and el.tag not in ("script", "style", "noscript", "template"):
        if el.tag == "br":
            parts.append(" ")
        if el.text:
            parts.append(el.text)
        for child in el:
            _collect(child, parts)
            if child.tail:
                parts.append(child.tail)
    if isinstance(el.tag, str) and el.tag in BLOCK_TAGS:
        parts.append(" ")
