"""Reading the top of a page: which line is the headline, which are bylines and dates, which are
site furniture (navigation bars, breadcrumbs, mastheads, letterheads, page controls), and where
the body begins. Each line is scored by its features (position, length, capitals, separators,
date and credit patterns, known outlets) instead of by an ordered list of special cases."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.folding import fold
from articles.parsing.credits import names_only
from articles.parsing.dates import find_datetime
from articles.parsing.outlets import CJK, FURNITURE_LINE, LETTERHEAD, NAV_WORDS, outlet_in

TOP_LINES = 16
"""How many lines from the top the headline, bylines and furniture are looked for in."""

BY_CREDIT = re.compile(
    r"^(?:By|Written by|Reported by|Story(?: and photos?)?\s*(?:by|:)|Text(?: and photos?)?\s*:|"
    r"Bài(?: và ảnh)?\s*:|Translated by|Author\s*:)\s*\S",
    re.IGNORECASE,
)
"""A credit line ("By X", "Story and photos: X", "Reported by X - Translated by Y")."""
SOURCE_START = re.compile(
    r"\s*(?:[A-ZĐ][\w.]*(?:\s[A-ZĐ][\w.]*){0,3},?\s+)?\([^()\n]{2,40}\)\s*[-–—:]"
    r"|\s*[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ. ]{1,30}\s*[-–—]{1,2}\s+\S"
)
"""A lead's opening dateline: "(Baonghean.vn) -", "Hanoi (VNA) –", "HÀ NỘI —"."""
_PUNCT_ONLY = re.compile(r"^[^\w]*$")
_MENU_SEPARATORS = re.compile(r"\s[|»›>/]\s|\s\|$|^\|\s")
_SECTION_DASH = re.compile(r"\s+[-–—]\s+")
"""The dash of a section line ("News - Provincial Leaders' Activities")."""
_JOINERS = frozenset({"&", "+"})
"""Signs joining the words of a name ("Law & Legal Forum"), not words themselves."""
_BULLET = re.compile(r"^[•·▪►\-*]\s*\S")


@dataclass(frozen=True, slots=True)
class Top:
    """What the top of a page holds, by line index (see `read_top`)."""

    title: int | None
    bylines: tuple[int, ...]
    furniture: tuple[int, ...]
    body: int
    """Index of the first line of the body (the line after the last top line read)."""
    masthead: str | None
    """The outlet a masthead line names, as written."""


def furniture_score(line: str, index: int) -> int:
    """How strongly a line looks like site furniture (0: not at all)."""
    if _PUNCT_ONLY.match(line):
        return 10
    words = line.split()
    score = 0
    if FURNITURE_LINE.match(line):
        score += 6
    if LETTERHEAD.match(line):
        score += 6
    if CJK.search(line):
        score += 3
    if outlet_in(line) is not None and len(words) <= 14:
        score += 5
    pipes = line.count("|")
    if pipes >= 2 and len(words) <= 16:
        score += 4
    elif _MENU_SEPARATORS.search(line) and len(words) <= 10:
        score += 3
    if _BULLET.match(line) and len(words) <= 4:
        score += 4
    if len(words) <= 8 and _nav_section(line):
        score += 3
    if len(words) <= 12:
        plain = [fold(w.strip("|•·,:;")) for w in words]
        plain = [w for w in plain if w]
        nav = sum(1 for w in plain if w in NAV_WORDS)
        if plain and nav / len(plain) >= 0.6 and not line.endswith((".", "?", "!")):
            score += 4 + (index == 0)
    return score


def _nav_words(part: str) -> bool:
    plain = [fold(w.strip("|•·,:;")) for w in part.split()]
    return bool(plain) and all(w in NAV_WORDS for w in plain if w)


def _nav_section(line: str) -> bool:
    """A section line: a navigation word, a dash, then the section's name ("News - Provincial
    Leaders' Activities", "Politics – Party building")."""
    parts = _SECTION_DASH.split(line, maxsplit=1)
    if len(parts) != 2 or not _nav_words(parts[0]) or len(parts[1].split()) > 5:
        return False
    return not parts[1].endswith((".", "?", "!")) and not any(c.isdigit() for c in parts[1])


def is_prose(line: str, next_line: str | None) -> bool:
    """A line of running text: an opening dateline, or a long sentence that is not a headline
    (a headline has a byline or date under it, or no full stop)."""
    if SOURCE_START.match(line):
        return True
    words = len(line.split())
    if words >= 40:
        return True
    ends = line.rstrip("”\"'’").endswith((".", "!", "?", ":", ";"))
    if ends and words >= 12:
        return next_line is None or not is_dated_or_credit(next_line)
    return False


def is_dated_or_credit(line: str) -> bool:
    """A byline: a short line with a date, or a credit line ("By X")."""
    return is_byline_line(line) or bool(BY_CREDIT.match(line) and len(line.split()) <= 16)


