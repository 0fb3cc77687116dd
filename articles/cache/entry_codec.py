"""The JSON form of an `ArticleEntry`: written by `entry_to_json`, read back either validated
(`entry_from_json`: every field checked, for data from anywhere) or trusted (`entry_from_record`:
for the index database's own records, which SQLite keeps whole; a malformed one still raises
`EntryFormatError` rather than anything else, and the database drops it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from articles.library.entry import (
    ENTRY_FORMAT,
    ArticleEntry,
    ArticleSummary,
    EntryDocument,
    EntryFormatError,
    EntryPerson,
    LibraryMention,
)
from articles.model import MentionKind

_KINDS: frozenset[str] = frozenset({"name", "role", "code", "reference"})


def entry_to_json(entry: ArticleEntry) -> dict[str, Any]:
    """The entry as plain JSON data (mentions as compact arrays)."""
    s = entry.summary
    return {
        "format": ENTRY_FORMAT,
        "path": str(s.path),
        "id": s.id,
        "title": s.title,
        "authors": list(s.authors),
        "published": s.published.isoformat() if s.published else None,
        "source": s.source,
        "error": s.error,
        "people": [
            {"key": p.key, "name": p.name, "roles": list(p.roles),
             "mentions": [_mention_json(m) for m in p.mentions]}
            for p in entry.people
        ],
        "documents": [
            {"key": d.key, "code": d.code, "type": d.type, "issuer": d.issuer,
             "issuer_given": d.issuer_given, "date": d.date.isoformat() if d.date else None,
             "year": d.year, "subject": d.subject,
             "mentions": [_mention_json(m) for m in d.mentions]}
            for d in entry.documents
        ],
    }


def entry_from_json(data: object, path: Path | None = None) -> ArticleEntry:
    """An entry from `entry_to_json` data, every field checked (for the file at `path`, if
    given); EntryFormatError when the data does not have the expected shape."""
    try:
        return _entry_from_json(data, path)
    except EntryFormatError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise EntryFormatError(f"not an article entry: {exc}") from None


def entry_with_path(entry: ArticleEntry, path: Path) -> ArticleEntry:
    """This entry for a file at another path with the same content."""
    if path == entry.summary.path:
        return entry
    return entry_from_json(entry_to_json(entry), path)


def entry_from_record(record: Any, summary: ArticleSummary) -> ArticleEntry:
    """An entry from the index database's own `entry_to_json` record, with `summary` (the
    database's row for the file) as its summary; only the shape is relied on, nothing is
    checked field by field. EntryFormatError if the shape is not as written."""
    try:
        def mentions(items: list[list[Any]]) -> tuple[LibraryMention, ...]:
            return tuple(LibraryMention(summary, *item) for item in items)

        people = tuple(
            EntryPerson(p["key"], p["name"], tuple(p["roles"]), mentions(p["mentions"]))
            for p in record["people"]
        )
        documents = tuple(
            EntryDocument(
                d["key"], d["code"], d["type"], d["issuer"], d["issuer_given"],
                date.fromisoformat(d["date"]) if d["date"] else None, d["year"], d["subject"],
                mentions(d["mentions"]),
            )
            for d in record["documents"]
        )
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as exc:
        raise EntryFormatError(f"not an article entry: {exc}") from None
    return ArticleEntry(summary, people, documents)


def _mention_json(m: LibraryMention) -> list[object]:
    return [m.start, m.end, m.kind, m.text, m.context, m.context_start, m.context_end]


T = TypeVar("T")


def _check(value: object, kind: type[T], what: str) -> T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise EntryFormatError(f"{what}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _opt(value: object, kind: type[T], what: str) -> T | None:
    return None if value is None else _check(value, kind, what)


def _strings(value: object, what: str) -> tuple[str, ...]:
    return tuple(_check(v, str, what) for v in _check(value, list, what))


def _list_of(value: object, what: str, make: Callable[[Any], T]) -> tuple[T, ...]:
    return tuple(make(item) for item in _check(value, list, what))


def _entry_from_json(data: object, path: Path | None) -> ArticleEntry:
    record = _check(data, dict, "entry")
    if record.get("format") != ENTRY_FORMAT:
        raise EntryFormatError(f"entry format {record.get('format')!r}, not {ENTRY_FORMAT}")
    published = _opt(record["published"], str, "published")
    error = _opt(record["error"], str, "error")
    people_data = _check(record["people"], list, "people")
    documents_data = _check(record["documents"], list, "documents")
    summary = ArticleSummary(
        path=path if path is not None else Path(_check(record["path"], str, "path")),
        id=_check(record["id"], str, "id"),
        title=_check(record["title"], str, "title"),
        authors=_strings(record["authors"], "authors"),
        published=datetime.fromisoformat(published) if published else None,
        source=_opt(record["source"], str, "source"),
        people_count=len(people_data),
        documents_count=len(documents_data),
        error=error,
    )

    def mention(item: object) -> LibraryMention:
        start, end, kind, text, context, c_start, c_end = _check(item, list, "mention")
        if kind not in _KINDS:
            raise EntryFormatError(f"mention kind {kind!r}")
        m = LibraryMention(
            summary, _check(start, int, "start"), _check(end, int, "end"),
            cast(MentionKind, kind), _check(text, str, "text"), _check(context, str, "context"),
            _check(c_start, int, "context_start"), _check(c_end, int, "context_end"),
        )
        if not (0 <= m.start <= m.end and 0 <= m.context_start <= m.context_end <= len(context)):
            raise EntryFormatError("mention offsets out of order")
        return m

    def person(item: object) -> EntryPerson:
        p = _check(item, dict, "person")
        return EntryPerson(
            key=_check(p["key"], str, "key"), name=_check(p["name"], str, "name"),
            roles=_strings(p["roles"], "roles"),
            mentions=_list_of(p["mentions"], "mentions", mention),
        )

    def document(item: object) -> EntryDocument:
        d = _check(item, dict, "document")
        day = _opt(d["date"], str, "date")
        return EntryDocument(
            key=_check(d["key"], str, "key"), code=_check(d["code"], str, "code"),
            type=_check(d["type"], str, "type"), issuer=_opt(d["issuer"], str, "issuer"),
            issuer_given=_check(d["issuer_given"], bool, "issuer_given"),
            date=date.fromisoformat(day) if day else None, year=_opt(d["year"], int, "year"),
            subject=_opt(d["subject"], str, "subject"),
            mentions=_list_of(d["mentions"], "mentions", mention),
        )

    entry = ArticleEntry(
        summary=summary,
        people=tuple(person(p) for p in people_data),
        documents=tuple(document(d) for d in documents_data),
    )
    if error is not None and (entry.people or entry.documents):
        raise EntryFormatError("an unreadable file's entry has people or documents")
    return entry


