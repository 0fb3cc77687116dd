"""The annotation model and the validation of every field read back from disk."""

from __future__ import annotations

import copy
import dataclasses
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from annotations import COLORS, Annotation, AnnotationError, ArticleRef, Target, new_annotation
from annotations.bulkcheck import _fast, check_records
from annotations.clock import format_time, parse_time, utc_now
from annotations.codec import from_record, to_record
from articles import Article

from .helpers import FIXED, plain, quote_annotation


def test_new_annotation_builds_the_target_from_the_canonical_text(sample: Article) -> None:
    start = sample.text.index("Resolution No. 26-NQ/TW")
    a = new_annotation(
        sample, start, start + 23, note="the key resolution", tags=[" Party ", "docs", "docs"]
    )
    t = a.target
    assert t.exact == "Resolution No. 26-NQ/TW" == sample.text[t.start : t.end]
    assert t.prefix == sample.text[start - 32 : start] and len(t.prefix) == 32
    assert t.suffix == sample.text[t.end : t.end + 32] and len(t.suffix) == 32
    assert a.article == ArticleRef(
        id=sample.id, path=str(sample.path.resolve()), title=sample.title
    )
    assert a.tags == ("Party", "docs")
    assert a.color == "yellow" and a.note == "the key resolution"
    assert a.created == a.updated and a.created.tzinfo is not None
    assert len(a.id) == 36 and a.id == a.id.lower()


def test_context_is_cut_at_the_ends_of_the_text(sample: Article) -> None:
    a = new_annotation(sample, 0, 5)
    assert a.target.prefix == "" and a.target.exact == sample.text[:5]
    end = len(sample.text)
    b = new_annotation(sample, end - 3, end)
    assert b.target.suffix == ""


@pytest.mark.parametrize("start,end", [(5, 5), (7, 3), (-1, 4), (0, 10**9)])
def test_empty_or_outside_ranges_are_refused(sample: Article, start: int, end: int) -> None:
    with pytest.raises(AnnotationError, match="target"):
        new_annotation(sample, start, end)


def test_edits_bump_updated_and_keep_id_and_created(sample: Article) -> None:
    a = dataclasses.replace(quote_annotation(sample, "Nghe An"), created=FIXED, updated=FIXED)
    b = a.with_note("new note")
    assert (b.id, b.created, b.note) == (a.id, a.created, "new note")
    assert b.updated > a.updated
    assert a.with_color("green").color == "green"
    assert a.with_tags(["x ", "x", "y"]).tags == ("x", "y")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.note = "changed"  # type: ignore[misc]


def test_reattached_points_at_the_new_passage(sample: Article) -> None:
    a = quote_annotation(sample, "Nghe An")
    start = sample.text.index("Politburo")
    b = a.reattached(sample, start, start + 9)
    assert b.target.exact == "Politburo" and b.id == a.id and b.note == a.note


@pytest.mark.parametrize(
    "change,field",
    [
        ({"id": "not-a-uuid"}, "id"),
        ({"id": "3F2504E0-4F89-11D3-9A0C-0305E82C3301"}, "id"),
        ({"color": "orange"}, "color"),
        ({"note": 5}, "note"),
        ({"note": "a\x00b"}, "note"),
        ({"tags": ["list", "not tuple"]}, "tags"),
        ({"tags": ("a", "a")}, "tags"),
        ({"tags": (" padded",)}, "tags"),
        ({"tags": ("",)}, "tags"),
        ({"tags": ("tab\there",)}, "tags"),
        ({"created": datetime(2024, 1, 1)}, "created"),
        ({"updated": datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=7)))}, "updated"),
        ({"updated": "2024-01-01T00:00:00Z"}, "updated"),
    ],
)
def test_invalid_fields_are_refused_with_their_name(change: dict[str, Any], field: str) -> None:
    with pytest.raises(AnnotationError, match=f"^{field}"):
        dataclasses.replace(plain(1), **change)


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"exact": "", "start": 0, "end": 0}, "target.exact"),
        ({"exact": "abc", "start": 0, "end": 4}, "target.end"),
        ({"exact": "abc", "start": -1, "end": 2}, "target.start"),
        ({"exact": "abc", "start": True, "end": 4}, "target.start"),
        ({"exact": "abc", "start": 1.0, "end": 4}, "target.start"),
    ],
)
def test_invalid_targets_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(AnnotationError, match=message.replace(".", r"\.")):
        Target(prefix="", suffix="", **kwargs)


def test_article_ref_needs_an_identity_and_no_control_characters() -> None:
    with pytest.raises(AnnotationError, match="article"):
        ArticleRef(id="", path="", title="")
    with pytest.raises(AnnotationError, match=r"article\.title"):
        ArticleRef(id="x", path="", title="evil \x1b]0;title\x07")
    assert ArticleRef(id="", path="", title="Only a title").title == "Only a title"


