"""Document issuers (issue 10): the body the text names ("... of the provincial People's
Council", "the Provincial People's Committee would ... issue Plan No. ...") wins over the one
decoded from the code (UBND: People's Committee), and is written as a capitalised name."""

from __future__ import annotations

from articles import parse


def issuers(text: str) -> dict[str, str | None]:
    article = parse("Province reviews its programmes\n\n" + text + "\n")
    return {d.code: d.issuer for d in article.documents}


def test_an_of_the_issuer_in_lower_case_is_written_as_a_name() -> None:
    found = issuers("The list was drawn up under Resolution No. 78/NQ-HDND dated December 8, "
                    "2023 of the provincial People's Council on investment, and Decision No. "
                    "415/QD-UBND of the provincial People's Committee.")
    assert found == {"78/NQ-HDND": "Provincial People's Council",
                     "415/QD-UBND": "Provincial People's Committee"}


def test_the_code_decodes_the_issuer_when_the_text_names_none() -> None:
    found = issuers("Under Plan No. 115/KH-UBND, wards will handle 40 more procedures, as "
                    "approved in Decision No. 1234/QD-UBND and under Decision No. 6/QD-UBND of "
                    "the province.")
    assert found == {"115/KH-UBND": "People's Committee", "1234/QD-UBND": "People's Committee",
                     "6/QD-UBND": "People's Committee"}


def test_the_subject_that_issues_the_document() -> None:
    found = issuers("Mr. Minh said the Provincial People's Committee would give the department "
                    "12 more positions from the reserve and would issue Plan No. 214/KH-UBND "
                    "this month.")
    assert found == {"214/KH-UBND": "Provincial People's Committee"}


def test_a_post_or_a_body_inside_a_phrase_is_not_the_subject() -> None:
    found = issuers("The Chairman of the Provincial People's Committee asked the agencies to "
                    "issue Plan No. 21/KH-UBND soon.")
    assert found == {"21/KH-UBND": "People's Committee"}


def test_an_of_the_issuer_wins_over_the_subject() -> None:
    found = issuers("The Provincial People's Committee would issue Plan No. 9/KH-UBND of the "
                    "Provincial Steering Committee for Digital Transformation.")
    assert found == {"9/KH-UBND": "Provincial Steering Committee for Digital Transformation"}


def test_a_lower_case_subject_right_before_issued() -> None:
    found = issuers("On Monday, the provincial People's Committee issued Plan No. 33/KH-UBND on "
                    "tourism.")
    assert found == {"33/KH-UBND": "Provincial People's Committee"}


def test_an_issuer_stops_before_the_next_document() -> None:
    found = issuers("The plan follows Conclusion No. 12-KL/TU of the Provincial Party Standing "
                    "Committee and Resolution 5/NQ-HĐND of the municipal People's Council.")
    assert found == {"12-KL/TU": "Provincial Party Standing Committee",
                     "5/NQ-HĐND": "Municipal People's Council"}
