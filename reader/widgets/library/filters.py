"""What the library's panes list for a filter, and the walk a chosen mention starts: pure
functions over the library and the notes (the words of the filter folded, every word found)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotations.model import Annotation
from articles import fold
from articles.library import Library, LibraryDocument, LibraryPerson
from reader.walk import LibraryWalk


def words_of(filter_text: str) -> list[str]:
    """The words of a filter, folded (case and diacritics ignored)."""
    return fold(filter_text).split()


def _matches(words: Sequence[str], fields: Iterable[str]) -> bool:
    haystack = fold(" ".join(fields))
    return all(w in haystack for w in words)


def people_matching(library: Library, words: Sequence[str]) -> list[LibraryPerson]:
    """Who's who for the filter: name or a post holds every word; most mentioned first."""
    people = [p for p in library.people if _matches(words, [p.name, *p.roles])]
    return sorted(people, key=lambda p: (-p.mention_count, p.key))


def documents_matching(library: Library, words: Sequence[str]) -> list[LibraryDocument]:
    """The documents for the filter (code, type, issuer, subject); most cited first."""
    docs = [d for d in library.documents
            if _matches(words, [d.code, d.type, d.issuer or "", d.subject or ""])]
    return sorted(docs, key=lambda d: (-len(d.citations), d.key))


def notes_matching(notes: Iterable[Annotation], words: Sequence[str]) -> list[Annotation]:
    """Every note for the filter (note, quote, article title, tags), by article then place."""
    found = [n for n in notes
             if _matches(words, [n.note, n.target.exact, n.article.title, *n.tags])]
    return sorted(found, key=lambda n: (n.article.title, n.target.start))


def walk_of(item: LibraryPerson | LibraryDocument, mention: int) -> LibraryWalk:
    """The walk over an entry's mentions (loaded), at mention number `mention`."""
    if isinstance(item, LibraryPerson):
        return LibraryWalk("person", item.key, item.name, item.mentions, mention)
    return LibraryWalk("document", item.key, item.code, item.mentions, mention)
