"""People (issue 10, item 5): honorifics are never posts, organisation names are not people, a
"Tags:" line is not part of a post, posts between em dashes, given names with a post, two posts
joined by "and" before a name, lower-case title-only mentions."""

from __future__ import annotations

from articles import parse


def people(text: str) -> dict[str, tuple[tuple[str, ...], list[str], int]]:
    """Each person: posts, the text of the name mentions, the number of title-only mentions."""
    article = parse("Officials meet in the province\n\n" + text + "\n")
    return {p.name: (p.roles, [article.text[m.start : m.end] for m in p.name_mentions],
                     len(p.role_mentions)) for p in article.people}


def test_an_honorific_is_never_part_of_a_post() -> None:
    found = people("Provincial Party Secretary Mr Nguyen Van Thong spoke. Chairwoman Ms. Le Thi "
                   "Hoa attended with Mrs. Tran Thi Lan.")
    assert found["Nguyen Van Thong"][0] == ("Provincial Party Secretary",)
    assert found["Le Thi Hoa"][0] == ("Chairwoman",)


def test_an_honorific_after_a_post_and_a_comma_is_the_next_person() -> None:
    found = people("The decisions went to Ms. Le Thi Thuy, member of the Standing Board and "
                   "Chairwoman of the provincial People's Council, and Mr. Truong Quoc Huy, "
                   "Chairman of the provincial People's Committee.")
    assert found["Le Thi Thuy"][0] == (
        "Member of the Standing Board", "Chairwoman of the provincial People's Council")
    assert found["Truong Quoc Huy"][0] == ("Chairman of the provincial People's Committee",)


def test_the_head_of_an_office_or_department_name_is_not_a_post() -> None:
    found = people("Representatives of the Office of the President Tran Van Hung and of the "
                   "Department of Localities I Le Van Nam attended. Mr. Hung and Mr. Nam spoke.")
    assert found["Tran Van Hung"][0] == ()
    assert found["Le Van Nam"][0] == ()
    assert "Localities I" not in found


def test_a_tags_line_is_not_glued_to_the_last_post() -> None:
    found = people("It was said by Nguyen Van Thong, Secretary of the Provincial Party "
                   "Committee Tags: Nghe An, Party building")
    assert found["Nguyen Van Thong"][0] == ("Secretary of the Provincial Party Committee",)


def test_posts_between_em_dashes_without_spaces() -> None:
    found = people("On June 3, Pham Thi Thanh Tra—member of the Party Central Committee and "
                   "Minister of Home Affairs—held a working session.")
    assert found["Pham Thi Thanh Tra"][0] == (
        "Member of the Party Central Committee", "Minister of Home Affairs")


def test_a_given_name_with_a_post_whose_first_word_is_also_a_family_name() -> None:
    found = people("Nguyen Van Quyet, Secretary of the Tay Ninh Provincial Party Committee, "
                   "opened the congress. Secretary Van Quyet said the plan was ready.")
    assert "Van Quyet" not in found
    assert found["Nguyen Van Quyet"][1] == ["Nguyen Van Quyet", "Van Quyet"]


def test_one_given_name_after_a_post_is_the_one_person_with_that_post() -> None:
    found = people("Politburo member and Deputy PM Tran Luu Quang chaired a meeting. Deputy PM "
                   "Quang asked ministries to report. Minister Quang was not there.")
    roles, mentions, _ = found["Tran Luu Quang"]
    assert roles == ("Politburo member", "Deputy PM")
    assert mentions == ["Tran Luu Quang", "Quang"]


def test_lower_case_title_only_mention_of_the_one_holder() -> None:
    found = people("Nguyen Van Thong, Chairman of the District People's Committee, spoke. Later "
                   "the chairman of the district said the roads were done.")
    assert found["Nguyen Van Thong"][2] == 1


def test_lower_case_title_only_mention_is_nobody_when_two_hold_such_posts() -> None:
    found = people("Nguyen Van Thong, Chairman of the Ky Son District People's Committee, and "
                   "Le Van Nam, Chairman of the Tuong Duong District People's Committee, spoke. "
                   "Later the chairman of the district said the roads were done.")
    assert found["Nguyen Van Thong"][2] == 0
    assert found["Le Van Nam"][2] == 0


def test_a_one_word_post_is_a_title_only_mention_when_it_is_the_whole_post() -> None:
    found = people("Tran Quoc Cuong received a delegation led by its Governor Phouthone "
                   "Vongsavanh. The Governor thanked the province.")
    assert found["Phouthone Vongsavanh"][2] == 1


def test_a_place_with_a_dash_inside_a_post() -> None:
    found = people("The Secretary of the Ba Ria - Vung Tau Provincial Party Committee Pham Viet "
                   "Tien inspected the ports.")
    assert found["Pham Viet Tien"][0] == (
        "Secretary of the Ba Ria - Vung Tau Provincial Party Committee",)


def test_an_and_a_are_given_names_at_the_end_of_a_name() -> None:
    found = people("Mr. Nguyễn Văn An, Secretary of the Provincial Party Committee, chaired the "
                   "meeting. Comrade Dang Van A - Director of the Department of Finance - "
                   "attended. Mr. An asked for the plan. An official said it was late. A "
                   "delegate agreed.")
    assert found["Nguyễn Văn An"][0] == ("Secretary of the Provincial Party Committee",)
    assert found["Nguyễn Văn An"][1] == ["Nguyễn Văn An", "Mr. An"]
    assert found["Dang Van A"][0] == ("Director of the Department of Finance",)
    assert set(found) == {"Nguyễn Văn An", "Dang Van A"}


def test_two_people_named_an_leave_mr_an_unresolved() -> None:
    found = people("Mr. Nguyen Van An, Secretary of the Provincial Party Committee, and Mr. "
                   "Tran Quoc An, Director of the Department of Construction, spoke. Mr. An "
                   "closed the meeting.")
    assert found["Nguyen Van An"][1] == ["Nguyen Van An"]
    assert found["Tran Quoc An"][1] == ["Tran Quoc An"]


def test_a_post_next_to_a_name_is_not_a_title_only_mention() -> None:
    """Before the name, after it with a comma and "the", and alone: only the lone one counts."""
    found = people(
        "Mr. Nguyen Van Thong, Standing Deputy Secretary of the Provincial Party Committee, met "
        "voters. The Standing Deputy Secretary of the Provincial Party Committee, Nguyen Van "
        "Thong, thanked them. Later, Nguyen Van Thong, the Standing Deputy Secretary of the "
        "Provincial Party Committee, visited a school. The Standing Deputy Secretary of the "
        "Provincial Party Committee requested more effort.")
    roles, names, by_role = found["Nguyen Van Thong"]
    assert roles == ("Standing Deputy Secretary of the Provincial Party Committee",)
    assert len(names) == 3
    assert by_role == 1


def test_the_before_a_capitalised_post_after_a_comma_is_read_as_the_post() -> None:
    found = people("Le Thi Hoa, the Chairwoman of the District People's Committee, opened the "
                   "session.")
    assert found["Le Thi Hoa"][0] == ("Chairwoman of the District People's Committee",)
    assert found["Le Thi Hoa"][2] == 0
