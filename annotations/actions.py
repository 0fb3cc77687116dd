"""The operations behind `reader notes ...` (and the app's equivalents), so the user interface
only parses input and shows results: add a note by quote, list an article's notes anchored in
its current text, export, import, and resolve a possibly shortened id."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from annotations import importing
from annotations.anchoring import Anchored, anchor_all
from annotations.article_notes import ArticleNotes
from annotations.codec import to_record
from annotations.errors import AnnotationError
from annotations.exporting import Format, export, load_from_disk
from annotations.model import COLORS, Annotation, new_annotation
from annotations.quotes import find_all, normalize_quote
from annotations.store import Store
from articles import Article

MIN_ID_PREFIX = 4


class QuoteNotFound(AnnotationError):
    """The quote does not occur in the article (or not as many times as asked)."""


class UnknownId(AnnotationError):
    """No annotation has this id (or the shortened id matches several)."""


class AmbiguousQuote(AnnotationError):
    """The quote occurs several times and no occurrence was chosen; `count` says how many."""

    def __init__(self, count: int, shown: str) -> None:
        super().__init__(f"the quote occurs {count} times: {shown!r}")
        self.count = count
        self.shown = shown


def _shown(quote: str) -> str:
    shown = normalize_quote(quote)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def quote_span(article: Article, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Where the `occurrence`-th (1-based) place `quote` occurs in the article text is. With
    no occurrence the quote must occur once: AmbiguousQuote when it occurs several times;
    QuoteNotFound when it does not occur (or not `occurrence` times)."""
    spans = find_all(article.text, quote)
    shown = _shown(quote)
    if not spans:
        raise QuoteNotFound(f"the quote does not occur in the article: {shown!r}")
    if occurrence is None:
        if len(spans) > 1:
            raise AmbiguousQuote(len(spans), shown)
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        raise QuoteNotFound(
            f"the quote occurs {len(spans)} time{'s' if len(spans) != 1 else ''}, "
            f"not {occurrence}: {shown!r}"
        )
    return spans[occurrence - 1]


def add_quote(
    store: Store,
    article: Article,
    quote: str,
    *,
    occurrence: int | None = None,
    note: str = "",
    color: str = COLORS[0],
    tags: Iterable[str] = (),
) -> Annotation:
    """Annotate the place `quote` occurs in the article (the `occurrence`-th, 1-based, when it
    occurs several times; see quote_span); returns the new annotation once it is durable."""
    start, end = quote_span(article, quote, occurrence)
    return store.add(new_annotation(article, start, end, color=color, note=note, tags=tags))


def reattach(
    store: Store,
    annotation_id: str,
    article: Article,
    quote: str,
    occurrence: int | None = None,
) -> Annotation:
    """Point an existing annotation (an orphan, typically) at a quote in the article."""
    a = resolve_id(store, annotation_id)
    start, end = quote_span(article, quote, occurrence)
    # Checked against the file: a change made elsewhere since `a` was read is merged, or
    # refused (UpdateConflict), never overwritten.
    return store.update(a.reattached(article, start, end), base=a)


def resolve_id(store: Store, text: str) -> Annotation:
    """The annotation whose id is `text`, or starts with `text` (at least MIN_ID_PREFIX
    characters, matching exactly one annotation)."""
    text = text.strip().lower()
    if text.startswith("urn:uuid:"):
        text = text[9:]
    exact = store.get(text)
    if exact is not None:
        return exact
    if len(text) < MIN_ID_PREFIX:
        raise UnknownId(
            f"no annotation with id {text!r} (a shortened id needs {MIN_ID_PREFIX}+ characters)"
        )
    ids = store.match_ids(text)
    if not ids:
        raise UnknownId(f"no annotation with id {text!r}")
    if len(ids) > 1:
        raise UnknownId(
            f"{len(ids)} annotations have ids starting with {text!r}; give more of the id"
        )
    found = store.get(ids[0])
    if found is None:  # removed by another process just now
        raise UnknownId(f"no annotation with id {text!r}")
    return found


def remove(store: Store, text: str) -> Annotation:
    """Delete the annotation `text` names (see resolve_id); returns what was deleted."""
    a = resolve_id(store, text)
    if not store.remove(a.id, base=a):
        raise UnknownId(f"no annotation with id {a.id!r}")
    return a


def article_notes(store: Store, article: Article) -> ArticleNotes:
    """The annotations of an article, anchored in its current text."""
    return ArticleNotes(article, anchor_all(article.text, store.for_article(article)))


def listing(
    annotation: Annotation, anchored: Anchored | None = None, article: Article | None = None
) -> dict[str, Any]:
    """One annotation as JSON for `notes list --json`: the stored record, plus where it
    anchors (and in which section) when listed for an article."""
    out = to_record(annotation)
    if anchored is not None:
        section = None
        if article is not None and anchored.start is not None:
            found = article.section_at(anchored.start)
            section = found.title if found is not None else None
        out["anchor"] = {
            "status": anchored.status,
            "start": anchored.start,
            "end": anchored.end,
            "score": anchored.score,
            "section": section,
        }
    return out


def export_text(store: Store, fmt: Format, article: Article | None = None) -> str:
    """All annotations (or one article's) in an export format. An article file is opened only
    for notes made here on it: never at a path an imported note brought (`imported_ids`)."""
    items: Sequence[Annotation] = store.for_article(article) if article is not None else store.all()
    if article is not None:
        return export(items, fmt, lambda ref: article)
    imported = store.imported_ids()
    trusted = {a.article for a in items if a.id not in imported}
    return export(items, fmt, lambda ref: load_from_disk(ref) if ref in trusted else None)


def import_file(store: Store, path: Path | str, *, article_files: Iterable[Path | str] = ()
                ) -> tuple[list[Annotation], list[Annotation]]:
    """Import an export file (ours or W3C): (added, skipped because already present). A bad
    file raises ImportFileError and nothing is written. Only `article_files` (named by the
    user) are read to convert W3C offsets; never a file the import itself names."""
    items = importing.read_file(path, article_files=article_files)
    return store.add_many(items, imported=True)
