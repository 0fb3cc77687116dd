"""Layouts of more outlets (issue 10): an outlet's "<Place> Newspaper" masthead, a weekday date
written month first, a sentence with a date in it, a picture's alternative text, a closing pipe,
an aggregator's glued source line, an issuer written with "The", the sample's site furniture, the
unrendered template lines of a page with no headline."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from articles import load, parse, sample_path

HEADLINE = "Lang Son reviews eight years of Directive 05 on Party building"
LEAD = ("Lang Son (LSO) - The Standing Board of the Lang Son Provincial Party Committee held a "
        "conference on September 19 to review Directive No. 05-CT/TW of the Politburo.")


def kinds(text: str) -> list[tuple[str, str]]:
    article = parse(text)
    return [(b.kind, article.text[b.start : b.end]) for b in article.blocks]


def test_a_place_newspaper_masthead_and_a_weekday_date_month_first() -> None:
    article = parse(f"Lang Son Newspaper\nFriday,  09/20/2024\n\n{HEADLINE}\n\n{LEAD}\n")
    assert article.title == HEADLINE
    assert article.published == datetime(2024, 9, 20)
    assert article.source == "LSO"


def test_a_sentence_with_a_date_in_it_is_the_lead_not_a_byline() -> None:
    lead = ("On March 9, the Standing Committee of the Quang Tri Provincial Party Committee "
            "issued Official Dispatch No. 412-CV/TU on Conclusion No. 128-KL/TW dated March 7, "
            "2025 of the Politburo.")
    article = parse(f"Quang Tri suspends personnel appointments\n\n{lead}\n")
    assert [k for k, _ in kinds(article.text)] == ["title", "lead"]
    assert article.published is None
    assert {d.code for d in article.documents} == {"412-CV/TU", "128-KL/TW"}


def test_a_pictures_alternative_text_is_an_image_and_the_line_after_it_a_caption() -> None:
    for alt in (f"{HEADLINE} hinh anh 1", f"{HEADLINE} - ảnh 1"):
        found = kinds(f"{HEADLINE}\n\n{LEAD}\n\n{alt}\nHoang Van Nghiem speaks at the "
                      "conference\n\nHe praised the districts.\n")
        assert [k for k, _ in found] == ["title", "lead", "image", "caption", "paragraph"]
        doc = parse(f"{HEADLINE}\n\n{LEAD}\n\n{alt}\nA caption\n").documents[0]
        assert len(doc.mentions) == 2  # the headline and the lead, not the picture's text


def test_a_sentence_after_a_pipe_captions_closing_bar_is_a_paragraph() -> None:
    found = kinds(f"{HEADLINE}\n\n{LEAD}\n\n|\nOfficers at the conference |\n|\n\n"
                  "Senior Colonel Nguyen Van Truong reported on patrols along the border.\n")
    assert [k for k, _ in found] == ["title", "lead", "image", "caption", "image", "paragraph"]


def test_an_aggregators_glued_source_and_date_line() -> None:
    text = (f"Vietnam.vn - Nền tảng quảng bá Việt Nam\n\n{HEADLINE}\n\n"
            "On the morning of October 10, the congress opened at the provincial centre.\n\n"
            "Báo Nhân dânBáo Nhân dân10/10/2025\n\nThe congress elected its presidium.\n")
    article = parse(text)
    assert article.source == "Báo Nhân dân"
    assert article.published == datetime(2025, 10, 10)
    assert "heading" not in [b.kind for b in article.blocks]


def test_an_issuer_written_with_the_has_no_the() -> None:
    article = parse(f"{HEADLINE}\n\n(binhdinh.gov.vn) - The Provincial People's Committee has "
                    "issued Plan No. 42/KH-UBND on digital transformation in 2025.\n")
    assert article.documents[0].issuer == "Provincial People's Committee"


def test_the_samples_site_furniture_at_the_end_is_footer_not_body() -> None:
    article = load(sample_path())
    tail = [b for b in article.blocks if b.start >= article.text.index("Featured")]
    assert [b.kind for b in tail] == ["footer"] * len(tail)
    assert any(article.text[b.start : b.end].startswith("POWERED BY") for b in tail)
    body_end = max(b.end for s in article.sections for b in s.blocks)
    assert body_end < article.text.index("Featured")


def test_unrendered_template_lines_and_no_headline(tmp_path: Path) -> None:
    lead = ("On June 3, Pham Thi Thanh Tra—member of the Party Central Committee and Minister "
            "of Home Affairs—held a working session with the province.")
    path = tmp_path / "no-headline.txt"
    path.write_text(f"{{title}}\n{{publish}}\n{{head}}\n{lead}\n", encoding="utf-8")
    article = load(path)
    assert article.title is None
    assert [b.kind for b in article.blocks][-1] == "lead"
    assert article.people[0].roles == ("Member of the Party Central Committee",
                                       "Minister of Home Affairs")
