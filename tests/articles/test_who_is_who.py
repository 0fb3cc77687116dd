"""Who's who keeps people of one name apart when their posts name different provinces, and
merges them otherwise (articles/library/who_is_who.py)."""

from __future__ import annotations

from datetime import datetime

from articles.library.build import build_library
from articles.library.who_is_who import places_in, split_by_place
from tests.articles.test_library import person_entry


def test_same_name_in_two_provinces_is_two_people() -> None:
    library = build_library([
        person_entry("a", datetime(2020, 1, 1), "Nguyen Van Thong",
                     "Secretary of the Nghe An Provincial Party Committee"),
        person_entry("b", datetime(2021, 1, 1), "Nguyen Van Thong",
                     "Chairman of the Ha Tinh Provincial People's Committee"),
        person_entry("c", datetime(2022, 1, 1), "Nguyen Van Thong",
                     "Standing Deputy Secretary of the Nghe An Provincial Party Committee"),
    ])
    assert sorted(p.key for p in library.people) == [
        "nguyen van thong#ha tinh", "nguyen van thong#nghe an"]
    nghe_an = library.person("nguyen van thong#nghe an")
    assert nghe_an is not None and [a.path.stem for a in nghe_an.articles] == ["a", "c"]


def test_same_name_without_conflicting_places_is_one_person() -> None:
    library = build_library([
        person_entry("a", datetime(2020, 1, 1), "Nguyen Van Thong",
                     "Secretary of the Nghe An Provincial Party Committee"),
        person_entry("b", datetime(2021, 1, 1), "Nguyen Van Thong", "Secretary"),
        person_entry("c", datetime(2022, 1, 1), "Nguyen Van Thong",
                     "Chairman of the Vinh City People's Committee"),
    ])
    assert [p.key for p in library.people] == ["nguyen van thong"]


def test_places_in_a_post_longest_first_and_dashes_ignored() -> None:
    assert places_in("Secretary of the Vinh Phuc Provincial Party Committee") == {"vinh phuc"}
    assert places_in("Secretary of the Ba Ria - Vung Tau Party Committee") == {"ba ria vung tau"}
    assert places_in("Ambassador of Vietnam to Laos") == frozenset()


def test_a_part_with_no_place_stays_apart_when_two_places_split_the_name() -> None:
    groups = split_by_place("x", [(1, ["Secretary of Nghe An"]), (2, ["Secretary"]),
                                  (3, ["Secretary of Ha Tinh"])])
    assert groups == [("x#nghe an", [1]), ("x#ha tinh", [3]), ("x", [2])]
