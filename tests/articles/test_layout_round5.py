"""Layouts of the fourth held-out round (issue 10): a month-first date glued to its year, a
time with a minute mark, a byline of names under or over the date line, an outlet's short name
opening the lead, a masthead joined by "&", the masthead printed again as a photo credit, an
empty "Photo:" closing a caption, a picture's file-name stem, and the outlet's contact lines
closing the page."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from articles import parse
from articles.parsing.credits import names_only
from articles.parsing.dates import find_datetime
from articles.parsing.footer import contact_line, footer_start, running_text

HEADLINE = "Dak Nong opens twelve new rural clinics before the rainy season"
LEAD = ("On June 20, the Dak Nong Provincial People's Committee opened twelve rural clinics in "
        "the districts of Krong No and Tuy Duc, each with a doctor and two nurses on duty.")
MORE = ("Vice Chairwoman Ton Thi Ngoc Hanh said the province would add four more clinics by "
        "the end of the year and train forty village health workers in first aid.")


def kinds(text: str) -> list[tuple[str, str]]:
    article = parse(text, entities=False)
    return [(b.kind, article.text[b.start : b.end]) for b in article.blocks]


def test_a_month_first_date_with_the_day_glued_to_the_year() -> None:
    article = parse(f"{HEADLINE}\n\nJune, 212024\n\n{LEAD}\n", entities=False)
    assert article.published == datetime(2024, 6, 21)
    assert article.title == HEADLINE
    found = find_datetime("Posted July, 92023")
    assert found is not None and found[1] == datetime(2023, 7, 9)
    assert find_datetime("the 2021-2025 term, March, 2025") is None


def test_a_time_with_a_minute_mark() -> None:
    article = parse(f"{HEADLINE}\n\nUpdated: 14:05’ - 21/06/2024\n\n{LEAD}\n", entities=False)
    assert article.published == datetime(2024, 6, 21, 14, 5)
    found = find_datetime("June 21, 2024 07:45'")
    assert found is not None and found[1] == datetime(2024, 6, 21, 7, 45)


def test_a_name_just_under_the_date_line_is_the_byline() -> None:
    article = parse(f"{HEADLINE}\n\nUpdate: 08:10, 21/06/2024\n\nMinh Khoa\n\n{LEAD}\n")
    assert article.authors == ("Minh Khoa",)
    assert [k for k, _ in kinds(article.text)] == ["title", "byline", "byline", "lead"]
    assert "Minh Khoa" in {p.name for p in article.people}


def test_several_names_over_or_under_the_date_line_are_the_byline() -> None:
    for names in ("Lan Anh - Quoc Viet", "Lan Anh, Quoc Viet"):
        above = parse(f"{HEADLINE}\n\n{names}\n\n21/06/2024 - 09:30\n\n{LEAD}\n", entities=False)
        assert above.authors == ("Lan Anh", "Quoc Viet")
        assert above.published == datetime(2024, 6, 21, 9, 30)
        under = parse(f"{HEADLINE}\n\n21/06/2024 - 09:30\n\n{names}\n\n{LEAD}\n", entities=False)
        assert under.authors == ("Lan Anh", "Quoc Viet")


def test_a_place_or_a_phrase_under_the_date_line_is_no_byline() -> None:
    for line in ("Dak Nong", "Health news"):
        article = parse(f"{HEADLINE}\n\n21/06/2024\n\n{line}\n\n{LEAD}\n", entities=False)
        assert article.authors == ()
    assert names_only("Lan Anh & Quoc Viet")
    assert not names_only("Lan Anh - Quoc Viet - Thu Trang - Hong Nhung - Van Long")
    assert not names_only("Provincial People's Committee")


def test_an_outlets_short_name_opening_the_lead_is_the_source() -> None:
    for short in ("BTO", "DNO", "QNO"):
        article = parse(f"{HEADLINE}\n\n{short} - {LEAD}\n", entities=False)
        assert article.source == short
    # A place in capitals is a dateline, not an outlet: the masthead names the source.
    for place in ("HCMC", "HUE", "VINH"):
        article = parse(f"Song Lam Times\n\n{HEADLINE}\n\n{place} – {LEAD}\n", entities=False)
        assert article.source == "Song Lam Times"


def test_a_masthead_joined_by_an_ampersand_names_the_source() -> None:
    text = f"LAW & LIFE REVIEW\n\nHome / Law - Policy\n\n{HEADLINE}\n\n{LEAD}\n"
    article = parse(text, entities=False)
    assert article.source == "LAW & LIFE REVIEW"
    assert article.title == HEADLINE


def test_the_masthead_printed_again_as_a_photo_credit_credits_nobody() -> None:
    text = (f"Song Lam Times\n\n{HEADLINE}\n\n{LEAD}\n\n"
            "A nurse checks a patient in Krong No district. Photo: Song Lam Times\n\n"
            f"{MORE}\n\nThe new clinic in Tuy Duc district. Photo: Dang Khoa\n")
    names = {p.name for p in parse(text).people}
    assert "Song Lam Times" not in names
    assert "Dang Khoa" in names


def test_an_empty_photo_credit_ends_a_caption() -> None:
    caption = "Ton Thi Ngoc Hanh - Vice Chairwoman of the Provincial People's Committee. Photo:"
    text = f"{HEADLINE}\n\n{LEAD}\n\n{caption}\n\n{MORE}\n"
    assert ("caption", caption) in kinds(text)
    names = {p.name for p in parse(text).people}
    assert names == {"Ton Thi Ngoc Hanh"}
    # Only a photo credit may be left empty: a line ending "Video:" introduces a clip.
    line = "The director showed how the new ambulance boat reaches the villages. Video:"
    assert ("paragraph", line) in kinds(f"{HEADLINE}\n\n{LEAD}\n\n{line}\n")


def test_a_pictures_file_name_stem_over_its_caption_is_an_image() -> None:
    stem = "2106p05 dak nong rural clinics"
    caption = "The new clinic in Tuy Duc district. Photo: Dang Khoa"
    got = kinds(f"{HEADLINE}\n\n{LEAD}\n\n{stem}\n{caption}\n\n{MORE}\n")
    assert ("image", stem) in got and ("caption", caption) in got
    # Without a caption under it, a lower-case line stays text.
    assert ("paragraph", stem) in kinds(f"{HEADLINE}\n\n{LEAD}\n\n{stem}\n\n{MORE}\n")


def test_the_outlets_contact_lines_closing_the_page_are_the_footer() -> None:
    contact = ["Song Lam Times welcomes your comments. Write to us using the form below.",
               "Song Lam Times, 12 Le Hong Phong, Vinh ward, Nghe An",
               "Hotline: 0238 3844 112"]
    text = f"{HEADLINE}\n\n{LEAD}\n\n{MORE}\n\n" + "\n".join(contact) + "\n"
    article = parse(text, entities=False)
    footer = [article.text[b.start : b.end] for b in article.blocks if b.kind == "footer"]
    assert footer == contact
    assert [b.kind for b in article.blocks][:3] == ["title", "lead", "paragraph"]


def test_a_paragraph_with_a_number_in_it_is_no_contact_line() -> None:
    ending = "The hotline 0238 3844 112 takes calls from patients in remote villages day and night."
    article = parse(f"{HEADLINE}\n\n{LEAD}\n\n{ending}\n", entities=False)
    assert "footer" not in {b.kind for b in article.blocks}
    assert contact_line("Tel: (0262) 3852 219")
    assert contact_line("E-mail: toasoan@songlamtimes.vn")
    assert not contact_line("In 2024 the province spent 1,200 billion VND.")


def test_contact_lines_do_not_take_the_lines_of_a_hard_wrapped_paragraph() -> None:
    wrapped = ("The clinics will also serve the Ede and Mnong villages\n"
               "along the river, where the nearest hospital is fifty kilometres\n"
               "away, the director of the health department said on Thursday.")
    text = f"{HEADLINE}\n\n{LEAD}\n\n{wrapped}\nHotline: 0238 3844 112\n"
    article = parse(text, entities=False)
    footer = [article.text[b.start : b.end] for b in article.blocks if b.kind == "footer"]
    assert footer == ["Hotline: 0238 3844 112"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "No", "Nl", "Cs"))))
def test_no_date_is_read_from_text_without_digits(text: str) -> None:
    # DNUM_ dates spell their digits as letters: text without digits has none of the others.
    found = find_datetime(text)
    assert found is None or "DNUM_" in text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_the_date_parser_never_raises(text: str) -> None:
    found = find_datetime(text)
    if found is not None:
        assert text[found[0].start() : found[0].end()] == found[0].group()


line_pieces = st.sampled_from([
    LEAD, MORE, "Hotline: 0238 3844 112", "Song Lam Times, 12 Le Hong Phong, Vinh, Nghe An",
    "Related news", "Tags: clinics", "Short line", "E-mail: a@b.vn", "Photo: Dang Khoa",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(line_pieces, max_size=20), st.lists(st.booleans(), min_size=20, max_size=20),
       st.integers(0, 5))
def test_the_footer_never_starts_before_running_text(
    texts: list[str], blanks: list[bool], first_body: int
) -> None:
    first_body = min(first_body, len(texts))
    start = footer_start(texts, blanks[: len(texts)], first_body, "")
    assert first_body <= start <= len(texts)
    if start < len(texts):
        assert any(running_text(t) for t in texts[first_body:start])
