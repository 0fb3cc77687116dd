"""Annotations to and from the plain JSON records kept in the file (and in our JSON export),
checking the shape and type of every field read back."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from annotations.clock import format_time, parse_time
from annotations.errors import AnnotationError
from annotations.model import Annotation, ArticleRef, Target

Record = dict[str, Any]
"""One annotation as stored: plain JSON types only."""

TOP_KEYS = frozenset({"id", "article", "target", "color", "note", "tags", "created", "updated"})
ARTICLE_KEYS = frozenset({"id", "path", "title"})
TARGET_KEYS = frozenset({"exact", "prefix", "suffix", "start", "end"})


def to_record(a: Annotation) -> Record:
    """The record stored for an annotation."""
    t = a.target
    return {
        "id": a.id,
        "article": {"id": a.article.id, "path": a.article.path, "title": a.article.title},
        "target": {
            "exact": t.exact,
            "prefix": t.prefix,
            "suffix": t.suffix,
            "start": t.start,
            "end": t.end,
        },
        "color": a.color,
        "note": a.note,
        "tags": list(a.tags),
        "created": format_time(a.created),
        "updated": format_time(a.updated),
    }


def _mapping(value: object, name: str, keys: frozenset[str]) -> Mapping[str, Any]:
    if type(value) is dict and value.keys() == keys:
        return value
    if not isinstance(value, Mapping):
        raise AnnotationError(f"{name}: must be an object, not {_kind(value)}")
    if value.keys() != keys:
        missing = sorted(keys - value.keys())
        extra = sorted(str(k) for k in value.keys() - keys)
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"unknown {', '.join(extra)}"] if extra else []
        )
        raise AnnotationError(f"{name}: {'; '.join(parts)}")
    return value


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _time(value: object, name: str) -> datetime:
    try:
        if type(value) is str:
            return parse_time(value)
    except ValueError:
        pass
    raise AnnotationError(f"{name}: {str(value)[:40]!r} is not an ISO 8601 UTC timestamp")


def from_record(
    record: object, refs: dict[tuple[Any, ...], ArticleRef] | None = None
) -> Annotation:
    """The annotation a stored record describes; AnnotationError says which field is wrong.
    `refs` (optional) shares one ArticleRef among the records of one article while loading."""
    r = _mapping(record, "record", TOP_KEYS)
    art = _mapping(r["article"], "article", ARTICLE_KEYS)
    key = (art["id"], art["path"], art["title"])
    shareable = refs is not None and all(type(k) is str for k in key)
    ref = refs.get(key) if refs is not None and shareable else None
    if ref is None:
        ref = ArticleRef(id=art["id"], path=art["path"], title=art["title"])
        if refs is not None and shareable:
            refs[key] = ref
    tgt = _mapping(r["target"], "target", TARGET_KEYS)
    tags = r["tags"]
    if not isinstance(tags, list):
        raise AnnotationError(f"tags: must be a list, not {_kind(tags)}")
    created = _time(r["created"], "created")
    return Annotation(
        id=r["id"],
        article=ref,
        target=Target(
            exact=tgt["exact"],
            prefix=tgt["prefix"],
            suffix=tgt["suffix"],
            start=tgt["start"],
            end=tgt["end"],
        ),
        color=r["color"],
        note=r["note"],
        tags=tuple(tags),
        created=created,
        updated=created if r["updated"] == r["created"] else _time(r["updated"], "updated"),
    )


def describe(record: object) -> str:
    """How to name a record in an error message: its id when it has a readable one."""
    if isinstance(record, Mapping) and isinstance(record.get("id"), str):
        return f"annotation {record['id'][:60]!r}"
    return "an annotation record"
