"""Furniture names on a page: a box named as related news (inside any word, or by its CMS
`type`) is left out, while the column that holds the headline and most of the article is read
whatever its class says."""

from __future__ import annotations

import pytest

from articles import Article
from articles.sources.html_article import article_from_html

FIRST = (
    "<p>Secretary Tran Van Minh told the districts of Binh Son to finish the land handover for "
    "the coastal road by the end of June, or explain the delay to the Standing Board.</p>"
)
SECOND = (
    "<p>Under Plan No. 41-KH/TU of the Provincial Party Committee, the road must open to traffic "
    "before the rainy season, and the districts have paid most of the compensation.</p>"
)
BODY = FIRST + SECOND
HEADLINE = "<h1>Quang Ngai presses districts on coastal road land</h1>"


def _read(body: str) -> Article:
    page = f"<html><head><title>Page</title></head><body>{body}</body></html>"
    return article_from_html(page.encode("utf-8"))


def test_a_main_column_named_like_a_sidebar_is_read_and_the_real_sidebar_is_not() -> None:
    article = _read(
        '<div class="container"><div class="sidebar_1">'
        f'<ul class="breadcrumb"><li>News</li></ul>{HEADLINE}{BODY}'
        '<div class="tags"><a>Roads</a></div></div>'
        '<div class="sidebar_2"><p>Vice Chairman Le Sidebar Hung inspects dykes under '
        "Directive 18-CT/TU in the northern communes.</p></div></div>"
    )
    assert article.title == "Quang Ngai presses districts on coastal road land"
    assert "Tran Van Minh" in article.text
    assert "Sidebar" not in article.text and "18-CT/TU" not in article.text
    assert "Roads" not in article.text and "News" not in article.text


def test_a_furniture_box_without_the_headline_stays_out_however_much_text_it_holds() -> None:
    long_box = "<p>Comrade Pham Other Lam met voters in the ward and spoke about the plan.</p>" * 6
    article = _read(f'<article>{HEADLINE}{BODY}</article><div class="sidebar">{long_box}</div>')
    assert "Pham Other Lam" not in article.text
    assert "Tran Van Minh" in article.text


def test_a_page_cannot_mark_its_own_furniture_as_content() -> None:
    article = _read(
        f'<article>{HEADLINE}{BODY}<div class="related" data-reader-content="">'
        "<p>Former chairman Pham Van Loc expelled from the Party over land deals.</p></div>"
        "</article>"
    )
    assert "Pham Van Loc" not in article.text


@pytest.mark.parametrize("box", [
    '<div class="kbwscwl-relatedbox type-1">',
    '<div class="box-tinlienquanv2">',
    '<div class="VCSortableInPreviewMode" type="RelatedNewsBox">',
    '<div data-type="relatedNews">',
])
def test_related_boxes_are_furniture_inside_any_word_or_by_their_type(box: str) -> None:
    article = _read(
        f"<article>{HEADLINE}{FIRST}"
        f"{box}<ul><li><a>Former chairman Pham Van Loc expelled under Directive 17-CT/TU</a></li>"
        f"</ul><p>Le Van Khoi jailed over a land auction in the old district.</p></div>"
        f"{SECOND}</article>"
    )
    assert "Pham Van Loc" not in article.text and "Le Van Khoi" not in article.text
    assert [d.code for d in article.documents] == ["41-KH/TU"]
    assert "Tran Van Minh" in {p.name for p in article.people}
