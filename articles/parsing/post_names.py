"""The one rule for "a phrase that names a post and a name", shared by every place that reads
posts: the people finder (posts before and after a name), bylines (an author's posts), plural-post
lists, given-name forms ("Deputy PM Quang") and title-only mentions (a post written next to a
name belongs to that name).

A post is written before a name ("Provincial Party Secretary Thai Thanh Quy", "Politburo member,
Prime Minister Pham Minh Chinh", "Politburo member and Deputy PM Tran Luu Quang") or after it,
after a comma or a dash ("X, Chairman of ...", "X - Secretary of ...", "X—member of ...—"),
several joined by commas, "and" or "cum". An honorific (Mr, Ms, comrade) is never part of a post;
the head word of an organisation's name ("Office of the President", "Department of Localities
I") does not make it a post."""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from articles.folding import fold
from articles.parsing.credits import name_like
from articles.parsing.lexicon import ORG_WORDS, ROLE_HEADS, is_family_name
from articles.parsing.roles import post_end, split_rank, starts_post
from articles.parsing.scan import WORD

DASH_AFTER = re.compile(r"\s*[-–—]\s+|(?<=[^\W\d_])—(?=[^\W\d_])")
"""A dash after a name, before its post ("X - Secretary", "X—member of ...")."""
COMMA_AFTER = re.compile(
    r",\s+(?:(?:an?|the)\s+(?=[a-z])|the\s+(?=[A-Z]))?(?:new\s+|newly[- ]elected\s+)?"
)
"""A comma after a name, and the article before a post (", a member of ...", ", the Chairman of
...")."""
POST_JOIN = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+cum\s+|—(?=[^\W\d_])")
"""What joins two posts written one after the other."""
RANK_ABBREVIATION = (
    r"(?:(?:Sr|Snr|Lt|Maj|Brig|Rear|Vice|Col|Gen)\.\s+)*(?:Gen|Col|Adm|Capt|Maj|Lt)\."
)
"""A military rank written short ("Sr. Lt. Gen.", "Maj. Gen.", "Col."): like an honorific, it
cues the name after it and is never part of a post."""
HONORIFIC_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?P<h>[Cc]omrades?|COMRADE|Mr|Mrs|Ms|Miss|Madam|Madame|Dr|Prof|Professor|"
    rf"Uncle|Sir|Mister|Ông|Bà|ông|bà|{RANK_ABBREVIATION})\.?\s+$"
)
"""An honorific or a rank written short right before a name (the text before the name ends
with it)."""
_ORGANISATION_OPENERS = frozenset({"office", "department", "ministry", "commission", "board"})
"""Words that open an organisation's name whose head word follows "of (the)" ("Office of the
President"): a head word after them names the organisation, not a post."""


_ARTICLES = frozenset({"The", "the", "A", "An", "a", "an"})
"""A post found from an article ("The Secretary of ...") starts after it."""


def posts_after(text: str, pos: int, limit: int) -> list[tuple[int, int]]:
    """The posts written one after another from `pos` ("Member of X, Chief of Y"), as spans."""
    posts: list[tuple[int, int]] = []
    while pos < limit:
        words = WORD.findall(text, pos, min(limit, pos + 120))
        if not starts_post(words):
            break
        full_end = post_end(text, pos, limit)
        end = cut_trailing_name(text, pos, full_end)
        if end <= pos or end != full_end:
            # "X, Chairman of ... Le Hong Vinh": the post belongs to the next name.
            break
        posts.append((pos, end))
        joint = POST_JOIN.match(text, end, limit)
        if joint is None:
            break
        pos = joint.end()
    return posts


def posts_after_name(text: str, end: int, limit: int) -> list[str]:
    """The posts after a name that ends at `end`: after a dash, else after a comma."""
    dash = DASH_AFTER.match(text, end, limit)
    if dash:
        found = posts_after(text, dash.end(), limit)
        if found:
            return [text[s:e] for s, e in found]
    comma = COMMA_AFTER.match(text, end, limit)
    if comma:
        return [text[s:e] for s, e in posts_after(text, comma.end(), limit)]
    return []


def cut_trailing_name(text: str, start: int, end: int) -> int:
    """Shorten a post that ran on into a following person's name."""
    words = text[start:end].split(" ")
    for i in range(1, len(words) - 1):
        rest = words[i:]
        if is_family_name(rest[0]) and 2 <= len(rest) <= 4 and name_like(rest):
            prev = fold(words[i - 1])
            if prev in ORG_WORDS or prev in ROLE_HEADS:
                return start + len(" ".join(words[:i]))
    return end


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in " ,":
        end -= 1
    return end


def _skip_honorific(text: str, name_start: int, floor: int) -> int:
    """Where the text before a name ends once an honorific right before it is left out."""
    m = HONORIFIC_BEFORE.search(text, max(floor, name_start - 14), name_start)
    return m.start() if m is not None else name_start


