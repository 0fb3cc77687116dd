"""People (issue 10): ethnic-minority and foreign names, street addresses, a masthead as photo
credit, a post that belongs to the name before it, a post already held by someone else, ranks
written short, bare and lower-case title-only mentions, places inside posts, credit-line labels.
Every snippet is invented."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from articles import parse
from articles.parsing.addresses import street_address
from articles.parsing.credits import credit_label, name_like
from articles.parsing.lexicon import FAMILY_NAMES, HONORIFICS, PLACES, is_family_name
from articles.parsing.roles import bare_head_of, equivalent, place_names


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
    assert found["Huynh Van Luc"][0] == (
        "Chairman of the Kien Giang Provincial People's Committee",)
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


def test_a_rank_written_short_cues_a_given_name() -> None:
    found = people("Senior Lieutenant General Tran Duc Hoa, Deputy Minister of National Defence, "
                   "attended. Sr. Lt. Gen. Hoa praised the units. Lt. Gen. Ha Quang Tuan "
                   "reported. Col. Tuan added figures.")
    assert found["Tran Duc Hoa"][1] == ["Tran Duc Hoa", "Sr. Lt. Gen. Hoa"]
    assert found["Ha Quang Tuan"][1] == ["Ha Quang Tuan", "Col. Tuan"]
    assert all(not role.startswith(("Lt", "Sr")) for role in found["Ha Quang Tuan"][0])


@pytest.mark.parametrize("mention", [
    "The chairman said", "the chairman said", "The Chairman said",
])
def test_a_bare_head_word_in_any_case_is_the_one_holder(mention: str) -> None:
    found = people("Nguyen Van Hung, Chairman of the Provincial People's Committee, and Le Thi "
                   f"Mai, Director of the Department of Finance, spoke. Later {mention} the plan "
                   "was ready.")
    assert found["Nguyen Van Hung"][2] == 1
    assert found["Le Thi Mai"][2] == 0


def test_a_lower_case_provincial_party_secretary_is_the_secretary() -> None:
    found = people("Nguyen Van Hung, Secretary of the Provincial Party Committee, and Tran Van "
                   "Nam, Deputy Secretary of the Provincial Party Committee, spoke. The "
                   "provincial Party secretary asked for roads.")
    assert found["Nguyen Van Hung"][2] == 1
    assert found["Tran Van Nam"][2] == 0


def test_a_bare_post_with_its_rank_is_the_one_holder_of_that_rank() -> None:
    found = people("Deputy Minister of Home Affairs Cao Huy Dat said the decree was fair. \"It "
                   "is fair,\" the Deputy Minister said. Le Thi Mai, Director of the Department "
                   "of Civil Servants, agreed. Later the Minister was informed.")
    assert found["Cao Huy Dat"][2] == 1
    assert found["Le Thi Mai"][2] == 0


def test_a_bare_post_held_at_two_ranks_is_nobodys() -> None:
    found = people("Nguyen Van Hung, Chairman of the Provincial People's Committee, and Tran Van "
                   "Nam, Vice Chairman of the Provincial People's Committee, spoke. The chairman "
                   "said roads come first. The Deputy Minister was absent.")
    assert found["Nguyen Van Hung"][2] == 0
    assert found["Tran Van Nam"][2] == 0


def test_a_place_left_out_of_a_post_is_the_same_post() -> None:
    found = people("Pham Quang Huy, Secretary of the Hoan Kiem ward Party Committee, and Vu Ngoc "
                   "Anh, Secretary of the Ba Dinh ward Youth Union, spoke. The inspectors asked "
                   "the secretary of the ward Party committee to review three cases.")
    assert found["Pham Quang Huy"][2] == 1
    assert found["Vu Ngoc Anh"][2] == 0


def test_two_places_are_two_posts() -> None:
    assert equivalent("secretary of the ward Party committee",
                      "Secretary of the Hoan Kiem ward Party Committee")
    assert not equivalent("Secretary of the Ba Dinh ward Party Committee",
                          "Secretary of the Hoan Kiem ward Party Committee")
    assert place_names("Chairman of the Nam Giang district People's Committee") == {"nam", "giang"}


def credited(line: str) -> dict[str, tuple[str, ...]]:
    article = parse("Quang Nam boosts border trade with Laos\n\nMarch 3, 2025\n\nOn March 2, "
                    "the provincial delegation visited the border gate and met traders.\n\n"
                    f"{line}\n")
    return {p.name: p.roles for p in article.people}


def test_text_and_photos_labels_in_one_credit_line() -> None:
    assert credited("Text: Minh Tuan | Photos: Quoc Viet") == {
        "Minh Tuan": ("author",), "Quoc Viet": ("photographer",)}
    assert credited("Text and photos: Minh Tuan") == {"Minh Tuan": ("author", "photographer")}
    assert credit_label("Photos: Quoc Viet") == (("photographer",), len("Photos: "))
    assert credit_label("Quoc Viet") is None


@pytest.mark.parametrize("line", [
    "Source: Department of Information and Communications",
    "Source: Department of Culture, Sports and Tourism Information",
    "Nguồn: Sở Thông tin và Truyền thông",
])
def test_a_source_line_names_nobody(line: str) -> None:
    assert credited(line) == {}


GIVEN = ["Van", "Thi", "Duc", "Minh", "Ngoc", "Quang", "Hung", "Lan", "Tuan", "Hoa", "Nam", "Sang"]


@given(st.sampled_from(sorted(FAMILY_NAMES - HONORIFICS)),
       st.lists(st.sampled_from(GIVEN), min_size=1, max_size=3))
def test_property_any_family_name_with_a_post_after_it_is_the_whole_name(
    family: str, given_names: list[str]
) -> None:
    # "Ong" is also the honorific "Ông" ("Ong Van" reads as "Mr. Van"); "Ha Nam" is a province.
    name = " ".join([family.capitalize(), *given_names])
    assume(name.lower() not in PLACES)
    found = people(f"The delegation met {name}, Chairman of the commune People's Committee, "
                   "at the border gate.")
    assert name in found
    assert found[name][0] == ("Chairman of the commune People's Committee",)


def test_a_bare_post_with_ranks_is_the_fuller_post_written_short() -> None:
    found = people("General Director of Vietnam Television Pham Thi Thanh Nga signed the deal. "
                   "General Director Thanh Nga said a team would open in April.")
    assert found["Pham Thi Thanh Nga"][0] == ("General Director of Vietnam Television",)
    assert bare_head_of("Deputy Minister", "Deputy Minister of Home Affairs")
    assert not bare_head_of("Minister", "Deputy Minister of Home Affairs")
    assert not bare_head_of("Deputy Minister", "Minister of Home Affairs")


def test_lower_case_military_region_and_the_body_a_department_is_under() -> None:
    found = people("Also attending were Major General Le Minh Phuc, Political Commissar of the "
                   "military region, and Le Thi Tuyet Mai, Director of the Department of Civil "
                   "Servants under the Ministry of Home Affairs, who spoke under the plan.")
    assert found["Le Minh Phuc"][0] == ("Major General",
                                        "Political Commissar of the military region")
    assert found["Le Thi Tuyet Mai"][0] == (
        "Director of the Department of Civil Servants under the Ministry of Home Affairs",)


def test_the_chairwoman_is_the_one_woman_among_the_chairmen() -> None:
    found = people("Vo Van Hung, Chairman of the Quang Tri Provincial People's Committee, met "
                   "traders. Ho Thi Lan, the chairwoman of the Huong Hoa district People's "
                   "Committee, agreed, and the chairwoman asked for funds. The chairman smiled.")
    assert found["Ho Thi Lan"][2] == 1
    assert found["Vo Van Hung"][2] == 0
