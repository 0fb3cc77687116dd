"""People named outside the body text (byline authors, photo credits), and the test of whether
capitalised words can be a personal name: all the layout needs of people, without the cost of
the people finder."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.folding import fold
from articles.parsing.lexicon import (
    CREDIT_NOT_PEOPLE,
    NAME_STOPWORDS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACES,
    ROLE_HEADS,
    is_family_name,
)
from articles.parsing.outlets import OUTLETS
from articles.parsing.scan import UPPER

NAME_WORD = re.compile(rf"^[{UPPER}](?:['’][{UPPER}])?[^\W\d_]*(?:-(?![{UPPER}])[^\W\d_]+)?$")
"""One word of a personal name: a capital, then letters; an Ede or Jarai woman's "H'" before
the capital ("H'Yim"), a hyphenated Korean given name ("Jun-ho")."""


@dataclass(frozen=True, slots=True)
class Credit:
    """A person given outside the body text: a byline author or a photo credit."""

    start: int
    end: int
    roles: tuple[str, ...]


def name_like(words: Sequence[str]) -> bool:
    """Whether capitalised words can be a personal name (no org, post, place or stop word)."""
    if not 1 <= len(words) <= 5:
        return False
    for i, w in enumerate(words):
        f = fold(w)
        if w == "The" and 0 < i < len(words) - 1 and is_family_name(words[0]):
            continue  # a middle name: "Lai The Nguyen"
        if w in ("An", "A") and i > 0:
            continue  # a given name after the first word ("Quang An", "Van A"), not the article
        if not NAME_WORD.match(w) or (len(w) > 1 and w.isupper()):
            return False
        if f in NAME_STOPWORDS or f in ORG_WORDS or f in ROLE_HEADS:
            return False
        if f in PLACE_NOUNS and (i > 0 or len(words) == 1):
            return False  # a place ends with its noun ("Thong Nhat Park"); a foreign family
            # name may be one ("General Director Park Jun-ho")
    return fold(" ".join(words)) not in PLACES


CREDIT_LABEL = re.compile(
    r"(?P<label>(?P<source>Sources?|Nguồn)|(?P<photos>Photos?|Ảnh|Images?)"
    r"|(?P<both>(?:Text|Story) and photos?|Bài và ảnh)|(?P<text>Text|Story|Bài))\s*:\s*",
    re.IGNORECASE,
)
"""A label opening one part of a credit line: "Text: X | Photos: Y", "Source: ..."."""


def credit_label(part: str) -> tuple[tuple[str, ...] | None, int] | None:
    """The roles a label at the start of a credit line's part gives the names after it, and
    where they start; `None` roles for a source (an outlet or office names nobody); `None` for
    a part without a label. "Photos: Y" gives photographer, "Text and photos: X" author and
    photographer, "Text: X" author."""
    m = CREDIT_LABEL.match(part)
    if m is None:
        return None
    if m.group("source"):
        return None, m.end()
    if m.group("photos"):
        return ("photographer",), m.end()
    if m.group("both"):
        return ("author", "photographer"), m.end()
    return ("author",), m.end()


NAMES_SEPARATOR = re.compile(r"\s+[-–—&/]\s+|\s*[,;&•|]\s*|\s+and\s+")
"""What joins the names of a line of names ("Thu Ha - Dinh Nhat", "Minh Chi, Thanh Le")."""


def names_only(line: str, most: int = 4) -> bool:
    """Whether a line is only personal names (at most `most`) joined by separators: a byline
    without a date or a "By"."""
    parts = [p for p in NAMES_SEPARATOR.split(line.strip(" |")) if p]
    return 1 <= len(parts) <= most and all(
        len(p.split()) <= 4 and name_like(p.split()) for p in parts
    )


def split_credit(credit: str) -> list[tuple[int, str]]:
    """The people named in a photo credit ("Thanh Duy - Ngoc Quy"), with offsets in `credit`."""
    people: list[tuple[int, str]] = []
    for m in re.finditer(r"[^,&/;]+?(?=\s+[-–&/]\s+|\s*[,;&/]\s*|\s+and\s+|$)", credit):
        part = m.group().strip(" -–.")
        if not part:
            continue
        offset = m.start() + m.group().index(part)
        words = part.split()
        if part.isupper() and len(words) >= 2:
            words = part.title().split()  # an all-caps pen name: "Photo: VAN THIEN"
        if (part.isupper() and len(words) < 2) or fold(part) in CREDIT_NOT_PEOPLE or any(
            fold(w) in CREDIT_NOT_PEOPLE for w in words
        ):
            continue
        if fold(part) in OUTLETS or fold(part.split("/")[0]) in OUTLETS:
            continue
        if name_like(words) and len(words) >= 2:
            # One word ("Photo: Kinhtedothi", "Photo: SGGP") is an outlet, not a pen name.
            people.append((offset, part))
    return people
