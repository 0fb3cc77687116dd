"""Posts ("Standing Deputy Secretary of the Provincial Party Committee"): finding their extent in
text, telling two wordings of one post apart from two posts."""

from __future__ import annotations

import re
from functools import lru_cache

from articles.folding import fold
from articles.parsing.lexicon import (
    HONORIFICS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACES,
    RANK_WORDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    is_family_name,
)
from articles.parsing.scan import UPPER

_TOKEN = re.compile(r"\d{4}[–-]\d{4}|[^\W_]+(?:['’-][^\W_]+)*|&")
"""A word of a post; a span of years ("the 2020–2025 term") is one word."""
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "to"})
_LOWER_OK = frozenset(
    {
        "province", "city", "district", "commune", "town", "ward", "term", "cell", "branch",
        "committee", "council", "office", "department", "unit", "hamlet", "village", "bloc",
        "association", "union", "sector", "level", "people's", "party", "municipal",
        "provincial", "city's", "province's", "military", "region",
    }
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$|^[XVI]+$|^\d{4}[–-]\d{4}$")
_SIGNATURE_DROP = frozenset({"of", "the", "and", "&", "for", "in", "at", "on", "to", "s"})
_SIGNATURE_MAP = {
    "department": "committee",
    "commission": "committee",
    "board": "committee",
    "chairwoman": "chairman",
    "chairperson": "chairman",
    "chair": "chairman",
    "vice": "deputy",
    "permanent": "standing",
    "people": "people",
    "peoples": "people",
}
_FILLER = frozenset(
    {"provincial", "province", "party", "committee", "municipal", "city", "people"}
)
_PLACE_WORDS = frozenset(w for place in PLACES for w in place.split()) | frozenset(
    "".join(w[0] for w in place.split()[:n])
    for place in PLACES for n in range(3, len(place.split()) + 1)
)
"""Words of place names, and the initials of places of three words or more ("HCMC", "HCM")."""
_ACRONYM = re.compile(r"(?<![^\W_])[A-Z]{2,6}(?![^\W_])")
"""An organisation written in capitals ("PPC" for the Provincial People's Committee)."""
_POSSESSIVE_ENDINGS = ("'s", "’s")
_POSSESSED_WORDS = 3
"""How many lower-case words may stand between a possessive and the organisation word it owns
("the refinery's operating company")."""
_NEVER_IN_POST = HONORIFICS - {"ong", "ba"}
"""Honorifics ("Mr", "Ms", "comrade"): never a word of a post, always the start of a name."""
_LABELS = frozenset({"tags", "tag", "keywords", "source", "related"})
"""Words that, followed by a colon, open a footer line glued to the text ("... Committee Tags:")."""
_DASHED_PLACES = frozenset(p for p in PLACES if len(p.split()) >= 3)
_ABBREVIATIONS = ((" pm ", " prime minister "), (" na ", " national assembly "))
"""Short forms of posts and bodies, spelt out before two wordings are compared ("Deputy PM")."""


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0] in UPPER or word[0].isdigit())


def starts_post(words: list[str]) -> int:
    """How many of `words` (from the first) make the opening of a post up to and including its
    head word ("Standing Deputy Secretary" → 3, "Politburo member" → 2), or 0 when they do not
    open a post."""
    for i, word in enumerate(words[:6]):
        folded = fold(word)
        if folded in ROLE_HEADS:
            # "Deputy" alone is a head only when no other head follows ("Deputy Secretary").
            if folded in ("deputy", "general", "chief", "major", "lieutenant") and i + 1 < len(
                words
            ):
                nxt = fold(words[i + 1])
                if nxt in ROLE_HEADS:
                    continue
            return i + 1
        if is_family_name(word) and i == 0 and folded not in ROLE_MODIFIERS:
            return 0
        if folded in _NEVER_IN_POST:
            return 0
        if folded not in ROLE_MODIFIERS and not _is_capitalised(word):
            return 0
    return 0


