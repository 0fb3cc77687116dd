"""Mastheads of outlets the parser does not know (a short name above a navigation bar, printed
again above the date line), section lines, date lines under the headline, a lead's short name
for the masthead's outlet, credits without a colon or in capitals, captions printed twice, and
where the footer may start (issue 10, third held-out set). All text is invented."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles import parse

HEADLINE = "Coastal province asks districts to speed up land clearance for the ring road"
LEAD = ("The Standing Board of the provincial Party Committee on Monday reviewed the ring road "
        "project and asked the districts to hand over the remaining land by the end of June.")
BODY = ("Mr. Tran Van Hoang, Chairman of the provincial People's Committee, said 94 per cent of "
        "the land had been handed over.")


def kinds(text: str) -> list[tuple[str, str]]:
    article = parse(text)
    return [(b.kind, article.text[b.start : b.end]) for b in article.blocks]


@pytest.mark.parametrize("masthead", ["DELTA Today", "The Harbour Times", "econews"])
def test_an_unknown_masthead_above_a_navigation_bar(masthead: str) -> None:
    article = parse(f"{masthead}\n\nHome | Politics\n\n{HEADLINE}\n\n{LEAD}\n\n{BODY}\n")
    assert article.title == HEADLINE
    assert article.source == masthead
    assert [b.kind for b in article.blocks] == ["footer", "footer", "title", "lead", "paragraph"]


def test_a_lower_case_line_is_a_masthead_only_at_the_top_above_a_navigation_bar() -> None:
    article = parse(f"{HEADLINE}\n\neconews\n\nHome | Politics\n\n{LEAD}\n")
    assert article.title == HEADLINE
    assert article.source is None


def test_a_masthead_printed_again_above_the_date_line_is_furniture() -> None:
    text = (f"DELTA Today\n\nHome | Politics\n\n{HEADLINE}\n\nDELTA Today\n"
            f"Published: March 14, 2024\n\n{LEAD}\n\n{BODY}\n\nOther news\nAn older story\n")
    article = parse(text)
    assert article.title == HEADLINE
    assert article.published == datetime(2024, 3, 14)
    assert article.source == "DELTA Today"
    assert [b.kind for b in article.blocks] == [
        "footer", "footer", "title", "footer", "byline", "lead", "paragraph", "footer", "footer",
    ]
    assert [p.name for p in article.people] == ["Tran Van Hoang"]


@pytest.mark.parametrize("section", [
    "News - Provincial Leaders' Activities", "Politics – Party building", "Home - Economy",
])
def test_a_section_line_above_the_headline_is_furniture(section: str) -> None:
    article = parse(f"Delta Provincial Portal\n{section}\n\n{HEADLINE}\n\n{LEAD}\n")
    assert article.title == HEADLINE
    assert [b.kind for b in article.blocks] == ["footer", "footer", "title", "lead"]


@pytest.mark.parametrize("headline", [
    "Nghe An - Xieng Khouang cooperation enters a new stage",
    "Sports - Vietnam beat Thailand 2-1 in the final", "News - the province opens a new port",
])
def test_a_headline_with_a_dash_is_still_the_title(headline: str) -> None:
    assert parse(f"{headline}\n\n{LEAD}\n").title == headline


@pytest.mark.parametrize(("lead", "source"), [
    ("PORTAL – On Monday, the province received a delegation.", "PORTAL"),
    ("DPP – On Monday, the province received a delegation.", "DPP"),
    ("HÀ TĨNH – On Monday, the province received a delegation.", "Delta Provincial Portal"),
])
def test_a_leads_short_name_for_the_mastheads_outlet(lead: str, source: str) -> None:
    assert parse(f"Delta Provincial Portal\n\n{HEADLINE}\n\n{lead}\n").source == source


@pytest.mark.parametrize(("date_line", "published"), [
    ("Tuesday, Mar 12, 2024 16:18", datetime(2024, 3, 12, 16, 18)),
    ("Thursday, May 16, 2024, 14:52 (GMT+7)", datetime(2024, 5, 16, 14, 52)),
    ("Published: March 14, 2024", datetime(2024, 3, 14)),
])
def test_date_lines_under_the_headline(date_line: str, published: datetime) -> None:
    article = parse(f"The Harbour Times\n\nHome > Politics\n\n{HEADLINE}\n\n{date_line}\n\n"
                    f"By Le Van Minh\n\n{LEAD}\n\nSome heading\n\n{BODY}\n")
    assert article.title == HEADLINE
    assert article.published == published
    assert article.authors == ("Le Van Minh",)
    assert [s.title for s in article.sections] == ["Lead", "Some heading"]


def test_a_caption_closing_with_a_dash_and_photo_without_colon() -> None:
    caption = "The province calls for investment in logistics and tourism. — Photo harbour.vn"
    found = kinds(f"{HEADLINE}\n\n{caption}\n\n{LEAD}\n")
    assert [k for k, _ in found] == ["title", "caption", "lead"]
    assert parse(f"{HEADLINE}\n\n{LEAD}\n\n{caption}\n").people == ()


def test_a_caption_printed_twice_without_picture_or_credit() -> None:
    caption = "Mr. Tran Van Hoang speaking at the conference"
    article = parse(f"{HEADLINE}\n\n{BODY}\n\n{caption}\n{caption}\n\n{LEAD}\n")
    assert [b.kind for b in article.blocks] == ["title", "lead", "caption", "image", "paragraph"]
    (person,) = article.people
    assert len(person.name_mentions) == 2  # the paragraph and the caption, counted once


@pytest.mark.parametrize("closing", [
    ["Legal Disclaimer:", "The relay carries the text as received."], ["Comment (0)"],
    ["Comments (12)"], ["Disclaimer: the views are the author's."],
])
def test_closing_lines_that_are_footer(closing: list[str]) -> None:
    lines = "\n".join(closing)
    found = kinds(f"{HEADLINE}\n\n{LEAD}\n\n{BODY}\n\n{lines}\n")
    assert [k for k, _ in found] == ["title", "lead", "paragraph"] + ["footer"] * len(closing)


def test_the_footer_does_not_start_before_running_text() -> None:
    # The headline repeated under a short line that opens the body is no footer: the footer
    # follows the body's first sentences.
    text = (f"A short kicker\n\nA second short line\n\nA short kicker\n\n{LEAD}\n\n{BODY}\n\n"
            "Tags: roads\n")
    found = [k for k, _ in kinds(text)]
    assert "paragraph" in found and found.index("footer") > found.index("paragraph")
    assert found[-1] == "footer"


sentence = st.sampled_from([LEAD, BODY, "He said the works would finish this year."])
short = st.sampled_from(["Tags: roads", "Latest", "Comment (0)", "Print", HEADLINE, "Kicker",
                         "DELTA Today", "Home | Politics", "Published: March 14, 2024"])


@given(st.lists(st.one_of(sentence, short), min_size=1, max_size=12))
def test_no_footer_inside_the_body_before_its_first_sentence(pieces: list[str]) -> None:
    article = parse("\n\n".join(pieces) + "\n")
    blocks = article.blocks
    lead = next((i for i, b in enumerate(blocks) if b.kind == "lead"), None)
    if lead is None:
        return
    for b in blocks[lead + 1 :]:
        if b.kind == "footer":
            before = article.text[blocks[lead].start : b.start]
            assert any(s in before for s in (LEAD, BODY, "He said the works"))
            break


def test_a_glued_source_and_date_line_names_nobody() -> None:
    text = f"{HEADLINE}\n\n{LEAD}\n\nBáo Lâm ĐồngBáo Lâm Đồng20/08/2025\n\n{BODY}\n"
    article = parse(text)
    assert article.authors == ()
    assert article.published == datetime(2025, 8, 20)
    assert article.source == "Báo Lâm Đồng"
    assert [p.name for p in article.people] == ["Tran Van Hoang"]


def test_an_all_caps_photo_credit_names_the_photographer() -> None:
    text = (f"{HEADLINE}\n\n{LEAD}\n\nDelegates at the conference. Photo: VAN THIEN\n\n{BODY}\n\n"
            "The chairman at the site. Photo: VAN THIEN\n\nThe site. Photo: VNA\n")
    people = {p.name: p for p in parse(text).people}
    assert set(people) == {"Tran Van Hoang", "Van Thien"}
    assert people["Van Thien"].roles == ("photographer",)
    assert len(people["Van Thien"].name_mentions) == 2