def is_byline_line(line: str) -> bool:
    """A short line near the top carrying the publication date (and perhaps authors)."""
    if len(line) > 400 or line.startswith("("):
        return False
    found = find_datetime(line)
    if found is None:
        return False
    m, _, has_time = found
    before = line[: m.start()]
    # A byline is mostly names, posts and the date; a sentence has much more around the date.
    if has_time:
        return len(before.split()) <= 40
    if len(line.split()) >= 12 and line.endswith("."):
        return False  # a sentence with a date in it ("On March 9, ... dated March 7, 2025 ...")
    return len(before.split()) <= 40 and len(line[m.end() :].split()) <= 3


def _name_line(line: str) -> bool:
    """A byline of names alone: "PHẠM ĐÔNG |", "Ngoc Ha", "Thu Ha - Dinh Nhat"."""
    words = line.rstrip(" |").split()
    if line.endswith(" |") and 1 <= len(words) <= 5:
        return True  # "PHẠM ĐÔNG |"
    return names_only(line)


def headline_score(line: str) -> int:
    """How much a line looks like a headline (<= 0: it does not)."""
    words = line.split()
    if not 2 <= len(words) <= 40:
        return 0
    if line[:1].islower():
        return 0  # a headline starts with a capital, a digit, a quote or a bracket
    score = 2
    if 5 <= len(words) <= 25:
        score += 1
    if not line.endswith("."):
        score += 1
    return score


def read_top(texts: Sequence[str], is_picture: Sequence[bool]) -> Top:
    """The headline, bylines and furniture among the first lines; `is_picture` marks lines that
    are images or captions (they may stand above the lead)."""
    title: int | None = None
    bylines: list[int] = []
    furniture: list[int] = []
    masthead: str | None = None
    limit = min(len(texts), TOP_LINES)
    i = 0
    while i < limit:
        line = texts[i]
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        if LETTERHEAD.match(line):
            furniture.append(i)  # "Ha Noi, May 09, 2016" dates the document, not the page
            i += 1
            continue
        if is_picture[i]:
            i += 1
            continue
        if title is None and _stamped_headline(line):
            title = i  # "Headline (10:15 14/03/2025)"
            i += 1
            continue
        dated_above = bool(bylines) and bylines[-1] == i - 1 and is_byline_line(texts[i - 1])
        if is_dated_or_credit(line) or (title is not None and _name_line(line) and (
            line.endswith(" |") or dated_above or (nxt is not None and is_byline_line(nxt))
        )):
            bylines.append(i)
            i += 1
            continue
        score = furniture_score(line, i)
        if score < 3 and any(texts[j] == line for j in furniture):
            score = 3  # a masthead printed again (above the date line)
        named = masthead_name(line, nxt, i == 0) if title is None and score < 5 else None
        if named is not None:
            score = max(score, 3)
        if score >= 3 and not is_prose(line, nxt):
            furniture.append(i)
            if masthead is None and title is None:
                masthead = named or outlet_in(line)
            i += 1
            continue
        if is_prose(line, nxt) or title is not None or headline_score(line) <= 0:
            break
        title = i
        i += 1
    return Top(title, tuple(bylines), tuple(furniture), i, masthead)


_STAMPED = re.compile(r"^(?P<head>.+?)\s*\((?P<stamp>[^()]{8,40})\)$")


def _stamped_headline(line: str) -> bool:
    """A headline with the page's date and time in brackets after it."""
    m = _STAMPED.match(line)
    return m is not None and headline_score(m["head"]) > 0 and len(m["head"].split()) >= 4 and (
        find_datetime(m["stamp"]) is not None
    )


def masthead_name(line: str, next_line: str | None, first: bool) -> str | None:
    """The outlet a line above the headline names, or None: a known outlet, or a line of
    masthead shape (see `_masthead_shape`), taken as written."""
    outlet = outlet_in(line)
    if outlet is not None:
        return outlet
    if next_line is not None and _masthead_shape(line, next_line, first):
        return line.strip()
    return None


def _masthead_shape(line: str, next_line: str, first: bool) -> bool:
    """A short name above the headline ("Nhan Dan", "DA NANG Today"): a few capitalised words, no
    digits or sentence punctuation, followed by a much longer line that is not a byline, or by
    a navigation bar. The page's very first line may be a lower-case brand ("bizhub") when a
    navigation bar follows it."""
    words = [w for w in line.split() if w not in _JOINERS]  # "VIETNAM LAW & LEGAL FORUM"
    if not 1 <= len(words) <= 4 or len(line) > 30 or any(c.isdigit() for c in line):
        return False
    if line.endswith((".", "!", "?", ":", ";", ",")) or _nav_words(line):
        return False
    if FURNITURE_LINE.match(line) or is_dated_or_credit(line):
        return False
    under_nav = furniture_score(next_line, 1) >= 3 and outlet_in(next_line) is None
    capitalised = all(w[:1].isupper() for w in words)
    if not capitalised and not (first and len(words) == 1 and under_nav):
        return False
    if under_nav:
        return first or len(words) <= 3
    return len(words) <= 3 and len(line) <= 24 and (
        len(next_line.split()) >= 5 and not is_byline_line(next_line)
    )
