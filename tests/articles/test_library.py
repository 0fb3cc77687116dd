"""The library index: people merged across articles and spellings, posts over time, documents
told apart by date, issuer and subject, doubt shown, mentions in library order."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from articles import parse
from articles.cache.index_cache import IndexCache
from articles.export import library_document_dict, library_person_dict, summary_dict
from articles.library.build import (
    ArticleEntry,
    ArticleSummary,
    EntryPerson,
    Library,
    build_library,
    entry_from_article,
    mention_order,
)
from articles.library.document_identity import Evidence, content_words, group_citations
from articles.library.entry import context_line
from articles.library.indexer import Indexer
from articles.library.mentions import step_mention

FIXTURES = Path(__file__).parent / "library_fixtures"


def fixture(name: str) -> Path:
    return next(FIXTURES.glob(f"{name}*.txt"))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    cache = IndexCache(tmp_path_factory.mktemp("cache"))
    return Indexer(cache).index_all([FIXTURES])


def test_articles_are_in_date_order_with_undated_and_unreadable_last(library: Library) -> None:
    names = [a.path.name[:2] for a in library.articles]
    assert names == ["05", "01", "03", "02", "04", "06", "07"]
    unreadable = library.unreadable
    assert [a.path.name[:2] for a in unreadable] == ["07"]
    assert unreadable[0].error is not None and "not readable as UTF-8" in unreadable[0].error
    assert unreadable[0].error_message == f"{unreadable[0].path}: {unreadable[0].error}"
    assert unreadable[0].title == "" and unreadable[0].people_count == 0
    assert len(library.readable) == 6
    first = library.articles[0]
    assert first.title.startswith("Dien Chau district speeds up")
    assert first.published == datetime(2016, 11, 8, 15, 40)
    assert first.authors == ("Mai Hoa",) and first.source == "Baonghean.vn"
    assert library.article(first.path) is first


def test_one_person_across_spellings_with_a_change_of_post(library: Library) -> None:
    thong = library.person("Nguyen Van Thong")
    assert thong is not None
    assert library.person("nguyễn văn thông") is thong
    assert thong.key == "nguyen van thong"
    assert thong.name == "Nguyễn Văn Thông"  # 2 articles write it so, 1 without diacritics
    assert [(p.role, [d.date for d in p.dates]) for p in thong.posts] == [
        ("Head of the Provincial Party Organization Committee",
         [date(2016, 11, 8), date(2018, 6, 5)]),
        ("Standing Deputy Secretary of the Provincial Party Committee", [date(2023, 4, 12)]),
    ]
    assert thong.posts[0].dates[0].article == fixture("05")
    assert thong.posts[0].first == date(2016, 11, 8) and thong.posts[0].last == date(2018, 6, 5)
    assert thong.roles == tuple(p.role for p in thong.posts)
    spellings = {m.text for m in thong.mentions}
    assert {"Nguyễn Văn Thông", "Nguyen Van Thong", "Mr. Thông"} <= spellings
    assert [a.path.name[:2] for a in thong.articles] == ["05", "01", "02"]


def test_mentions_are_in_library_order_with_context(library: Library) -> None:
    mentions = library.mentions_of_person("nguyen van thong")
    assert list(mentions) == sorted(mentions, key=mention_order)
    assert [m.path.name[:2] for m in mentions] == ["05", "05", "01", "01", "01", "02", "02", "02"]
    for m in mentions:
        text = m.path.read_text(encoding="utf-8")
        assert text[m.start : m.end] == m.text
        assert m.context[m.context_start : m.context_end] == " ".join(m.text.split())
        assert "\n" not in m.context and len(m.context) <= 125
        assert m.article_id == parse(text).id
        assert m.title == m.article.title and m.date == m.article.published


def test_undated_articles_come_last_in_posts_and_mentions(library: Library) -> None:
    cuong = library.person("Le Duc Cuong")
    assert cuong is not None and cuong.name == "Lê Đức Cường"
    (post,) = cuong.posts
    assert [d.date for d in post.dates] == [date(2018, 6, 5), date(2023, 9, 20), None]
    assert cuong.mentions[-1].path == fixture("06") and cuong.mentions[-1].date is None


def test_a_document_cited_by_three_articles(library: Library) -> None:
    directive = library.document("05-ct/tw")
    assert directive is not None and directive.key == "05-CT/TW"
    assert (directive.type, directive.issuer, directive.date) == (
        "Directive", "Politburo", date(2016, 5, 15)
    )
    assert [c.path.name[:2] for c in directive.citations] == ["01", "03", "04"]
    assert directive.doubt is None
    assert len(directive.mentions) == 3
    assert library.mentions_of_document("05-CT/TW") == directive.mentions


def test_one_code_two_documents_and_a_doubtful_citation(library: Library) -> None:
    docs = library.documents_with_code("26-NQ/TW")
    assert [d.key for d in docs] == ["26-NQ/TW#2013-07-30", "26-NQ/TW#2022-11-03", "26-NQ/TW#?"]
    nghe_an, north_central, doubtful = docs
    assert nghe_an.subject is not None and "Nghe An" in nghe_an.subject
    assert nghe_an.issuer == "Politburo" and nghe_an.year == 2013
    # 01 gives the date; 02 only the subject; 05 (2016) nothing, but predates the 2022 one.
    assert [c.path.name[:2] for c in nghe_an.citations] == ["05", "01", "02"]
    assert north_central.subject is not None and "North Central" in north_central.subject
    assert [c.path.name[:2] for c in north_central.citations] == ["03"]
    assert [c.path.name[:2] for c in doubtful.citations] == ["04"]
    assert doubtful.doubt == (
        "26-NQ/TW: 2 documents share this code; "
        "this article gives no date, issuer or subject to tell which"
    )
    assert doubtful.candidates == (nghe_an.key, north_central.key)
    assert doubtful.date is None and nghe_an.doubt is None and north_central.doubt is None
    assert library.document("26-NQ/TW") is None  # the bare code names no single document


ARTICLE = """{title}

