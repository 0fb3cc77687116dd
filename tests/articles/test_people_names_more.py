"""People (issue 10): ethnic-minority and foreign names, street addresses, a masthead as photo
credit, a post that belongs to the name before it, and a post already held by someone else.
Every snippet is invented."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles import parse
from articles.parsing.addresses import street_address
from articles.parsing.credits import name_like
from articles.parsing.lexicon import is_family_name


def people(text: str) -> dict[str, tuple[tuple[str, ...], list[str], int]]:
    """Each person: posts, the text of the name mentions, the number of title-only mentions."""
    article = parse("Officials meet in the province\n\n" + text + "\n")
    return {p.name: (p.roles, [article.text[m.start : m.end] for m in p.name_mentions],
                     len(p.role_mentions)) for p in article.people}


@pytest.mark.parametrize("name", [
    "Bhling Van Nham", "Briu Thi Liem", "Neang Sa Rum", "Danh Soc Thanh", "Ksor Phuoc Ha",
    "Rơ Chăm Long", "Nay H'Bloanh Ha", "Y Bih Nie", "Nong Van Tien", "Ma Thi Dung",
])
def test_ethnic_minority_family_names_open_a_name(name: str) -> None:
    found = people(f"The delegation was welcomed by {name} and local people.")
    assert name in found
    assert found[name][1] == [name]


def test_an_ede_womans_name_opens_with_h_and_an_apostrophe() -> None:
    assert is_family_name("H'Yim") and is_family_name("H’Bloanh")
    assert not is_family_name("Hanoi")
    found = people("Teachers such as H'Yim Kdoh, a teacher in Krong Bong, were praised.")
    assert found["H'Yim Kdoh"][0] == ("Teacher",)


def test_an_ethnic_family_name_is_not_cut_off_the_name() -> None:
    found = people("Bhling Van Nham, Chairman of the Nam Giang district People's Committee, "
                   "spoke. The chairman of the district said the site was ready.")
    assert "Van Nham" not in found
    assert found["Bhling Van Nham"][2] == 1


def test_a_name_before_a_post_list_is_not_a_post() -> None:
    found = people("Also attending were Nong Van Tien, Secretary of the provincial Youth Union, "
                   "and Ma Thi Dung, Chairwoman of the Yen Nguyen commune People's Committee.")
    assert found["Nong Van Tien"][0] == ("Secretary of the provincial Youth Union",)
    assert found["Ma Thi Dung"][0] == ("Chairwoman of the Yen Nguyen commune People's Committee",)


def test_a_foreign_name_after_a_post_with_a_hyphenated_given_name() -> None:
    found = people("Among the investors is Doosung Vina, whose General Director Park Jun-ho "
                   "said the plant would open in May. Visitors later walked to Park Hotel.")
    assert found["Park Jun-ho"][0] == ("General Director",)
    assert name_like(["Park", "Jun-ho"]) and not name_like(["Thong", "Nhat", "Park"])
    assert not name_like(["Vietnam-Laos", "Friendship"])


def test_a_street_in_an_address_is_not_a_person() -> None:
    found = people("The programme was made by VTV News.\n\nVTV News, 43 Nguyen Chi Thanh, Ba "
                   "Dinh, Hanoi")
    assert "Nguyen Chi Thanh" not in found


def test_a_day_or_a_year_before_a_name_is_not_a_house_number() -> None:
    text = "On March 14 Nguyen Van Hung, Secretary of X, and in 2024 Tran Van Nam, Chairman."
    hung = text.index("Nguyen")
    nam = text.index("Tran")
    assert not street_address(text, hung, hung + len("Nguyen Van Hung"))
    assert not street_address(text, nam, nam + len("Tran Van Nam"))
    address = "Office: 12/3 Le Loi, Vinh"
    at = address.index("Le Loi")
    assert street_address(address, at, at + len("Le Loi"))


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["Nguyen Chi Thanh",
                                                                  "Tran Hung Dao", "Le Duan"]))
def test_property_a_number_on_another_line_is_never_a_house_number(n: int, name: str) -> None:
    text = f"Photo {n}\n{name}, Secretary of the Party Committee, speaks"
    at = text.index(name)
    assert not street_address(text, at, at + len(name))


def test_a_photo_credit_naming_the_masthead_is_the_outlet() -> None:
    article = parse("Tien Phong\n\nYouth month opens in Tuyen Quang\n\nMonday, 10/03/2025 08:15\n\n"
                    "TPO - On March 9, Trieu Thi Mai Huong, Secretary of the Youth Union Central "
                    "Committee, opened the month.\n\nVolunteers build a road. Photo: Tien Phong\n\n"
                    "Young people clean a school. Photo: Nhu Y\n\nMs Huong praised them.\n")
    names = {p.name for p in article.people}
    assert "Tien Phong" not in names
    assert {"Trieu Thi Mai Huong", "Nhu Y"} <= names


def test_a_post_after_a_name_is_not_the_next_names_post() -> None:
    found = people("Also attending were Lieutenant General Ha Quang Tuan, Commander of Military "
                   "Region 5, Major General Le Minh Phuc, Political Commissar, and others. The "
                   "Commander of Military Region 5 said training would begin.")
    assert found["Le Minh Phuc"][0] == ("Major General", "Political Commissar")
    assert found["Ha Quang Tuan"][2] == 1


def test_a_post_and_its_holder_in_a_list_are_not_the_next_names_post() -> None:
    found = people("Accompanying him were Minister of Construction Tran Van Hau, Chairman of the "
                   "Kien Giang Provincial People's Committee Huynh Van Luc, and others.")
    assert found["Huynh Van Luc"][0] == ("Chairman of the Kien Giang Provincial People's Committee",)
    assert found["Tran Van Hau"][0] == ("Minister of Construction",)


def test_a_post_someone_else_holds_before_a_comma_is_their_title_only_mention() -> None:
    found = people("Deputy Prime Minister Nguyen Thanh Dong inspected the site. Reporting to the "
                   "Deputy Prime Minister, Mr. Huynh Van Luc said the land was ready.")
    assert found["Huynh Van Luc"][0] == ()
    assert found["Nguyen Thanh Dong"][2] == 1


def test_an_apposition_of_ones_own_post_stays_a_post() -> None:
    found = people("Attending was the Chairman of the Provincial People's Committee, Mr. Le Van "
                   "Nam, who spoke first.")
    assert found["Le Van Nam"][0] == ("Chairman of the Provincial People's Committee",)