def posts_before(
    text: str, name_start: int, floor: int, known: Container[str] = (),
    held: Callable[[str], bool] = lambda post: False,
) -> list[str]:
    """The posts written right before a name, nearest last: "Provincial Party Secretary Thai
    Thanh Quy", "Politburo member, Prime Minister Pham Minh Chinh", "Chairman of the Provincial
    People's Committee, Nguyen Duc Trung", "Politburo member and Deputy PM Tran Luu Quang",
    "Chairwoman Ms. Le Thi Hoa". A post that `held` says someone else holds, a comma between
    it and the name, is that holder's title-only mention ("Reporting to the Deputy Prime
    Minister, Mr. Huynh Van Luc said")."""
    posts: list[str] = []
    end = _skip_honorific(text, name_start, floor)
    while True:
        post_start = post_ending_at(text, end, floor, known)
        if not posts and post_start is not None and "," in text[post_start:name_start] and held(
            text[post_start : _trim_end(text, end)]
        ):
            break
        if post_start is None or (posts and name_ends_at(text, post_start, floor, known)):
            # "Ha Quang Tuan, Commander of X, Major General Le Minh Phuc": the post after a
            # name belongs to that name, not to the next one.
            break
        cut = post_start
        while cut > floor and text[cut - 1] == " ":
            cut -= 1
        posts[0:0] = split_rank(text[post_start : _trim_end(text, end)])
        if cut > floor and text[cut - 1] == ",":
            end = cut - 1
        elif text.endswith(" and", floor, cut) and cut - 4 > floor:
            end = cut - 4  # "Politburo member and Deputy PM X": two posts
        else:
            break
    return posts


def post_ending_at(
    text: str, name_start: int, floor: int, known: Container[str] = ()
) -> int | None:
    """Where a post ending right before `name_start` (with a space or ", " between) starts."""
    end = _trim_end(text, name_start)
    if end <= floor or text[end:name_start] not in (" ", ", ", ""):
        return None
    window_start = max(floor, end - 160)
    words = list(WORD.finditer(text, window_start, end))
    strings = [w.group() for w in words]
    for i, m in enumerate(words):
        if i == 0 and m.start() == window_start and window_start > floor:
            continue
        if strings[i] in _ARTICLES or not starts_post(strings[i : i + 6]):
            continue
        if post_end(text, m.start(), end) == end:
            phrase = text[m.start() : end]
            if phrase.split()[-1].lower() in ("the", "of", "and") or holds_name(phrase, known):
                continue
            if _in_organisation_name(words, i):
                return None
            return m.start()
    return None


def _in_organisation_name(words: list[re.Match[str]], i: int) -> bool:
    """Whether the post found at `words[i]` is the end of an organisation's name ("the Office
    of the President", "Department of Localities I")."""
    before = [fold(w.group()) for w in words[max(0, i - 3) : i]]
    if before[-1:] == ["the"]:
        before = before[:-1]
    return len(before) >= 2 and before[-1] == "of" and before[-2] in _ORGANISATION_OPENERS


def name_ends_at(text: str, pos: int, floor: int, known: Container[str] = ()) -> bool:
    """Whether a person's name ends right before `pos`, a comma and spaces between: two to four
    name words, a family name or a known name ("Ha Quang Tuan, " before a post)."""
    end = _trim_end(text, pos)
    if end == pos or "," not in text[end:pos]:
        return False
    words = text[max(floor, end - 60) : end].split(" ")
    return _ends_with_name(words, known)


def _ends_with_name(words: list[str], known: Container[str]) -> bool:
    for size in (4, 3, 2):
        run = words[-size:]
        if len(run) == size and name_like(run) and (
            is_family_name(run[0]) or fold(" ".join(run)) in known
        ):
            return True
    return False


def holds_name(phrase: str, known: Container[str] = ()) -> bool:
    """Whether a would-be post holds a person's name after a head or organisation word
    ("General Secretary To Lam", "President Ho Chi Minh and President"), or ends with one
    ("Minister of Construction Tran Van Hau", a post and its holder in a list)."""
    words = phrase.split(" ")
    if len(words) >= 3 and words[-3][:1].isupper() and _ends_with_name(words[1:], known):
        return True
    for i, word in enumerate(words[:-1]):
        f = fold(word)
        if f not in ROLE_HEADS and f not in ORG_WORDS:
            continue
        run: list[str] = []
        for w in words[i + 1 :]:
            if not w[:1].isupper() or fold(w) in ROLE_HEADS or fold(w) in ORG_WORDS:
                break
            run.append(w)
        if 2 <= len(run) <= 4 and name_like(run) and (
            is_family_name(run[0]) or fold(" ".join(run)) in known
        ):
            return True
    return False
