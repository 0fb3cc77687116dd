"""Validating every record of an annotations file at once, fast enough to do on every load.

Checking 10,000 records one by one (building each dataclass) takes tens of milliseconds; the
same checks done column by column (all ids in one regular expression, all colours in one set,
all timestamps through one `map`) take a few. The fast path only ever accepts records the model
would accept; when it does not accept a file, the slow path (`codec.from_record` on each record)
finds and names the first bad record, or accepts the file after all. Annotations themselves are
then built lazily, when they are asked for (and validated again, one by one, then); listing
every note builds them all at once from the checked records, without checking each field again
(`annotations_of`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from annotations.clock import parse_time
from annotations.codec import ARTICLE_KEYS, TARGET_KEYS, TOP_KEYS, from_record
from annotations.errors import AnnotationError
from annotations.model import (
    COLORS,
    MAX_NOTE_CHARS,
    MAX_QUOTE_CHARS,
    MAX_REF_CHARS,
    MAX_TAG_CHARS,
    MAX_TAGS,
    Annotation,
    ArticleRef,
    Target,
)

RefKey = tuple[str, str, str]
"""(id, path, title) of an article reference as stored."""

_NOT_UUID_CHAR = re.compile(r"[^0-9a-f-]")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_TIMES = re.compile(r"(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{3}|\.\d{6})?Z\n)*")


def check_records(records: Mapping[str, Any]) -> dict[RefKey, ArticleRef]:
    """Validate every record (keyed by its id); return the article references they use.
    AnnotationError "annotation '<id>': <problem>" for the first invalid record."""
    try:
        refs = _fast(records)
    except (TypeError, ValueError, AnnotationError):
        refs = None
    return refs if refs is not None else _slow(records)


def _slow(records: Mapping[str, Any]) -> dict[RefKey, ArticleRef]:
    refs: dict[RefKey, ArticleRef] = {}
    shared: dict[tuple[Any, ...], ArticleRef] = {}
    for key, record in records.items():
        try:
            a = from_record(record, shared)
        except AnnotationError as exc:
            raise AnnotationError(f"annotation {key!r}: {exc}") from None
        if a.id != key:
            raise AnnotationError(f"annotation {key!r}: holds the id {a.id!r}")
        refs[(a.article.id, a.article.path, a.article.title)] = a.article
    return refs


def _strs(values: list[Any], max_len: int, *, empty: bool = True) -> bool:
    return (
        all(type(v) is str for v in values)
        and max(map(len, values), default=0) <= max_len
        and (empty or min(map(len, values), default=1) > 0)
        and "\x00" not in "".join(values)
    )


def _all_uuids(keys: list[str]) -> bool:
    """Every key is a UUID in canonical form (36 characters, lowercase hex, four hyphens)."""
    joined = "".join(keys)
    n = len(keys)
    return (
        len(joined) == 36 * n
        and _NOT_UUID_CHAR.search(joined) is None
        and joined.count("-") == 4 * n
        and all(joined[i::36] == "-" * n for i in (8, 13, 18, 23))
    )


def _all_tags(tag_lists: list[list[Any]]) -> bool:
    """Every list of tags is what `model.check_tags` accepts."""
    lists = [t for t in tag_lists if t]
    flat = [tag for t in lists for tag in t]
    return (
        all(type(t) is str for t in flat)
        and max(map(len, lists), default=0) <= MAX_TAGS
        and all(0 < len(t) <= MAX_TAG_CHARS and t == " ".join(t.split()) for t in flat)
        and _CONTROLS.search("".join(flat)) is None
        and all(len(set(t)) == len(t) for t in lists)
    )


def _fast(records: Mapping[str, Any]) -> dict[RefKey, ArticleRef] | None:
    """The references when every record is certainly valid; None when unsure."""
    keys = list(records)
    rows = list(records.values())
    if not all(type(r) is dict and r.keys() == TOP_KEYS for r in rows):
        return None
    if [r["id"] for r in rows] != keys or not _all_uuids(keys):
        return None

    arts = [r["article"] for r in rows]
    if not all(type(a) is dict and a.keys() == ARTICLE_KEYS for a in arts):
        return None
    refs = {(a["id"], a["path"], a["title"]): None for a in arts}  # TypeError if unhashable
    built = {key: ArticleRef(*key) for key in refs}  # the real validation, once per article

    targets = [r["target"] for r in rows]
    if not all(type(t) is dict and t.keys() == TARGET_KEYS for t in targets):
        return None
    exacts = [t["exact"] for t in targets]
    if not (
        _strs(exacts, MAX_QUOTE_CHARS, empty=False)
        and _strs([t["prefix"] for t in targets], MAX_REF_CHARS)
        and _strs([t["suffix"] for t in targets], MAX_REF_CHARS)
    ):
        return None
    if not all(
        type(t["start"]) is int and type(t["end"]) is int and t["start"] >= 0
        and t["end"] - t["start"] == len(x)
        for t, x in zip(targets, exacts, strict=True)
    ):  # fmt: skip
        return None

    if not {r["color"] for r in rows} <= set(COLORS):
        return None
    if not _strs([r["note"] for r in rows], MAX_NOTE_CHARS):
        return None
    tag_lists = [r["tags"] for r in rows]
    if not all(type(t) is list for t in tag_lists) or not _all_tags(tag_lists):
        return None

    created = [r["created"] for r in rows]
    updated = [r["updated"] for r in rows if r["updated"] != r["created"]]
    stamps = created + updated
    if not all(type(s) is str for s in stamps):
        return None
    if not _TIMES.fullmatch("".join(s + "\n" for s in stamps)):
        return None
    for _ in map(datetime.fromisoformat, stamps):  # ValueError for an impossible date
        pass
    return built


def annotations_of(records: Mapping[str, Any]) -> dict[str, Annotation]:
    """Every record (keyed by its id) as an Annotation, each field checked once: in bulk when
    the fast checks accept the file (the objects are then built without checking each field
    again), else one by one (AnnotationError "annotation '<id>': <problem>" for the first bad
    record). For listing every note, where building each twice would double the cost."""
    try:
        refs = _fast(records)
    except (TypeError, ValueError, AnnotationError):
        refs = None
    if refs is None:
        out: dict[str, Annotation] = {}
        shared: dict[tuple[Any, ...], ArticleRef] = {}
        for key, record in records.items():
            try:
                a = from_record(record, shared)
            except AnnotationError as exc:
                raise AnnotationError(f"annotation {key!r}: {exc}") from None
            if a.id != key:
                raise AnnotationError(f"annotation {key!r}: holds the id {a.id!r}")
            out[key] = a
        return out
    return {key: _checked_annotation(r, refs) for key, r in records.items()}


_set = object.__setattr__


def _checked_annotation(r: dict[str, Any], refs: dict[RefKey, ArticleRef]) -> Annotation:
    """The annotation of a record the bulk checks accepted, built without checking each field
    again (the frozen dataclasses' fields set directly; their __post_init__ not run)."""
    art, t = r["article"], r["target"]
    target = object.__new__(Target)
    _set(target, "exact", t["exact"])
    _set(target, "prefix", t["prefix"])
    _set(target, "suffix", t["suffix"])
    _set(target, "start", t["start"])
    _set(target, "end", t["end"])
    a = object.__new__(Annotation)
    _set(a, "id", r["id"])
    _set(a, "article", refs[(art["id"], art["path"], art["title"])])
    _set(a, "target", target)
    _set(a, "color", r["color"])
    _set(a, "note", r["note"])
    _set(a, "tags", tuple(r["tags"]))
    created = parse_time(r["created"])
    _set(a, "created", created)
    _set(a, "updated", created if r["updated"] == r["created"] else parse_time(r["updated"]))
    return a
