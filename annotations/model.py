"""The annotation model: frozen dataclasses that validate every field when they are built, so
an invalid annotation (made in code or read back from disk) cannot exist."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Protocol

from annotations.clock import utc_now
from annotations.errors import AnnotationError

COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
"""The named highlight styles; the first is the default."""

CONTEXT_CHARS = 32
"""How many characters of text before and after the quote are kept as its prefix and suffix."""

MAX_QUOTE_CHARS = 1_000_000
MAX_NOTE_CHARS = 1_000_000
MAX_TAG_CHARS = 100
MAX_TAGS = 100
MAX_REF_CHARS = 4096


class ArticleLike(Protocol):
    """What the model needs of an article (`articles.Article` fits)."""

    @property
    def id(self) -> str: ...
    @property
    def path(self) -> Path | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def text(self) -> str: ...


def _fail(field_name: str, problem: str) -> AnnotationError:
    return AnnotationError(f"{field_name}: {problem}")


_ZERO = timedelta(0)
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


_VISIBLE = {c: 0x2400 + c for c in range(0x20)} | {0x7F: 0x2421} | {
    c: 0xFFFD for c in range(0x80, 0xA0)}


def clean_ref(text: str, limit: int = MAX_REF_CHARS) -> str:
    """`text` fit for an article reference: control characters shown as visible symbols (ESC
    as ␛, NUL as ␀), and at most `limit` characters (cut with an ellipsis)."""
    if _CONTROLS.search(text) is not None:
        text = text.translate(_VISIBLE)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_uuid(value: object) -> bool:
    return (
        type(value) is str
        and len(value) == 36
        and value[8] == value[13] == value[18] == value[23] == "-"
        and value.count("-") == 4
        and not value.strip("0123456789abcdef-")
    )


def _has_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def _is_str(value: object, max_len: int) -> bool:
    return type(value) is str and len(value) <= max_len and "\x00" not in value


def _check_str(value: object, name: str, max_len: int, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise _fail(name, f"must be a string, not {type(value).__name__}")
    if not empty and not value:
        raise _fail(name, "must not be empty")
    if len(value) > max_len:
        raise _fail(name, f"is too long ({len(value):,} characters; at most {max_len:,})")
    if "\x00" in value:
        raise _fail(name, "holds a NUL character")
    return value


def _check_int(value: object, name: str) -> int:
    if type(value) is not int:
        raise _fail(name, f"must be an integer, not {type(value).__name__}")
    if value < 0:
        raise _fail(name, f"must not be negative ({value})")
    return value


def _check_time(value: object, name: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() != _ZERO:
        raise _fail(name, "must be a timezone-aware UTC datetime")
    return value


def check_tags(tags: object) -> None:
    """AnnotationError unless `tags` is a valid, normalised tuple of tags."""
    if tags == ():
        return
    if type(tags) is not tuple:
        raise _fail("tags", "must be a tuple of strings")
    if len(tags) > MAX_TAGS:
        raise _fail("tags", f"too many ({len(tags)}; at most {MAX_TAGS})")
    for tag in tags:
        _check_str(tag, "tags", MAX_TAG_CHARS, empty=False)
        if tag != " ".join(tag.split()) or _has_controls(tag):
            raise _fail("tags", f"{tag[:40]!r} has surrounding, repeated or control white space")
    if len(set(tags)) != len(tags):
        raise _fail("tags", "holds the same tag twice")


def check_uuid(value: object, name: str = "id") -> str:
    """`value` if it is a UUID in canonical form (lowercase, with hyphens); else AnnotationError."""
    if not isinstance(value, str):
        raise _fail(name, f"must be a UUID string, not {type(value).__name__}")
    if _is_uuid(value):
        return value
    try:
        canonical = str(uuid.UUID(value))
    except ValueError:
        raise _fail(name, f"{value[:60]!r} is not a UUID") from None
    if canonical != value:
        raise _fail(name, f"{value[:60]!r} is not a UUID in canonical form ({canonical})")
    return value


def check_color(value: object, name: str = "color") -> str:
    """`value` if it is one of COLORS; else AnnotationError."""
    if value not in COLORS:
        raise _fail(name, f"{str(value)[:40]!r} is not one of {', '.join(COLORS)}")
    assert isinstance(value, str)
    return value


def normalize_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: stripped, inner white space collapsed, empty ones and repeats dropped."""
    out: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise _fail("tags", f"a tag must be a string, not {type(tag).__name__}")
        clean = " ".join(tag.split())
        if clean and clean not in out:
            out.append(clean)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article an annotation belongs to: its content hash when the note was made, its
    resolved path and its title (so a note still finds an article that was edited or moved)."""

    id: str
    path: str
    title: str

    def __post_init__(self) -> None:
        for name in ("id", "path", "title"):
            value = _check_str(getattr(self, name), f"article.{name}", MAX_REF_CHARS)
            if _has_controls(value):
                raise _fail(f"article.{name}", "holds control characters")
        if not (self.id or self.path or self.title):
            raise _fail("article", "needs at least one of id, path and title")

    @classmethod
    def of(cls, article: ArticleLike) -> ArticleRef:
        """The reference to a loaded article (its path resolved to an absolute one; for a web
        page read from an address, that address). A title or path with control characters, or
        longer than a reference may be, is kept cleaned (controls as visible symbols) and
        shortened: an odd first line never stops an article from being annotated."""
        url = getattr(article, "url", None)
        if article.path is None and isinstance(url, str) and url:
            from articles.sources.page_store import normalize_address

            return cls(id=clean_ref(article.id), path=clean_ref(normalize_address(url)),
                       title=clean_ref(article.title or ""))
        path = str(Path(article.path).resolve()) if article.path is not None else ""
        return cls(id=clean_ref(article.id), path=clean_ref(path),
                   title=clean_ref(article.title or ""))


@dataclass(frozen=True, slots=True)
class Target:
    """Where the annotation points: the quote with its context, and its offsets into the
    canonical text it was made on (`text[start:end] == exact` held then)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not (_is_str(self.exact, MAX_QUOTE_CHARS) and self.exact):
            _check_str(self.exact, "target.exact", MAX_QUOTE_CHARS, empty=False)
        if not _is_str(self.prefix, MAX_REF_CHARS):
            _check_str(self.prefix, "target.prefix", MAX_REF_CHARS)
        if not _is_str(self.suffix, MAX_REF_CHARS):
            _check_str(self.suffix, "target.suffix", MAX_REF_CHARS)
        _check_int(self.start, "target.start")
        _check_int(self.end, "target.end")
        if self.end - self.start != len(self.exact):
            raise _fail(
                "target.end",
                f"end - start ({self.end} - {self.start}) must equal the length of the quote "
                f"({len(self.exact)})",
            )

    @classmethod
    def from_text(cls, text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Target:
        """The target for `text[start:end]`, with `context` characters of prefix and suffix."""
        if not 0 <= start < end <= len(text):
            raise _fail(
                "target", f"range {start}..{end} is empty or outside the text (0..{len(text)})"
            )
        return cls(
            exact=text[start:end],
            prefix=text[max(0, start - context) : start],
            suffix=text[end : end + context],
            start=start,
            end=end,
        )


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight (empty note) or a note on a passage of an article."""

    id: str
    article: ArticleRef
    target: Target
    color: str
    note: str
    tags: tuple[str, ...]
    created: datetime
    updated: datetime

    def __post_init__(self) -> None:
        # Fast paths first: a store of 10,000 annotations validates all of them on load.
        if not _is_uuid(self.id):
            check_uuid(self.id)
        if type(self.article) is not ArticleRef:
            raise _fail("article", "must be an ArticleRef")
        if type(self.target) is not Target:
            raise _fail("target", "must be a Target")
        if self.color not in COLORS:
            check_color(self.color)
        if not _is_str(self.note, MAX_NOTE_CHARS):
            _check_str(self.note, "note", MAX_NOTE_CHARS)
        check_tags(self.tags)
        _check_time(self.created, "created")
        _check_time(self.updated, "updated")

    @property
    def is_highlight(self) -> bool:
        """A plain highlight: no note."""
        return not self.note

    def edited(
        self,
        *,
        article: ArticleRef | None = None,
        target: Target | None = None,
        color: str | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
    ) -> Annotation:
        """A copy with the given fields changed (and validated) and `updated` set to now; the id
        and `created` never change."""
        return dataclasses.replace(
            self,
            article=self.article if article is None else article,
            target=self.target if target is None else target,
            color=self.color if color is None else color,
            note=self.note if note is None else note,
            tags=self.tags if tags is None else normalize_tags(tags),
            updated=max(utc_now(), self.updated),
        )

    def with_note(self, note: str) -> Annotation:
        """A copy with a new note; `updated` bumped."""
        return self.edited(note=note)

    def with_color(self, color: str) -> Annotation:
        """A copy with a new colour; `updated` bumped."""
        return self.edited(color=color)

    def with_tags(self, tags: Iterable[str]) -> Annotation:
        """A copy with new tags (normalised); `updated` bumped."""
        return self.edited(tags=tags)

    def reattached(self, article: ArticleLike, start: int, end: int) -> Annotation:
        """A copy pointing at `article.text[start:end]` (re-attaching an orphan, or recording
        where it re-anchored); `updated` bumped."""
        return self.edited(
            article=ArticleRef.of(article), target=Target.from_text(article.text, start, end)
        )


def new_annotation(
    article: ArticleLike,
    start: int,
    end: int,
    *,
    color: str = COLORS[0],
    note: str = "",
    tags: Iterable[str] = (),
    id: str | None = None,
    now: datetime | None = None,
) -> Annotation:
    """A new annotation on `article.text[start:end]` with a fresh UUID and the time now."""
    stamp = now if now is not None else utc_now()
    return Annotation(
        id=id if id is not None else str(uuid.uuid4()),
        article=ArticleRef.of(article),
        target=Target.from_text(article.text, start, end),
        color=color,
        note=note,
        tags=normalize_tags(tags),
        created=stamp,
        updated=stamp,
    )


__all__ = [
    "COLORS",
    "CONTEXT_CHARS",
    "Annotation",
    "ArticleLike",
    "ArticleRef",
    "Target",
    "check_color",
    "check_tags",
    "check_uuid",
    "clean_ref",
    "new_annotation",
    "normalize_tags",
]
