"""Posts written in other words (issue 10, item 5): an organisation in capitals ("the PPC"), a
place qualifier left out ("the Party chief" of the "HCMC Party chief"), a bare lower-case head
("the chairman"), a title inside a compound subject, a possessive inside an organisation's
name, heads with diacritics and apostrophes ("Chargé d'Affaires"), and a bare head word that a
fuller post of the same person already has."""

from __future__ import annotations

from articles import parse
from articles.parsing.roles import bare_head_of, equivalent, post_end, spell_out


def people(text: str) -> dict[str, tuple[tuple[str, ...], int, int]]:
    """Each person: posts, the number of name mentions and of title-only mentions."""
    article = parse("Officials meet in the province\n\n" + text + "\n")
    return {p.name: (p.roles, len(p.name_mentions), len(p.role_mentions))
            for p in article.people}


def test_an_organisation_in_capitals_is_the_one_its_initials_spell() -> None:
    assert spell_out("Chairman of the PPC", "Chairman of the Provincial People's Committee") == (
        "Chairman of the Provincial People's Committee")
    assert equivalent("Chairman of the PPC", "Chairman of the Provincial People's Committee")
    assert equivalent("municipal PC Secretary", "Secretary of the municipal Party Committee")
    assert not equivalent("Vice Chairman of the PPC", "Chairman of the Provincial People's "
                          "Committee")
    assert not equivalent("Chairman of the PPC", "Chairman of the Provincial Farmers' Union")


def test_the_chairman_of_the_ppc_is_the_one_chairman() -> None:
    found = people(
        "Mr. Vo Thanh Dat – Chairman of the Provincial People's Committee (PPC) received the "
        "guests. Also attending was Mr. Mai Van Luong – Permanent Vice Chairman of the PPC.\n\n"
        "The Chairman of the PPC said the province was ready. The Permanent Vice Chairman of "
        "the PPC agreed.")
    assert found["Vo Thanh Dat"][2] == 1
    assert found["Mai Van Luong"][2] == 1


def test_a_post_without_its_place_qualifier() -> None:
    assert equivalent("HCMC Party chief", "Party chief")
    assert equivalent("Secretary of the HCMC Party Committee",
                      "Secretary of the Ho Chi Minh City Party Committee")
    found = people("HCMC Party chief Vo Hoang Kiet chaired the meeting.\n\n"
                   "Concluding the meeting, the Party chief said the deadline stood.")
    assert found["Vo Hoang Kiet"] == (("HCMC Party chief",), 1, 1)


def test_a_bare_lower_case_head_is_the_one_person_with_that_post() -> None:
    text = ("Chairman of the Vinh Long People's Committee Lu Thanh Nghia opened the forum.\n\n"
            "The chairman said the province had land ready, and the general public agreed.")
    assert people(text)["Lu Thanh Nghia"][2] == 1
    two = text + "\n\nVice Chairman of the Vinh Long People's Committee Tran Van Hai spoke."
    assert people(two)["Lu Thanh Nghia"][2] == 0  # "the chairman" could be either
    general = people("General Secretary To Lam visited.\n\nThe general public welcomed him.")
    assert general["To Lam"][2] == 0  # a rank word alone is no post


def test_a_title_inside_a_compound_subject() -> None:
    text = ("The Chairman of the provincial People's Council and the Chamber's representatives "
            "agreed.")
    assert text[4 : post_end(text, 4, len(text))] == "Chairman of the provincial People's Council"
    found = people("Comrade Duong Van Khai, Chairman of the provincial People's Council, led the "
                   "delegation.\n\n" + text)
    assert found["Duong Van Khai"][2] == 1


def test_a_possessive_inside_an_organisations_name_is_part_of_the_post() -> None:
    found = people("Le Minh Duc, general director of the refinery's operating company, said the "
                   "plant would grow. Nguyen Van Binh, director of the city's port, agreed.")
    assert found["Le Minh Duc"][0] == ("General director of the refinery's operating company",)
    text = "director of the company's staff said"
    assert text[: post_end(text, 0, len(text))] == "director"  # "staff" is no organisation


def test_a_post_with_diacritics_and_an_apostrophe_after_the() -> None:
    found = people("The Chargé d'Affaires Luu Quang Tien received the delegation. Mr. Luu Quang "
                   "Tien spoke of trade.")
    assert found["Luu Quang Tien"] == (("Chargé d'Affaires",), 2, 0)


def test_a_bare_head_word_of_a_fuller_post_is_that_post() -> None:
    assert bare_head_of("Chairman", "Chairman of the Board of Directors of Vinatex")
    assert not bare_head_of("Chairman", "Vice Chairman of the Board")
    assert not bare_head_of("Deputy", "Deputy Director of the Department")
    later = people("Nguyen Van Binh, Chairman of the Board of Directors of Vinatex, spoke. "
                   "Chairman Nguyen Van Binh cut the ribbon.")
    assert later["Nguyen Van Binh"][0] == ("Chairman of the Board of Directors of Vinatex",)
    first = people("Chairman Nguyen Van Binh cut the ribbon. Nguyen Van Binh, Chairman of the "
                   "Board of Directors of Vinatex, spoke.")
    assert first["Nguyen Van Binh"][0] == ("Chairman of the Board of Directors of Vinatex",)
    two = people("Chairman Nguyen Van Binh cut the ribbon. Nguyen Van Binh, Vice Chairman of "
                 "the Board of Directors of Vinatex, spoke.")
    assert len(two["Nguyen Van Binh"][0]) == 2


def test_a_lower_case_post_with_modifiers_before_its_head() -> None:
    text = "the deputy prime minister left, and the prime time ended"
    assert text[4 : post_end(text, 4, len(text))] == "deputy prime minister"
    assert text[40 : post_end(text, 40, len(text))] == "prime"
    found = people("Deputy Prime Minister Tran Hong Ha visited the dam.\n\n"
                   "The deputy prime minister said it was safe.")
    assert found["Tran Hong Ha"][2] == 1
