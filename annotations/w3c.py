"""Annotations as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/) and back.

Each annotation targets its article with a TextQuoteSelector and, where the offsets can be given
in the text of the file `target.source` names (a plain local text file that still holds the quote:
see annotations.source_offsets), a TextPositionSelector into that text (BOM removed, line ends as
in the file); otherwise our canonical offsets ride along as `reader:position`. A plain
highlight has motivation `highlighting` and no body, a note has motivation `commenting` and a
TextualBody; each tag is a TextualBody with purpose `tagging`. The colour is the target's
`styleClass` (with a CssStylesheet). The article's content hash, path and title ride along as
`reader:article` (the prefix is declared in the @context), so our own export imports losslessly.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import orjson

from annotations.clock import format_time, parse_time, utc_now
from annotations.errors import AnnotationError
from annotations.model import COLORS, Annotation, ArticleRef, Target, normalize_tags
from annotations.source_offsets import SourceLookup, SourceText, cached_sources

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_TERMS = "urn:reader:terms:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"reader": READER_TERMS}]

STYLE_COLORS = {
    "yellow": "#fff59d",
    "green": "#c5e1a5",
    "blue": "#90caf9",
    "pink": "#f48fb1",
    "purple": "#ce93d8",
}


def source_iri(ref: ArticleRef) -> str:
    """The IRI of the annotated article: a web page's address, its file URI, else a URN of
    its content hash."""
    if is_web_address(ref.path):
        return ref.path
    if ref.path and Path(ref.path).is_absolute():
        return Path(ref.path).as_uri()
    if ref.id:
        return f"urn:reader:article:{ref.id}"
    return "urn:reader:article:" + hashlib.sha256(ref.title.encode()).hexdigest()[:16]


def is_web_address(path: str) -> bool:
    """Whether an article reference's path is a web page's address."""
    return path.startswith(("http://", "https://"))


def annotation_to_w3c(a: Annotation, source: SourceText | None = None) -> dict[str, Any]:
    """One annotation as a W3C Annotation object (without @context). `source` is the text of
    the article's file: when it still holds the quote at the annotation's offsets, the
    selectors are given in that text; else the offsets are `reader:position` (canonical)."""
    t = a.target
    bodies: list[dict[str, Any]] = []
    if a.note:
        bodies.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in a.tags]
    out: dict[str, Any] = {
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
        "created": format_time(a.created),
        "modified": format_time(a.updated),
    }
    if bodies:
        out["body"] = bodies
    in_file = source is not None and not is_web_address(a.article.path) and source.selects(t)
    shown = source.file_target(t) if source is not None and in_file else t
    out["target"] = {
        "type": "SpecificResource",
        "source": source_iri(a.article),
        "styleClass": a.color,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": shown.exact,
                "prefix": shown.prefix,
                "suffix": shown.suffix,
            },
        ],
    }
    if in_file:
        out["target"]["selector"].append(
            {"type": "TextPositionSelector", "start": shown.start, "end": shown.end}
        )
    else:
        # Our offsets index the canonical article text (NFC, \n, no BOM), which is not what
        # the source gives a consumer (a web page, a saved page's markup, a file changed or
        # gone): a consumer (Hypothesis) gets the quote only; the offsets ride as our own term.
        out["target"]["reader:position"] = {"start": t.start, "end": t.end}
    out["stylesheet"] = {
        "type": "CssStylesheet",
        "value": f".{a.color} {{ background-color: {STYLE_COLORS[a.color]}; }}",
    }
    out["reader:article"] = {"id": a.article.id, "path": a.article.path, "title": a.article.title}
    return out


def to_w3c(
    annotations: Sequence[Annotation],
    label: str = "reader annotations",
    source: SourceLookup | None = None,
) -> dict[str, Any]:
    """An AnnotationCollection holding every annotation in its first (only) AnnotationPage.
    `source` gives an article's file text (None: no file is read, offsets stay canonical)."""
    digest = hashlib.sha256("\n".join(a.id for a in annotations).encode()).hexdigest()
    collection_id = f"urn:uuid:{uuid.UUID(digest[:32])}"
    return {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(annotations),
        "first": {
            "id": f"{collection_id}#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [
                annotation_to_w3c(a, source(a.article) if source is not None else None)
                for a in annotations
            ],
        },
    }


# Reading -------------------------------------------------------------------------------------


