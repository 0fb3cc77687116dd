"""The top of a page (headline, bylines, furniture), closing credits, captions and the source,
read from line features."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles import parse
from articles.parsing.layout import read_top

LEAD = (
    "On March 3, comrade Le Quang Tung - Secretary of the Provincial Party Committee inspected "
    "the coastal road project and asked the contractors to finish the site clearance this year."
)
HEADLINE = "Provincial Party Secretary inspects the coastal road project"


def kinds(text: str) -> list[tuple[str, str]]:
    article = parse(text)
    return [(b.kind, article.text[b.start : b.end]) for b in article.blocks]


@pytest.mark.parametrize("furniture", [
    "Vietnamese | English | 中文 | Báo In",
    "Site | Tiếng Việt | English",
    "Home News Vietnam Politics",
    "Print article",
    ".",
    "Nghe An Newspaper",
    "Bao Nghe An",
    "Báo Nghệ An - Cơ quan của Đảng bộ",
    "Independence - Freedom - Happiness",
    "No. 33/NQ-CP",
    "Ha Noi, May 09, 2016",
])
def test_furniture_above_the_headline_is_not_the_title(furniture: str) -> None:
    article = parse(f"{furniture}\n\n{HEADLINE}\n\nMinh Chi March 3, 2025 10:20\n\n{LEAD}\n")
    assert article.title == HEADLINE
    assert kinds(article.text)[0] == ("footer", furniture)


def test_a_text_without_a_headline_has_no_title() -> None:
    article = parse(f"{LEAD}\n\nThe Secretary of the Provincial Party Committee spoke.\n")
    assert article.title is None  # null in `outline --json`, never ""
    assert article.blocks[0].kind == "lead"


def test_a_lead_with_a_dateline_is_never_the_title() -> None:
    assert parse(f"HÀ NỘI — {LEAD}\n").title is None
    assert parse(f"Hanoi (VNA) – {LEAD}\n").source == "VNA"


@pytest.mark.parametrize(("prefix", "source"), [
    ("(binhdinh.gov.vn) - ", "binhdinh.gov.vn"),
    ("HBO-", "HBO"),
    ("VNA - ", "VNA"),
    ("Hanoi (VNA) – ", "VNA"),
    ("Quy Nhon (VNA) - ", "VNA"),
    ("HÀ NỘI — ", None),
])
def test_the_source_from_the_dateline(prefix: str, source: str | None) -> None:
    assert parse(f"{HEADLINE}\n\n{prefix}{LEAD}\n").source == source


def test_a_masthead_gives_the_source_when_the_lead_does_not() -> None:
    assert parse(f"Vietnam News\n\n{HEADLINE}\n\nHÀ NỘI — {LEAD}\n").source == "Vietnam News"


def test_an_unrendered_date_gives_published_and_is_not_a_heading() -> None:
    article = parse(f"{HEADLINE}\n\nDNUM_BEZADZCACF 09:05\n\n{LEAD}\n")
    assert article.published == datetime(2025, 3, 14, 9, 5)
    assert [k for k, _ in kinds(article.text)] == ["title", "byline", "lead"]


def test_an_all_caps_byline_ending_with_a_bar_is_the_author() -> None:
    article = parse(f"{HEADLINE}\n\nPHẠM ĐÔNG |\n\n{LEAD}\n")
    assert article.authors == ("Phạm Đông",)  # in title case, as the people list names him
    assert not any(b.kind == "heading" for b in article.blocks)


@pytest.mark.parametrize(("line", "authors", "translators"), [
    ("By Hoang Lan—Translated by Minh Thu", ("Hoang Lan",), ["Minh Thu"]),
    ("Reported by Hoang Lan - Translated by Minh Thu", ("Hoang Lan",), ["Minh Thu"]),
    ("By Nguyen Quoc – Translated by Anh Quan", ("Nguyen Quoc",), ["Anh Quan"]),
    ("Story and photos: Le Minh", ("Le Minh",), []),
    ("By Hoang Lan", ("Hoang Lan",), []),
])
def test_closing_credit_lines(line: str, authors: tuple[str, ...], translators: list[str]) -> None:
    article = parse(f"{HEADLINE}\n\n{LEAD}\n\n{line}\n\nTags: roads\n")
    assert article.authors == authors
    assert kinds(article.text)[-2] == ("byline", line)
    found = [p.name for p in article.people if "translator" in p.roles]
    assert found == translators
    if line.startswith("Story and photos"):
        person = next(p for p in article.people if p.name == "Le Minh")
        assert person.roles == ("author", "photographer")


@pytest.mark.parametrize("credit", ["Photo: Kinhtedothi", "(Photo: VNA)", "Photo: SGGP",
                                    "Photo: VGP/Nhat Bac"])
def test_an_outlet_as_photo_credit_is_nobody(credit: str) -> None:
    article = parse(f"{HEADLINE}\n\n{LEAD}\n\nThe site of the coastal road. {credit}\n")
    names = {p.name for p in article.people}
    assert names & {"Kinhtedothi", "VNA", "SGGP", "VGP"} == set()


def test_captions_without_credit_after_a_picture() -> None:
    text = (f"{HEADLINE}\n\n{LEAD}\n\nbna-img-2031.jpg\n\nThe site of the coastal road\n\n"
            "ho-chi-minh-9907.jpg\n\nA view of the meeting\n\nA view of the meeting\n\n"
            "|\n\nDelegates pose for a photo |\n\n|\n\n"
            "Lãnh đạo tỉnh kiểm tra công trình đường ven biển\n"
            "Provincial leaders inspect the coastal road\n\n"
            "The works must be finished this year, he said.\n")
    found = kinds(text)
    assert [k for k, _ in found] == [
        "title", "lead", "image", "caption", "image", "caption", "image", "image", "caption",
        "image", "caption", "paragraph",
    ]
    assert found[10][1].count("\n") == 1  # the Vietnamese caption and its English twin


def test_a_picture_line_then_a_vietnamese_caption_and_its_english_twin() -> None:
    text = (f"{HEADLINE}\n\n{LEAD}\n\nbna-img-2031.jpg\n"
            "Lãnh đạo tỉnh kiểm tra công trình đường ven biển\n"
            "Provincial leaders inspect the coastal road\n\n"
            "The works must be finished this year, he said.\n")
    found = kinds(text)
    assert [k for k, _ in found] == ["title", "lead", "image", "caption", "paragraph"]
    assert found[3][1].count("\n") == 1


lines = st.lists(st.text(alphabet=st.sampled_from("Aa .|:-1|\u4e2d"), max_size=30), max_size=20)


@given(lines)
def test_read_top_gives_each_line_one_role(texts: list[str]) -> None:
    texts = [t.strip() or "x" for t in texts]
    top = read_top(texts, [False] * len(texts))
    roles = [*top.furniture, *top.bylines, *([top.title] if top.title is not None else [])]
    assert len(roles) == len(set(roles))
    assert all(i < top.body for i in roles)
    assert top.body <= len(texts)


def test_an_author_in_capitals_is_shown_in_title_case_as_the_person_is_named() -> None:
    article = parse(f"{HEADLINE}\n\n{LEAD}\n\nText and photos: HÀ VĂN\n")
    assert article.authors == ("Hà Văn",)
    assert [p.name for p in article.people if "author" in p.roles] == ["Hà Văn"]


def test_author_name_title_cases_only_names_of_two_words_in_capitals() -> None:
    from articles.parsing.parser import author_name

    assert author_name("HÀ VĂN") == "Hà Văn"
    assert author_name("H'YIM KDOH") == "H'Yim Kdoh"
    assert author_name("VNA") == "VNA"
    assert author_name("Nguyen Van A") == "Nguyen Van A"