def post_end(text: str, pos: int, limit: int) -> int:
    """The end of the post phrase whose first word starts at `pos`: capitalised words joined by
    "of", "the", "and" ... and lower-case place nouns; punctuation other than an apostrophe
    or a hyphen inside a word ends it. Trailing connectors are not part of the post. A
    possessive inside an organisation's name is part of it ("director of the refinery's
    operating company"); a possessive after "and the" that owns a common noun starts another
    phrase ("the Chairman of X and the Chamber's representatives")."""
    end = pos
    last_good = pos
    cursor = pos
    owned: int | None = None  # lower-case words since a lower-case possessive
    after_connector = False
    guard: tuple[int, int] | None = None  # a possessive after a connector, and the end before it
    for m in _TOKEN.finditer(text, pos, limit):
        gap = text[cursor : m.start()]
        if cursor != pos and gap != " " and not (
            gap in (" - ", " – ") and _dashed_place(text, cursor, m.start(), limit)
        ):
            break
        word = m.group()
        folded = word.lower()
        if fold(word) in _NEVER_IN_POST or (
            folded in _LABELS and text[m.end() : m.end() + 1] == ":"
        ):
            break
        if end == pos:
            # The first word is the one the caller found the post by ("member", "Chairman").
            last_good = m.end()
        elif _is_capitalised(word) or _ORDINAL.match(word):
            if after_connector and folded.endswith(_POSSESSIVE_ENDINGS):
                guard = (m.end(), last_good)
            last_good = m.end()
            owned = None
        elif folded in ("and", "&") and starts_post(_words_from(text, m.end(), limit)):
            break  # "Secretary of X and Governor of Y": two posts, not one
        elif folded in _CONNECTORS or (folded == "under" and _UNDER_BODY.match(text, m.end())):
            pass  # "Director of the Department of X under the Ministry of Home Affairs"
        elif (folded in _LOWER_OK or folded in ROLE_HEADS) and end > pos:
            last_good = m.end()
        elif folded in ROLE_MODIFIERS and starts_post(_words_from(text, m.start(), limit)):
            pass  # "the deputy prime minister": kept once its head word follows
        elif owned is not None and folded in ORG_WORDS:
            last_good = m.end()
            owned = None
        elif owned is not None and owned < _POSSESSED_WORDS and word.islower():
            owned += 1
        elif owned is None and word.islower() and folded.endswith(_POSSESSIVE_ENDINGS):
            owned = 0
        else:
            if guard is not None and guard[0] == last_good and word.islower():
                return guard[1]
            break
        after_connector = folded in _CONNECTORS
        end = m.end()
        cursor = m.end()
    return last_good


_UNDER_BODY = re.compile(
    r" the (?:Ministry|Government|Prime Minister|Party Central Committee|Politburo|"
    r"(?:Provincial|City|Municipal|District) (?:People's|Party) Committee)(?![^\W_])"
)
"""The body a department is under ("under the Ministry of ..."): part of the post's name."""


def _words_from(text: str, pos: int, limit: int) -> list[str]:
    """The first few words from `pos` (enough for `starts_post`)."""
    return _WORD.findall(text, pos, min(limit, pos + 120))[:6]


def _dashed_place(text: str, left_end: int, right_start: int, limit: int) -> bool:
    """Whether the dash between `left_end` and `right_start` is inside a place's name ("Ba Ria
    - Vung Tau"): up to two words on each side make a place."""
    left = _WORD.findall(text, max(0, left_end - 30), left_end)[-2:]
    right = _WORD.findall(text, right_start, min(limit, right_start + 30))[:2]
    return any(
        fold(" ".join([*left[-n_left:], *right[:n_right]])) in _DASHED_PLACES
        for n_left in (1, 2) for n_right in (1, 2)
    )


SPECIAL_ROLES = frozenset({"author", "photographer", "translator"})
"""Roles the byline, credit lines and photo credits give, kept in lower case as the data model
names them."""


def clean_role(role: str) -> str:
    """A post as shown: single spaces, first letter capitalised, no trailing punctuation."""
    role = " ".join(role.split()).strip(" ,;:-–")
    if role in SPECIAL_ROLES:
        return role
    return role[:1].upper() + role[1:]


def signature(role: str) -> frozenset[str]:
    """The words that identify a post, whatever the wording ("Committee's X Department" and
    "X Committee" compare equal)."""
    folded = f" {fold(role)} ".replace("'s", " ").replace("’s", " ")
    for short, full in _ABBREVIATIONS:
        folded = folded.replace(short, full)
    words = re.findall(r"[a-z0-9]+", folded)
    return frozenset(_SIGNATURE_MAP.get(w, w) for w in words if w not in _SIGNATURE_DROP)