def is_w3c(data: object) -> bool:
    """Whether `data` looks like W3C annotations (an Annotation, a list of them, a page or a
    collection)."""
    if isinstance(data, list):
        return bool(data) and all(
            isinstance(x, Mapping) and _has_type(x, "Annotation") for x in data
        )
    return isinstance(data, Mapping) and any(
        _has_type(data, kind) for kind in ("Annotation", "AnnotationPage", "AnnotationCollection")
    )


def _has_type(obj: Mapping[str, Any], name: str) -> bool:
    kind = obj.get("type", obj.get("@type"))
    return kind == name or (isinstance(kind, list) and name in kind)


MAX_PAGES = 10_000
"""The most AnnotationPages one collection may chain through `next`."""


def _items(data: object) -> list[object]:
    if isinstance(data, list):
        return list(data)
    assert isinstance(data, Mapping)
    if _has_type(data, "Annotation"):
        return [data]
    if not _has_type(data, "AnnotationPage"):
        first = data.get("first")
        if first is None and data.get("total", 0) == 0:
            return []
        if not isinstance(first, Mapping):
            raise AnnotationError(
                "AnnotationCollection: 'first' must be an embedded AnnotationPage"
            )
        data = first
    return _page_items(data)


def _page_items(page: Mapping[str, Any]) -> list[object]:
    """The items of a page and of the pages chained after it through `next`, walked in a loop
    (a chain of any depth gives a clear error past MAX_PAGES, never a RecursionError)."""
    out: list[object] = []
    current: object = page
    pages = 0
    while isinstance(current, Mapping):
        pages += 1
        if pages > MAX_PAGES:
            raise AnnotationError(f"more than {MAX_PAGES:,} AnnotationPages chained by 'next'")
        if not _has_type(current, "AnnotationPage") and pages > 1:
            raise AnnotationError(f"page {pages}: 'next' must be an embedded AnnotationPage")
        items = current.get("items")
        if not isinstance(items, list):
            raise AnnotationError(f"AnnotationPage {pages}: 'items' must be a list")
        out += items
        current = current.get("next")
    return out


def from_w3c(data: object, source: SourceLookup | None = None) -> list[Annotation]:
    """The annotations in W3C JSON-LD; AnnotationError naming the item and the problem.
    A TextPositionSelector indexes the text of the file `target.source` names: it is turned
    back into canonical offsets with that file's text (`source`, default: read each plain local
    file named, once); without the file, it is kept (anchoring finds the quote)."""
    find = source if source is not None else cached_sources()
    out = []
    for n, item in enumerate(_items(data), 1):
        try:
            out.append(w3c_to_annotation(item, find))
        except AnnotationError as exc:
            raise AnnotationError(f"W3C annotation {n}: {exc}") from None
    return out


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise AnnotationError(f"{name} must be a string")
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _annotation_id(item: Mapping[str, Any]) -> str:
    raw = item.get("id", item.get("@id"))
    if raw is None:
        # No id: derive one from the content, so importing the same file twice adds nothing.
        content = orjson.dumps(item, option=orjson.OPT_SORT_KEYS).decode()
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:reader:anonymous:" + content))
    if not isinstance(raw, str) or not raw:
        raise AnnotationError("id must be a string")
    if raw.lower().startswith("urn:uuid:"):
        try:
            return str(uuid.UUID(raw[9:]))
        except ValueError:
            raise AnnotationError(f"id {raw[:60]!r} is not a valid urn:uuid") from None
    return str(uuid.uuid5(uuid.NAMESPACE_URL, raw))


def _selectors(target: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any] | None]:
    quote: Mapping[str, Any] | None = None
    position: Mapping[str, Any] | None = None
    for selector in _as_list(target.get("selector")):
        if isinstance(selector, Mapping):
            if _has_type(selector, "TextQuoteSelector") and quote is None:
                quote = selector
            elif _has_type(selector, "TextPositionSelector") and position is None:
                position = selector
    if quote is None:
        raise AnnotationError("the target has no TextQuoteSelector")
    return quote, position


