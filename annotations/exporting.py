"""Annotations out: Markdown for people (grouped by article and section), our JSON, and W3C Web
Annotation JSON-LD. Pure functions of the annotations (and of the articles, when at hand)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import orjson

from annotations import schema, w3c
from annotations.anchoring import Anchored, anchor_all
from annotations.clock import format_time, utc_now
from annotations.codec import to_record
from annotations.markdown_text import code_span, escape_block, escape_inline
from annotations.model import Annotation, ArticleRef
from annotations.source_offsets import SourceLookup, SourceText, cached_sources, read_source
from articles import Article, ArticleError, load

Format = Literal["markdown", "json", "w3c"]
FORMATS: tuple[Format, ...] = ("markdown", "json", "w3c")
JSON_FORMAT_NAME = "reader-annotations"
UNKNOWN_SECTION = "Unknown section"
UNANCHORED = "Unanchored"

ArticleLookup = Callable[[ArticleRef], Article | None]


def load_from_disk(ref: ArticleRef) -> Article | None:
    """The article a reference names, read from its path; None when it cannot be read."""
    if not ref.path:
        return None
    try:
        if ref.path.startswith(("http://", "https://")):  # the stored copy only: no network
            from articles.sources.loader import load_stored

            return load_stored(ref.path)
        return load(ref.path)
    except ArticleError:
        return None


def cached_lookup(lookup: ArticleLookup = load_from_disk) -> ArticleLookup:
    """`lookup` remembering its answer per path (each article file is read once)."""
    seen: dict[str, Article | None] = {}

    def find(ref: ArticleRef) -> Article | None:
        key = ref.path or ref.id
        if key not in seen:
            seen[key] = lookup(ref)
        return seen[key]

    return find


def to_json_data(annotations: Sequence[Annotation]) -> dict[str, Any]:
    """Our JSON export: the stored records, with the format name and schema version."""
    return {
        "format": JSON_FORMAT_NAME,
        "schema": schema.SCHEMA_VERSION,
        "exported": format_time(utc_now()),
        "annotations": [to_record(a) for a in annotations],
    }


def dumps(data: object) -> str:
    """Pretty JSON text (UTF-8 characters kept; C1 and bidi control characters escaped, so
    the output is safe to show in a terminal and still the same JSON)."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    return text.translate(_C1_ESCAPES) + "\n"


_C1_ESCAPES = {
    c: f"\\u{c:04x}"
    for c in (*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
              0x200E, 0x200F, 0x061C, 0x2028, 0x2029)
}
"""C1 controls, bidi controls and line separators: escaped in JSON, so shown as text."""


@dataclass(frozen=True, slots=True)
class _Group:
    key: str
    title: str
    path: str
    article: Article | None


def _group_of(a: Annotation, lookup: ArticleLookup) -> _Group:
    article = lookup(a.article)
    if article is not None:
        path = str(Path(article.path).resolve()) if article.path else a.article.path
        return _Group(path or article.id, article.title or a.article.title, path, article)
    return _Group(
        a.article.path or a.article.id or a.article.title, a.article.title, a.article.path, None
    )


def to_markdown(annotations: Sequence[Annotation], lookup: ArticleLookup | None = None) -> str:
    """Markdown grouped by article, then by section (anchored in the article's current text
    when its file can be read; else under "Unknown section"); orphans under "Unanchored"."""
    find = cached_lookup(lookup or load_from_disk)
    groups: dict[str, tuple[_Group, list[Annotation]]] = {}
    for a in annotations:
        group = _group_of(a, find)
        groups.setdefault(group.key, (group, []))[1].append(a)
    lines = ["# Highlights and notes", ""]
    if not groups:
        lines += ["(none)", ""]
    for group, items in sorted(groups.values(), key=lambda g: (g[0].title.casefold(), g[0].key)):
        lines += [f"## {escape_inline(group.title) or '(untitled article)'}", ""]
        if group.path.startswith(("http://", "https://")):
            lines += [f"Page: {_autolink(group.path)}", ""]
        elif group.path:
            lines += [f"File: {code_span(group.path)}", ""]
        for section, entries in _by_section(group, items):
            lines += [f"### {escape_inline(section)}", ""]
            for anchored in entries:
                lines += _entry(anchored)
    return "\n".join(lines).rstrip() + "\n"


def _by_section(group: _Group, items: list[Annotation]) -> list[tuple[str, list[Anchored]]]:
    article = group.article
    if article is None:
        entries = [Anchored(a, None, None, "orphan", 0.0) for a in items]
        entries.sort(key=lambda x: (x.annotation.target.start, x.annotation.created))
        return [(UNKNOWN_SECTION, entries)]
    sections: dict[str, list[Anchored]] = {}
    order: dict[str, int] = {}
    orphans: list[Anchored] = []
    for anchored in sorted(
        anchor_all(article.text, items), key=lambda x: (x.start or 0, x.annotation.created)
    ):
        if anchored.start is None:
            orphans.append(anchored)
            continue
        section = article.section_at(anchored.start)
        title = section.title if section is not None else "Title and byline"
        sections.setdefault(title, []).append(anchored)
        order.setdefault(title, anchored.start)
    out = sorted(sections.items(), key=lambda kv: order[kv[0]])
    if orphans:
        out.append((UNANCHORED, orphans))
    return out


def _autolink(address: str) -> str:
    """A page's address as a Markdown autolink, or a code span if it could not be one."""
    if any(c in address for c in "<> `") or any(c.isspace() for c in address):
        return code_span(address)
    return f"<{address}>"


def _entry(anchored: Anchored) -> list[str]:
    a = anchored.annotation
    # The quote and the note are plain text: escaped, so nothing in them becomes markup, and
    # their lines stay lines of this entry (a blockquote, then paragraphs, then the meta line).
    lines = ["> " + line if line else ">" for line in escape_block(a.target.exact)]
    lines.append("")
    if a.note.strip():
        lines += [*escape_block(a.note), ""]
    meta = [a.color]
    if a.tags:
        meta.append("tags: " + ", ".join(escape_inline(tag) for tag in a.tags))
    meta.append(a.updated.strftime("%Y-%m-%d"))
    if anchored.status in ("moved", "fuzzy"):
        meta.append(f"re-anchored ({anchored.status})")
    lines += ["*" + " · ".join(meta) + "*", ""]
    return lines


def _sources(find: ArticleLookup) -> SourceLookup:
    """The text of each article file `find` opens (only those: see actions.export_text)."""

    def read(ref: ArticleRef) -> SourceText | None:
        # The file `target.source` names (ref.path), and only when `find` may open it.
        return read_source(ref.path) if find(ref) is not None else None

    return cached_sources(read)


def export(
    annotations: Sequence[Annotation], fmt: Format, lookup: ArticleLookup | None = None
) -> str:
    """The annotations as text in one of FORMATS."""
    if fmt == "markdown":
        return to_markdown(annotations, lookup)
    if fmt == "json":
        return dumps(to_json_data(annotations))
    if fmt == "w3c":
        sources = _sources(cached_lookup(lookup or load_from_disk))
        return dumps(w3c.to_w3c(annotations, source=sources))
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Format", "dumps", "export", "to_json_data", "to_markdown"]