def test_colors_are_the_five_named_styles() -> None:
    assert COLORS == ("yellow", "green", "blue", "pink", "purple")


def test_record_round_trip_is_exact(sample: Article) -> None:
    a = quote_annotation(
        sample, "Resolution No. 26-NQ/TW", note="n\nwith lines", tags=["a", "b"], color="purple"
    )
    record = to_record(a)
    assert from_record(copy.deepcopy(record)) == a
    assert record["created"].endswith("Z") and record["tags"] == ["a", "b"]


def _mutated(path: tuple[str, ...], value: object) -> dict[str, Any]:
    record = to_record(plain(3))
    node = record
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return record


@pytest.mark.parametrize(
    "path,value,message",
    [
        (("color",), "orange", "color"),
        (("id",), 17, "id"),
        (("tags",), "a,b", "tags"),
        (("tags",), [1], "tags"),
        (("note",), None, "note"),
        (("created",), "yesterday", "created"),
        (("created",), "2024-05-01T12:00:00", "created"),
        (("updated",), 1714564800, "updated"),
        (("target", "start"), "10", "target.start"),
        (("target", "end"), 10**6, "target.end"),
        (("target", "exact"), "", "target.exact"),
        (("target", "prefix"), KeyError, "target: missing prefix"),
        (("article", "path"), ["a"], "article.path"),
        (("article",), "0123", "article: must be an object"),
        (("surprise",), 1, "record: unknown surprise"),
        (("note",), KeyError, "record: missing note"),
    ],
)
def test_every_field_read_back_is_validated(
    path: tuple[str, ...], value: object, message: str
) -> None:
    with pytest.raises(AnnotationError, match=message.replace(".", r"\.")):
        from_record(_mutated(path, value))


def test_records_must_be_objects() -> None:
    for bad in (None, [], "annotation", 3):
        with pytest.raises(AnnotationError, match="record: must be an object"):
            from_record(bad)


def test_timestamps_round_trip_and_need_an_offset() -> None:
    now = utc_now()
    assert parse_time(format_time(now)) == now
    assert format_time(FIXED) == "2024-05-01T12:00:00.000Z"
    assert parse_time("2024-05-01T14:00:00+02:00") == FIXED
    precise = FIXED.replace(microsecond=123456)
    assert parse_time(format_time(precise)) == precise
    with pytest.raises(ValueError):
        parse_time("2024-05-01T12:00:00")
    assert parse_time("2024-05-01T12:00:00Z").tzinfo is UTC


def test_annotation_equality_covers_every_field() -> None:
    a = plain(1)
    assert a == plain(1)
    assert a != dataclasses.replace(a, note="other")
    assert isinstance(a, Annotation)


BAD_FIELDS = [
    (("color",), "orange"),
    (("id",), "3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
    (("id",), "00000000-0000-0000-0000-00000000000g"),
    (("tags",), ["a", "a"]),
    (("tags",), [" padded"]),
    (("tags",), ["tab\there"]),
    (("tags",), ["x" * 101]),
    (("tags",), [str(i) for i in range(101)]),
    (("tags",), [""]),
    (("note",), "nul\x00"),
    (("created",), "2024-13-01T00:00:00.000Z"),
    (("created",), "2024-05-01T12:00:00"),
    (("updated",), "2024-05-01T12:00:00.000+07:00"),
    (("target", "start"), True),
    (("target", "end"), 10**6),
    (("target", "exact"), ""),
    (("target", "prefix"), "p" * 5000),
    (("article", "title"), "evil \x1b title"),
    (("article", "id"), ["list"]),
]


@pytest.mark.parametrize("path,value", BAD_FIELDS)
def test_bulk_validation_never_accepts_what_the_model_refuses(
    path: tuple[str, ...], value: object
) -> None:
    records = {r["id"]: r for r in (to_record(plain(i)) for i in range(20))}
    bad = _mutated(path, value)  # plain(3), changed
    records[bad["id"]] = bad
    try:
        from_record(bad)
    except AnnotationError:
        model_refuses = True
    else:
        model_refuses = False
    if model_refuses:
        with pytest.raises(AnnotationError, match="^" + re.escape(f"annotation {bad['id']!r}")):
            check_records(records)
    else:  # a valid record written differently (another UTC offset): accepted by the slow path
        assert len(check_records(records)) == 1


def test_bulk_validation_takes_the_fast_path_for_our_own_records(sample: Article) -> None:
    items = [
        quote_annotation(sample, w, tags=["a b", "c"], note="n") for w in ("Nghe An", "Politburo")
    ]
    records = {a.id: to_record(a) for a in [*items, plain(1), plain(2)]}
    refs = _fast(records)
    assert refs is not None and set(refs.values()) == {items[0].article, plain(1).article}
    records[plain(1).id]["id"] = plain(2).id  # a record filed under another id
    with pytest.raises(AnnotationError, match="holds the id"):
        check_records(records)