def spell_out(role: str, other: str) -> str:
    """`role` with each capitalised abbreviation replaced by the words of `other` whose
    initials it spells ("PPC" by "Provincial People's Committee"); the rest as it is."""
    if _ACRONYM.search(role) is None:
        return role
    words = [w for w in _WORD.findall(other) if w.lower() not in _CONNECTORS]
    initials = "".join(w[0].upper() for w in words)
    for short in set(_ACRONYM.findall(role)):
        at = initials.find(short)
        if at >= 0 and short not in words:
            spelt = " ".join(words[at : at + len(short)])
            role = re.sub(rf"(?<![^\W_]){short}(?![^\W_])", spelt, role)
    return role


def equivalent(a: str, b: str) -> bool:
    """Whether two wordings name one post: equal signatures, or one adds only filler words
    ("Chief of the Provincial Party Office" / "... Party Committee Office"), never a rank. An
    organisation written in capitals in one wording is the one whose initials it spells in the
    other ("Chairman of the PPC" / "Chairman of the Provincial People's Committee")."""
    sa, sb = signature(spell_out(a, b)), signature(spell_out(b, a))
    if sa == sb:
        return True
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if not small < big:
        return False
    extra = big - small
    if extra & RANK_WORDS:
        return False
    heads = small & (ROLE_HEADS | {"deputy", "standing"})
    return extra <= _FILLER | _PLACE_WORDS | place_names(a) | place_names(b) and len(heads) > 0


_LEVEL = r"(?:ward|commune|district|province|provincial|city|town|township|village|municipal)"
_NAMED_PLACE = re.compile(
    rf"(?<![^\W_])((?:[{UPPER}][^\W\d_]*\s+){{1,3}})(?i:{_LEVEL})(?![^\W_])"
)
_LEVEL_WORDS = frozenset(_LEVEL[3:-1].split("|"))


@lru_cache(maxsize=4096)
def place_names(role: str) -> frozenset[str]:
    """The folded words of the places a post names before a level noun ("Hoan Kiem" in
    "Secretary of the Hoan Kiem ward Party Committee"): a place written there or left out is
    the same post ("the secretary of the ward Party committee")."""
    found: set[str] = set()
    for m in _NAMED_PLACE.finditer(role):
        found.update(fold(w) for w in m.group(1).split())
    return frozenset(found - ROLE_HEADS - RANK_WORDS - ROLE_MODIFIERS - _LEVEL_WORDS
                     - set(ORG_WORDS))


def bare_head_of(bare: str, full: str) -> bool:
    """Whether `bare` is only the head word of the post `full` and its ranks, with no
    organisation ("Chairman" of "Chairman of the Board of Directors of X", "General Director"
    of "General Director of Vietnam Television"): the same post written short, when both have
    the same ranks."""
    word, whole = signature(bare), signature(full)
    if not word & (ROLE_HEADS - RANK_WORDS) or not word <= ROLE_HEADS | ROLE_MODIFIERS:
        return False
    return word < whole and whole & RANK_WORDS == word & RANK_WORDS


def is_place_phrase(words: list[str]) -> bool:
    """Whether the word after a capitalised run makes it a place ("Le Loi street")."""
    return bool(words) and fold(words[0]) in PLACE_NOUNS


_RANK_PARTS = frozenset({"senior", "major", "lieutenant", "colonel", "rear", "vice"})
_RANK_AFTER_POST = re.compile(
    r"^(?P<post>.+\S)\s+(?P<rank>(?:Senior\s+|Major\s+|Lieutenant\s+|Colonel\s+|Rear\s+|Vice\s+)?"
    r"(?:General|Admiral)|(?:Senior\s+|Lieutenant\s+)?Colonel)$"
)


def split_rank(post: str) -> list[str]:
    """A post and the military rank written after it, before the name: "Minister of National
    Defence General" is the post "Minister of National Defence" and the rank "General"."""
    m = _RANK_AFTER_POST.match(post)
    if m is None or fold(m.group("post").split()[-1]) in _RANK_PARTS or not starts_post(
        m.group("post").split()
    ):
        return [post]
    return [m.group("post"), m.group("rank")]
