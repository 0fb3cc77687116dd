"""Bylines written in page markup: separators and dates are not part of the author's name, and
a date written in the byline (or its `<time>`) is the publication time when meta gives none."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from articles import Article, load

_PAGE = """<html><head><title>Quang Ngai reviews land clearance</title></head><body><article>
<h1 class="title">Quang Ngai province reviews land clearance for the coastal road</h1>
{byline}
<figure><img src="site.jpg"><figcaption>Officials inspect the route on Friday.
Photo: Nguyen Thu Ha</figcaption></figure>
<p>The Standing Board of the Quang Ngai Provincial Party Committee met on Friday to review
the clearance of land along the planned coastal road through three districts.</p>
<p>Secretary Tran Van Minh asked the districts to hand over the cleared land before the end
of the third quarter, and to settle the remaining complaints of households.</p>
</article></body></html>
"""


def _load(tmp_path: Path, byline: str) -> Article:
    page = tmp_path / "page.html"
    page.write_text(_PAGE.format(byline=byline), encoding="utf-8")
    return load(page)


def _byline(article: Article) -> str:
    block = next(b for b in article.blocks if b.kind == "byline")
    return article.text[block.start : block.end]


BYLINES = {
    "time element after a middle dot": (
        '<p class="byline">By <span class="author">Nguyen Thu Ha</span> · '
        '<time datetime="2024-06-15T08:45">June 15, 2024</time></p>',
        datetime(2024, 6, 15, 8, 45),
    ),
    "date after a middle dot": (
        '<p class="byline">By Nguyen Thu Ha · June 15, 2024</p>',
        datetime(2024, 6, 15),
    ),
    "date and time straight after the name": (
        '<p class="byline">Nguyen Thu Ha June 15, 2024 08:45</p>',
        datetime(2024, 6, 15, 8, 45),
    ),
    "name, bar, weekday and numeric date": (
        '<p class="byline">Nguyen Thu Ha | Saturday, 15/06/2024 08:45</p>',
        datetime(2024, 6, 15, 8, 45),
    ),
    "bullet between name and date": (
        '<div class="author-info">Nguyen Thu Ha • 15/06/2024</div>',
        datetime(2024, 6, 15),
    ),
}


@pytest.mark.parametrize("form", sorted(BYLINES))
def test_byline_gives_a_clean_author_and_the_date(tmp_path: Path, form: str) -> None:
    byline, when = BYLINES[form]
    article = _load(tmp_path, byline)
    assert article.authors == ("Nguyen Thu Ha",)
    assert article.published == when
    assert _byline(article).startswith("Nguyen Thu Ha - June 15, 2024")
    ha = [p for p in article.people if "Thu Ha" in p.name]
    assert [p.name for p in ha] == ["Nguyen Thu Ha"]


def test_a_weekday_and_date_alone_give_the_date_and_no_author(tmp_path: Path) -> None:
    article = _load(tmp_path, '<p class="byline">Saturday, 15/06/2024 08:45</p>')
    assert article.published == datetime(2024, 6, 15, 8, 45)
    assert "Saturday" not in article.authors
    assert not any(p.name == "Saturday" for p in article.people)


def test_the_pages_meta_time_comes_before_the_bylines_date(tmp_path: Path) -> None:
    byline = ('<meta property="article:published_time" content="2024-06-14T21:00:00+07:00">'
              '<p class="byline">By Nguyen Thu Ha · June 15, 2024</p>')
    assert _load(tmp_path, byline).published == datetime(2024, 6, 14, 21, 0)


@pytest.mark.parametrize("sep", ["·", "|", "-", "—", "•", ","])
def test_separators_at_the_ends_are_not_part_of_the_name(tmp_path: Path, sep: str) -> None:
    article = _load(tmp_path, f'<p class="byline">{sep} Nguyen Thu Ha {sep}</p>')
    assert article.authors == ("Nguyen Thu Ha",)
