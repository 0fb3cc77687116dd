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


def class_words(el: lxml.html.HtmlElement) -> str:
    """An element's class and id, as one string of words."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


@lru_cache(maxsize=4096)
def _furniture_words(words: str) -> bool:
    return bool(FURNITURE.search(words))


def is_furniture(el: lxml.html.HtmlElement) -> bool:
    """Whether the element itself is page furniture (by tag, ARIA role, class or id)."""
    if not isinstance(el.tag, str):
        return True
    if el.tag in DROP_TAGS or (el.get("role") or "").lower() in ROLE_FURNITURE:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    words = class_words(el)
    return bool(words) and _furniture_words(words)


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
