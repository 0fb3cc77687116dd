"""People: a given-name reference with a post, the middle name "The", ", a member of ..." and a
term written with an en dash."""

from __future__ import annotations

from articles import parse

TEXT = """Leaders meet voters of Hung Loi commune

(Baonghean.vn) - On March 3, Secretary of the Provincial Party Committee Nguyen Xuan Anh met \
voters of the commune with comrade Lai The Nguyen, a member of the Provincial Party Standing \
Committee, and Ho Van Lanh - Chairman of the District People's Committee for the 2021–2026 term.

Secretary Xuan Anh thanked the voters. Mr. Nguyen said the plan was on time.
"""


def people() -> dict[str, tuple[tuple[str, ...], list[str]]]:
    article = parse(TEXT)
    return {p.name: (p.roles, [article.text[m.start : m.end] for m in p.mentions])
            for p in article.people}


def test_a_given_name_with_a_post_is_the_person_named_in_full() -> None:
    found = people()
    assert "Xuan Anh" not in found
    assert found["Nguyen Xuan Anh"][1] == ["Nguyen Xuan Anh", "Xuan Anh"]


def test_the_as_a_middle_name_and_a_post_after_a_member_of() -> None:
    roles, mentions = people()["Lai The Nguyen"]
    assert roles == ("Member of the Provincial Party Standing Committee",)
    assert mentions == ["Lai The Nguyen", "Mr. Nguyen"]


def test_an_en_dash_inside_a_term_does_not_cut_the_post() -> None:
    roles, _ = people()["Ho Van Lanh"]
    assert roles == ("Chairman of the District People's Committee for the 2021–2026 term",)
