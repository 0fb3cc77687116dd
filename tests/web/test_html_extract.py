"""Saved web pages in the markup of six kinds of site, each checked by hand: title, authors,
date, site, captions, headings, people and documents, and nothing from the navigation, related
links, comments, cookie notice or footer."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from articles import Article, ArticleError, load
from articles.sources.html_article import article_from_html
from tests.web.conftest import PAGES


@dataclass(frozen=True)
class Expected:
    title: str
    authors: tuple[str, ...]
    published: datetime
    source: str
    captions: tuple[str, ...]
    headings: tuple[str, ...]
    people: tuple[str, ...]
    documents: tuple[str, ...]
    absent: tuple[str, ...]
    url: str | None = None
    lead_starts: str = ""
    extra: dict[str, str] = field(default_factory=dict)


EXPECTED = {
    "national_daily.html": Expected(
        title="Ha Tinh sets out plan to streamline commune apparatus",
        authors=("Lan Huong",), published=datetime(2025, 5, 14, 8, 15), source="National Daily",
        captions=("Comrade Hoang Trung Dung, Secretary of the Ha Tinh Provincial Party "
                  "Committee, speaks at the conference. Photo: Lan Huong",),
        headings=("Cadres placed by capacity", "Offices and public services"),
        people=("Lan Huong", "Hoang Trung Dung"), documents=("18-NQ/TW", "127-KL/TW"),
        absent=("Nguyen Van Related", "57-NQ/TW", "45-CT/TW", "Le Sidebar", "Pham Van Footer",
                "123/GP-BTTTT", "Facebook", "Tags:", "Economy", "Most read"),
        url="https://en.nationaldaily.example/politics/ha-tinh-streamline-commune-apparatus-"
            "812345.html",
        lead_starts="The Standing Board of the Ha Tinh",
    ),
    "provincial_paper.html": Expected(
        title="Nghe An: Party Committee reviews two years of Resolution 39",
        authors=("Thanh Duy", "Hoai Thu"), published=datetime(2025, 5, 15, 16, 42),
        source="Nghe An Newspaper",
        captions=("Comrade Nguyen Duc Trung delivers a speech at the conference. "
                  "Photo: Thanh Duy",),
        headings=("Remaining bottlenecks",),
        people=("Thanh Duy", "Hoai Thu", "Nguyen Duc Trung", "Le Hong Vinh"),
        documents=("39-NQ/TW", "26-CTr/TU"),
        absent=("Hoang Nghia Related", "999/QD-UBND", "77-KL/TU", "Tran Footer Minh", "Zalo",
                "Login", "Society"),
        url="https://en.provincialpaper.example/nghe-an-party-committee-reviews-two-years-of-"
            "resolution-39-a41230.html",
        lead_starts="(Baonghean.vn) - On the afternoon of May 15",
    ),
    "government_portal.html": Expected(
        title="Government issues decree on decentralisation to localities",
        authors=("Minh Khoi",), published=datetime(2025, 6, 2, 19, 5), source="Government News",
        captions=("Deputy Prime Minister Nguyen Hoa Binh. Photo: VGP/Nhat Bac",),
        headings=("Responsibility with the power",),
        people=("Minh Khoi", "Nguyen Hoa Binh", "Pham Thi Thanh Tra"),
        documents=("131/2025/ND-CP", "178/2024/ND-CP", "2588/QD-TTg"),
        absent=("Ho Sidebar Chinh", "20/CT-TTg", "Nguyen Footer Hai", "Leaders", "decree</a>"),
        lead_starts="Deputy Prime Minister Nguyen Hoa Binh has signed",
    ),
    "aggregator.html": Expected(
        title="Thanh Hoa elects new Chairman of Provincial People's Committee",
        authors=("Quoc Huong",), published=datetime(2025, 4, 22, 10, 40), source="NewsHub",
        captions=("Comrade Nguyen Hoai Anh takes the oath at the session. Photo: Quoc Huong",),
        headings=(),
        people=("Quoc Huong", "Nguyen Hoai Anh"),
        documents=("812/QD-TTg", "2150-QD/TW"),
        absent=("Do Trong Related", "55/QD-UBND", "Ly Footer Quang", "Hot topics", "Sport"),
        lead_starts="At the 27th session on April 22",
    ),
    "army_paper.html": Expected(
        title="Military Region 4 reviews local defence work",
        authors=("Hong Son",), published=datetime(2025, 3, 20, 14, 10),
        source="People's Army Paper",
        captions=("Lieutenant General Ha Tho Binh speaks at the conference. Photo: Hong Son",),
        headings=("Exercises close to reality",),
        people=("Hong Son", "Ha Tho Binh", "Tran Hoai Trung", "Nguyen Van Hai"),
        documents=("28-NQ/TW", "07-CT/DU"),
        absent=("Phan Other Giang", "30-NQ/QUTW", "Doan Footer Xuan", "Keywords", "International"),
        lead_starts="The Party Committee and Command of Military Region 4",
    ),
    "cookies_and_comments.html": Expected(
        title="Da Nang names new Party Secretary of Hai Chau district",
        authors=("Mai Anh",), published=datetime(2025, 2, 11, 13, 30), source="Coastal Weekly",
        captions=("Comrade Luong Nguyen Minh Triet receives the decision. Photo: Mai Anh",),
        headings=("Continuity in the district",),
        people=("Luong Nguyen Minh Triet", "Mai Anh", "Nguyen Dinh Vinh"),
        documents=("1455-QD/TU", "105-QD/TW"),
        absent=("cookies", "Cookie Nguyen", "Tran Commenter", "99-NQ/TW", "Vo Comment Lam",
                "Hue Reader", "Leave a Reply", "Share this", "Dinh Footer Son", "Business"),
        lead_starts="The Standing Board of the Da Nang City Party Committee",
    ),
}


def _texts(article: Article, kind: str) -> tuple[str, ...]:
    return tuple(article.text[b.start : b.end] for b in article.blocks if b.kind == kind)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_gives_the_article_its_markup_shows(name: str) -> None:
    want = EXPECTED[name]
    article = load(PAGES / name)
    assert article.title == want.title
    assert article.authors == want.authors
    assert article.published == want.published
    assert article.source == want.source
    assert article.url == want.url
    assert article.path == PAGES / name
    assert _texts(article, "caption") == want.captions
    assert _texts(article, "heading") == want.headings
    lead = _texts(article, "lead")
    assert len(lead) == 1 and lead[0].startswith(want.lead_starts)
    assert article.blocks[0].kind == "title"
    names = {p.name for p in article.people}
    assert set(want.people) <= names
    assert [d.code for d in article.documents] == list(want.documents)
    for furniture in want.absent:
        assert furniture not in article.text, furniture
        assert not any(furniture in p.name for p in article.people)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_mention_and_block_indexes_the_canonical_text(name: str) -> None:
    article = load(PAGES / name)
    ends = [(b.start, b.end) for b in article.blocks]
    assert ends == sorted(ends) and all(a[1] < b[0] for a, b in itertools.pairwise(ends))
    for block in article.blocks:
        piece = article.text[block.start : block.end]
        assert piece == piece.strip() and piece
    for person in article.people:
        for m in person.mentions:
            assert 0 <= m.start < m.end <= len(article.text)
    assert article.entities_found
    # The byline authors are the credits of the people finder: each is a person.
    assert set(article.authors) <= {p.name for p in article.people}


def test_a_page_with_no_article_is_refused_in_one_line() -> None:
    with pytest.raises(ArticleError) as info:
        load(PAGES / "no_article.html")
    assert "no article text" in str(info.value) and "\n" not in str(info.value)


def test_htm_files_and_upper_case_names_are_pages(tmp_path: Path) -> None:
    page = tmp_path / "SAVED.HTM"
    page.write_bytes((PAGES / "army_paper.html").read_bytes())
    assert load(page).title == "Military Region 4 reviews local defence work"


def test_charset_comes_from_the_header_or_the_page() -> None:
    html = ("<html><head><meta charset='windows-1252'></head><body><h1>Café owners meet in "
            "the old quarter of Hue</h1><div><p>" + "The café owners said the pavement rules "
            "were clear and fair to everyone who trades there. " * 3 + "</p></div></body></html>")
    by_meta = article_from_html(html.encode("cp1252"))
    assert by_meta.title == "Café owners meet in the old quarter of Hue"
    by_header = article_from_html(html.replace("windows-1252", "utf-8").encode("cp1252"),
                                  content_type="text/html; charset=windows-1252")
    assert by_header.title == by_meta.title


def test_markup_in_page_text_is_kept_as_text() -> None:
    html = ("<html><body><h1>Officials meet on the [bold]plan[/bold] for 2025 roads</h1>"
            "<div><p>" + "The &lt;b&gt;board&lt;/b&gt; met with \x1b]0;title\x07 residents "
            "to discuss the road plan and its budget for the coming year. " * 2 + "</p></div>"
            "</body></html>")
    article = article_from_html(html.encode())
    assert "[bold]plan[/bold]" in article.title
    assert "<b>board</b>" in article.text
    assert "\x1b" not in article.text and "\x07" not in article.text