Thanh Duy {published}

(Baonghean.vn) - On that day, the Provincial Party Standing Committee held a conference.

The conference discussed the implementation of {citation}, and the tasks ahead.
"""


def entry(name: str, published: str, citation: str, title: str = "Conference") -> ArticleEntry:
    text = ARTICLE.format(title=f"{title} {name}", published=published, citation=citation)
    return entry_from_article(parse(text, path=Path(name)))


NGHE_AN = ("Resolution No. 26-NQ/TW dated July 30, 2013 of the Politburo on directions and tasks "
           "for the development of Nghe An province until 2020")
NORTH_CENTRAL = (
    "Resolution No. 26-NQ/TW dated November 3, 2022 of the Politburo on socio-economic "
    "development and ensuring national defense and security in the North Central and Central "
    "Coast regions to 2030, with a vision to 2045"
)


def keys_and_articles(library: Library) -> list[tuple[str, list[str]]]:
    return [(d.key, [str(c.path) for c in d.citations]) for d in library.documents]


def test_the_two_26_nq_tw_and_a_bare_citation_in_generated_articles() -> None:
    library = build_library([
        entry("a", "August 2, 2014", NGHE_AN),
        entry("b", "December 1, 2022", NORTH_CENTRAL),
        entry("c", "March 3, 2023", "Resolution No. 26-NQ/TW"),
    ])
    assert keys_and_articles(library) == [
        ("26-NQ/TW#2013-07-30", ["a"]), ("26-NQ/TW#2022-11-03", ["b"]), ("26-NQ/TW#?", ["c"]),
    ]
    assert library.documents[2].doubt is not None


def test_subject_alone_tells_the_documents_apart() -> None:
    library = build_library([
        entry("a", "August 2, 2014", NGHE_AN),
        entry("b", "December 1, 2022", NORTH_CENTRAL),
        entry("c", "March 3, 2023", "Resolution No. 26-NQ/TW on the development of the North "
              "Central and Central Coast regions"),
        entry("d", "March 4, 2023", "Resolution No. 26-NQ/TW on the development of Nghe An "
              "province"),
    ])
    assert keys_and_articles(library) == [
        ("26-NQ/TW#2013-07-30", ["a", "d"]), ("26-NQ/TW#2022-11-03", ["b", "c"]),
    ]


def test_a_code_with_one_document_takes_every_citation() -> None:
    library = build_library([
        entry("a", "August 2, 2014", "Resolution No. 26-NQ/TW"),
        entry("b", "August 3, 2019", NGHE_AN),
        entry("c", "August 4, 2020", "Resolution No. 26-NQ/TW"),
    ])
    assert keys_and_articles(library) == [("26-NQ/TW", ["a", "b", "c"])]
    assert library.documents[0].date == date(2013, 7, 30)


def test_a_year_after_the_code_tells_documents_apart() -> None:
    library = build_library([
        entry("a", "August 2, 2014", NGHE_AN),
        entry("b", "December 1, 2022", NORTH_CENTRAL),
        entry("c", "March 3, 2023", "Resolution No. 26-NQ/TW of 2013"),
    ])
    assert keys_and_articles(library) == [
        ("26-NQ/TW#2013-07-30", ["a", "c"]), ("26-NQ/TW#2022-11-03", ["b"]),
    ]


def ev(day: date | None = None, year: int | None = None, issuer: str = "", subject: str = "",
       published: date | None = None) -> Evidence:
    return Evidence(day, year or (day.year if day else None), content_words(issuer),
                    content_words(subject), published)


def test_identity_rule_issuers_conflict_only_when_neither_contains_the_other() -> None:
    grouping = group_citations([
        ev(issuer="the Politburo"), ev(issuer="the Secretariat"), ev(issuer="Politburo"),
    ])
    assert grouping.documents == ((0, 2), (1,))
    same = group_citations([
        ev(issuer="Provincial Party Standing Committee"),
        ev(issuer="Standing Committee of the Provincial Party Committee"),
    ])
    assert same.documents == ((0, 1),)


def test_identity_rule_dates_years_and_time() -> None:
    assert group_citations([ev(date(2013, 7, 30)), ev(date(2022, 11, 3))]).documents == (
        (0,), (1,)
    )
    assert group_citations([ev(year=2013), ev(date(2013, 7, 30))]).documents == ((0, 1),)
    # A citation giving the document's own date is that document, whatever the byline says.
    late = group_citations(
        [ev(date(2017, 11, 8)), ev(date(2017, 11, 8), published=date(2017, 1, 6))]
    )
    assert late.documents == ((0, 1),)
    # A bare citation older than one of two documents can only be the other.
    bare = group_citations([
        ev(date(2013, 7, 30)), ev(date(2022, 11, 3)), ev(published=date(2016, 1, 1)),
        ev(published=date(2023, 1, 1)),
    ])
    assert bare.documents == ((0, 2), (1,))
    assert bare.doubtful == (3,) and bare.candidates == (0, 1)


def test_identity_rule_subjects_compare_by_word_overlap() -> None:
    assert content_words("on the Development of Nghệ An province") == frozenset(
        {"development", "nghe", "province"}
    )
    grouping = group_citations([
        ev(subject="on directions and tasks for the development of Nghe An province until 2020"),
        ev(subject="on socio-economic development of the North Central region"),
        ev(subject="on Nghe An"),
    ])
    assert grouping.documents == ((0, 2), (1,))


def test_doubt_sentence_for_citations_that_give_something_that_fits_both() -> None:
    library = build_library([
        entry("a", "August 2, 2014", NGHE_AN),
        entry("b", "December 1, 2022", NORTH_CENTRAL),
        entry("c", "March 3, 2023", "Resolution No. 26-NQ/TW of the Politburo"),
        entry("d", "March 4, 2023", "Resolution No. 26-NQ/TW"),
    ])
    doubtful = library.documents[-1]
    assert [str(c.path) for c in doubtful.citations] == ["c", "d"]
    assert doubtful.doubt == (
        "26-NQ/TW: 2 documents share this code; what these 2 articles give fits more than one"
    )


def summary(name: str, published: datetime | None) -> ArticleSummary:
    return ArticleSummary(path=Path(name), id=name, title=name, published=published)


def person_entry(name: str, published: datetime | None, spelling: str, role: str) -> ArticleEntry:
    s = summary(name, published)
    return ArticleEntry(s, people=(EntryPerson("nguyen van thong", spelling, (role,), ()),))


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_name_tie_prefers_the_form_with_diacritics(order: tuple[int, int]) -> None:
    entries = [
        person_entry("a", datetime(2020, 1, 1), "Nguyen Van Thong", "Secretary"),
        person_entry("b", datetime(2021, 1, 1), "Nguyễn Văn Thông", "Secretary"),
    ]
    library = build_library([entries[i] for i in order])
    assert library.people[0].name == "Nguyễn Văn Thông"
    majority = build_library([*entries, person_entry("c", None, "Nguyen Van Thong", "Chairman")])
    (thong,) = majority.people
    assert thong.name == "Nguyen Van Thong"
    assert [p.role for p in thong.posts] == ["Secretary", "Chairman"]  # undated post last


def test_step_mention_walks_across_articles_in_date_order(library: Library) -> None:
    mentions = library.mentions_of_person("nguyen van thong")
    first, second = mentions[0], mentions[1]
    assert step_mention(mentions, first.article, first.start) == second
    assert step_mention(mentions, second.article, second.start, forward=False) == first
    last = mentions[-1]
    assert step_mention(mentions, last.article, last.start) is None
    assert step_mention(mentions, last.article, last.start, wrap=True) == first
    assert step_mention(mentions, first.article, first.start, forward=False, wrap=True) == last
    # From the end of the 2016 article, `n` goes on to the first mention in the 2018 one.
    after = step_mention(mentions, first.article, 10**9)
    assert after is not None and after.path == fixture("01")
    # From an article with no mention (2022), the next is in the 2023 article.
    between = library.article(fixture("03"))
    assert between is not None
    nxt = step_mention(mentions, between, 0)
    assert nxt is not None and nxt.path == fixture("02")
    assert step_mention((), first.article, 0) is None


def test_context_line_cuts_at_words_and_marks_cuts() -> None:
    text = " ".join(f"word{i}" for i in range(100))
    start = text.index("word50")
    line, a, b = context_line(text, start, start + 6)
    assert line[a:b] == "word50"
    assert line.startswith("…word") and line.endswith("…")
    assert len(line) <= 122
    assert all(part.startswith("word") for part in line.strip("…").split())
    short, a, b = context_line("  Mr.\n\nThong  spoke ", 2, 12)
    assert short == "Mr. Thong spoke" and short[a:b] == "Mr. Thong"


def test_export_dicts_have_the_documented_shapes(library: Library) -> None:
    thong = library.person("nguyen van thong")
    assert thong is not None
    data = library_person_dict(thong)
    assert set(data) == {"key", "name", "roles", "posts", "mentions"}
    assert data["posts"][0]["dates"][0] == {"date": "2016-11-08", "article": str(fixture("05"))}
    assert set(data["mentions"][0]) == {"article", "date", "start", "end", "text", "kind",
                                        "context"}
    doc = library.documents_with_code("26-NQ/TW")[-1]
    doc_data = library_document_dict(doc)
    assert doc_data["doubt"] == doc.doubt and doc_data["date"] is None
    assert doc_data["citations"][0]["article"] == str(fixture("04"))
    assert set(doc_data["citations"][0]["mentions"][0]) == {"start", "end", "text", "kind",
                                                            "context"}
    assert summary_dict(library.unreadable[0])["error"] == library.unreadable[0].error


def test_a_later_entry_for_the_same_path_replaces_the_earlier() -> None:
    old = entry("a", "August 2, 2014", NGHE_AN, title="Old")
    new = entry("a", "August 2, 2014", "Resolution No. 26-NQ/TW", title="New")
    library = build_library([old, new])
    assert [a.title for a in library.articles] == ["New a"]