def _target(item: Mapping[str, Any]) -> tuple[Mapping[str, Any], Target, bool]:
    """The target, its selectors as a Target, and whether the offsets came from a
    TextPositionSelector (in the source file's text) rather than `reader:position`."""
    for target in _as_list(item.get("target")):
        if isinstance(target, Mapping) and target.get("selector") is not None:
            quote, position = _selectors(target)
            exact = _text(quote.get("exact"), "TextQuoteSelector.exact")
            prefix = _text(quote.get("prefix", ""), "TextQuoteSelector.prefix")
            suffix = _text(quote.get("suffix", ""), "TextQuoteSelector.suffix")
            in_file = position is not None
            if position is None and isinstance(target.get("reader:position"), Mapping):
                position = target["reader:position"]
            start = position.get("start") if position is not None else 0
            if type(start) is not int or start < 0:
                raise AnnotationError("TextPositionSelector.start must be an integer >= 0")
            return target, Target(
                exact=exact, prefix=prefix, suffix=suffix, start=start, end=start + len(exact)
            ), in_file
    raise AnnotationError("no target with a TextQuoteSelector")


def _article(item: Mapping[str, Any], target: Mapping[str, Any]) -> ArticleRef:
    ours = item.get("reader:article", item.get(READER_TERMS + "article"))
    if isinstance(ours, Mapping):
        return ArticleRef(
            id=ours.get("id", ""), path=ours.get("path", ""), title=ours.get("title", "")
        )
    source = target.get("source")
    title = ""
    if isinstance(source, Mapping):
        title = source.get("label", "") if isinstance(source.get("label"), str) else ""
        source = source.get("id", source.get("@id"))
    if not isinstance(source, str) or not source:
        raise AnnotationError("the target has no source")
    parsed = urlparse(source)
    if parsed.scheme == "file":
        return ArticleRef(id="", path=unquote(parsed.path), title=title)
    if source.startswith("urn:reader:article:"):
        return ArticleRef(id=source.rsplit(":", 1)[1], path="", title=title)
    if parsed.scheme in ("http", "https") and parsed.hostname:
        # A note made on a web page (ours or Hypothesis's): it belongs to the page at that
        # address, and attaches to its stored copy when the page is opened.
        from articles.sources.page_store import normalize_address

        return ArticleRef(id="", path=normalize_address(source), title=title or source)
    return ArticleRef(id="", path="", title=title or source)


def _bodies(item: Mapping[str, Any]) -> tuple[str, list[str]]:
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        notes.append(_text(item["bodyValue"], "bodyValue"))
    for body in _as_list(item.get("body")):
        if not isinstance(body, Mapping) or not isinstance(body.get("value"), str):
            continue  # a body that is a link, or not text: nothing we can keep
        purposes = _as_list(body.get("purpose"))
        if "tagging" in purposes:
            tags.append(body["value"])
        else:
            notes.append(_text(body["value"], "body.value"))
    return "\n\n".join(n for n in notes if n), tags


def _time(item: Mapping[str, Any], key: str, default: str | None) -> Any:
    value = item.get(key, default)
    if value is None:
        return utc_now()
    try:
        return parse_time(value)
    except (ValueError, TypeError):
        raise AnnotationError(
            f"{key}: {str(value)[:40]!r} is not an ISO 8601 timestamp with a UTC offset"
        ) from None


def _canonical(target: Target, source: SourceText | None) -> Target:
    """A target whose offsets index the source file's text, with canonical offsets instead
    when the file is at hand and holds the quote there; else as it is."""
    if source is None:
        return target
    start = source.to_canonical(target.start)
    moved = Target(exact=target.exact, prefix=target.prefix, suffix=target.suffix,
                   start=start, end=start + len(target.exact))
    return moved if source.selects(moved) else target


def w3c_to_annotation(item: object, source: SourceLookup | None = None) -> Annotation:
    """One W3C Annotation object as an annotation (`source`: see from_w3c)."""
    if not isinstance(item, Mapping) or not _has_type(item, "Annotation"):
        raise AnnotationError("not an object of type Annotation")
    target, tgt, in_file = _target(item)
    article = _article(item, target)
    if in_file and source is not None:
        tgt = _canonical(tgt, source(article))
    color = target.get("styleClass")
    note, tags = _bodies(item)
    created = _time(item, "created", None)
    return Annotation(
        id=_annotation_id(item),
        article=article,
        target=tgt,
        color=color if color in COLORS else COLORS[0],
        note=note,
        tags=normalize_tags(tags),
        created=created,
        updated=_time(item, "modified", None) if "modified" in item else created,
    )
