"""The article cache: an article read from it is exactly the parsed one, a damaged entry is never
trusted, and no cache failure stops an article from opening."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import articles.parsing.parser
import articles.sources.opening
from articles import Article, parse, sample_path
from articles.cache.article_cache import ArticleCache, parser_fingerprint
from articles.cache.article_codec import CodecError, decode, encode
from articles.sources.opening import load_cached as load
from tests.articles.test_properties import line_pieces

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))


def roundtrip(article: Article) -> Article:
    return decode(orjson.loads(orjson.dumps(encode(article))), article.text, article.path)


@pytest.mark.parametrize("path", [sample_path(), *FIXTURES], ids=lambda p: Path(p).stem)
def test_every_fixture_comes_back_exactly(path: Path) -> None:
    article = articles.sources.opening.load(path)
    again = roundtrip(article)
    assert again == article
    assert again.sections == article.sections and again.people == article.people


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_pieces, max_size=40))
def test_any_parsed_text_comes_back_exactly(lines: list[str]) -> None:
    article = parse("\n".join(lines))
    assert roundtrip(article) == article


@pytest.fixture
def sample() -> Article:
    return articles.sources.opening.load(sample_path())


def test_decoding_refuses_an_entry_made_for_another_text(sample: Article) -> None:
    data = encode(sample)
    with pytest.raises(CodecError, match="another length"):
        decode(data, sample.text + " more", None)


@pytest.mark.parametrize("damage", [
    lambda d: d.update(blocks=[["paragraph", 5, 10**9]]),
    lambda d: d.update(blocks=[["poem", 0, 5]]),
    lambda d: d.update(people=[["k", "Name", [], [[0, 3, "nickname"]]]]),
    lambda d: d.update(sections=[[999, [], "x"]]),
    lambda d: d.update(documents=[["k", "1/QD", "1", "Decision", None, "yesterday", None, []]]),
    lambda d: d.pop("title"),
    lambda d: d.update(format=99),
    lambda d: d.update(source=5),
])
def test_a_damaged_entry_is_refused(sample: Article, damage: object) -> None:
    data = encode(sample)
    damage(data)  # type: ignore[operator]
    with pytest.raises(CodecError):
        decode(data, sample.text, None)


def test_a_kept_article_is_read_back_without_the_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ArticleCache(tmp_path)
    first = load(sample_path(), cache)
    assert first.entities_found and cache.entry_path(first.text).exists()

    def no_parsing(*args: object, **kwargs: object) -> Article:
        raise AssertionError("the parser ran for a kept article")

    monkeypatch.setattr(articles.parsing.parser, "parse", no_parsing)
    again = load(sample_path(), ArticleCache(tmp_path), entities=False)
    assert again == first and again.path == sample_path()


def test_a_layout_only_parse_is_not_kept(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path)
    article = load(sample_path(), cache, entities=False)
    assert not article.entities_found
    assert not cache.entry_path(article.text).exists()
    assert cache.get(article.text) is None


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path / "cache")
    path = tmp_path / "a.txt"
    path.write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    before = load(path, cache)
    path.write_text(path.read_text(encoding="utf-8").replace("Nguyen Van Thong",
                                                             "Nguyen Van Thang"),
                    encoding="utf-8")
    after = load(path, cache)
    assert after.id != before.id
    assert "Nguyen Van Thang" in [p.name for p in after.people]


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[]", b'{"format": 1}'])
def test_a_damaged_file_is_dropped_and_the_article_parsed(tmp_path: Path,
                                                          garbage: bytes) -> None:
    cache = ArticleCache(tmp_path)
    article = load(sample_path(), cache)
    entry = cache.entry_path(article.text)
    entry.write_bytes(garbage)
    assert cache.get(article.text) is None
    assert not entry.exists() and cache.problems
    assert load(sample_path(), cache) == article


def test_an_unwritable_cache_never_stops_an_article_opening(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    cache = ArticleCache(blocker)
    article = load(sample_path(), cache)
    assert article.people and cache.problems


def test_the_entries_of_an_old_parser_are_deleted_once_unused_for_a_day(tmp_path: Path) -> None:
    old = tmp_path / "articles" / "v1-0123456789abcdef"
    recent = tmp_path / "articles" / "v1-fedcba9876543210"
    for directory in (old, recent):
        directory.mkdir(parents=True)
        (directory / "x.json").write_text("{}")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    load(sample_path(), ArticleCache(tmp_path))
    assert not old.exists() and recent.exists()
    assert parser_fingerprint() in ArticleCache(tmp_path).directory.name


@pytest.mark.parametrize("xdg", ["", "/srv/cache"])
def test_the_cache_root_is_the_one_platformdirs_gives(monkeypatch: pytest.MonkeyPatch,
                                                      xdg: str) -> None:
    import platformdirs

    from articles.cache.files import user_cache_root

    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    assert user_cache_root() == Path(platformdirs.user_cache_dir("reader", appauthor=False))
