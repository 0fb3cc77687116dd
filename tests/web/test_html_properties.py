"""Property tests of the page reader: any markup gives an article over one canonical text whose
blocks are in order, never overlap, hold no surrounding white space or control characters and
index that text (or a one-line ArticleError)."""

from __future__ import annotations

import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from articles import ArticleError
from articles.sources.html_article import article_from_html

TAGS = ["p", "div", "h1", "h2", "h3", "figure", "figcaption", "nav", "footer", "span", "strong",
        "em", "li", "ul", "table", "td", "tr", "aside", "header", "time", "br", "img", "a"]
CLASSES = ["", "detail__sapo", "PhotoCMS_Caption", "author", "related-news", "share",
           "article__body", "comments", "cookie-notice", "post-date", "caption"]
WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)


@st.composite
def markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 1))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            cls = draw(st.sampled_from(CLASSES))
            attr = f' class="{cls}"' if cls else ""
            parts.append(f"<{tag}{attr}>{draw(markup(depth + 1))}</{tag}>")
        else:
            word = draw(WORDS)
            parts.append(html.escape(word) if draw(st.booleans()) else word)
    return "".join(parts)


LONG = ("Comrade Nguyen Van An, Secretary of the Provincial Party Committee, chaired the "
        "meeting on Resolution No. 26-NQ/TW on the plan for the coming year. ")


@settings(max_examples=150, deadline=None)
@given(markup(), st.booleans())
@example('<p class="PhotoCMS_Caption"><A</p>', True)
def test_any_markup_gives_a_sound_article_or_one_line_error(body: str, with_text: bool) -> None:
    page = f"<html><body>{body}{'<div><p>' + LONG * 2 + '</p></div>' if with_text else ''}"
    try:
        article = article_from_html(page.encode("utf-8"))
    except ArticleError as exc:
        assert "\n" not in str(exc)
        # The text after the markup is found, unless a stray "<" in the words opens a tag that
        # takes it in (as a browser reads '<p class="caption"><A</p><div><p>text': all caption).
        stray = "<" in re.sub(r'</?[a-z0-9]+(?: class="[^"]*")?>', "", body)
        assert not with_text or stray or "no article" not in str(exc)
        return
    text = article.text
    previous_end = -1
    for block in article.blocks:
        assert previous_end < block.start < block.end <= len(text)
        piece = text[block.start : block.end]
        assert piece == piece.strip() and "\n" not in piece
        previous_end = block.end
    for person in article.people:
        for m in person.mentions:
            assert 0 <= m.start < m.end <= len(text)
    for document in article.documents:
        for m in document.mentions:
            assert 0 <= m.start < m.end <= len(text)
    assert not any(c in text for c in "\x00\x1b\x07\r")
