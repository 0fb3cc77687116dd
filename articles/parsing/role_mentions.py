"""Title-only mentions of people: "the Standing Deputy Secretary of the Provincial Party
Committee requested ..." is a mention of the one person the article gives that post."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from articles.folding import fold
from articles.model import Block
from articles.parsing.credits import name_like
from articles.parsing.lexicon import RANK_WORDS, ROLE_HEADS, ROLE_MODIFIERS
from articles.parsing.name_forms import Draft
from articles.parsing.post_names import post_ending_at, posts_after_name
from articles.parsing.roles import SPECIAL_ROLES, equivalent, post_end, signature, starts_post
from articles.parsing.scan import CAP_WORD, WORD

_CAP_RUN = re.compile(rf"(?<![^\W_])(?:{CAP_WORD})(?: (?:{CAP_WORD}))*(?![^\W_])")


def find_role_mentions(text: str, regions: Sequence[Block], drafts: dict[str, Draft]) -> None:
    """Title-only references ("the Standing Deputy Secretary of the Provincial Party
    Committee requested") to the one person who holds that post."""
    holders: list[tuple[str, str]] = []
    for key, draft in drafts.items():
        for role in draft.roles:
            if role not in SPECIAL_ROLES:
                holders.append((key, role))
    if not holders:
        return
    taken = sorted(span for d in drafts.values() for span in d.mentions)
    starts = [s for s, _ in taken]
    the = re.compile(r"(?<![^\W_])[Tt]he\s+")
    for region in regions:
        for m in the.finditer(text, region.start, region.end):
            pos = m.end()
            words = WORD.findall(text, pos, min(region.end, pos + 120))
            if not starts_post(words):
                continue
            end = post_end(text, pos, region.end)
            phrase = text[pos:end]
            one_word = len(signature(phrase)) < 2
            holder = _bare_post_holder(phrase, holders)
            if one_word and holder is None:
                continue
            if _next_to_a_name(text, pos, end, region.end, taken, starts):
                continue
            matches = {holder} if one_word and holder is not None else {
                key for key, role in holders if len(signature(role)) >= 2
                if equivalent(role, phrase)}
            if not matches and holder is not None:
                matches = {holder}  # "the Deputy Minister": the one Deputy Minister of X
            if len(matches) != 1:
                continue
            (key,) = matches
            if _nearest_name_mismatch(text, end):
                continue
            drafts[key].mentions.setdefault((pos, end), "role")


def _next_to_a_name(
    text: str, pos: int, end: int, limit: int, taken: Sequence[tuple[int, int]],
    starts: Sequence[int],
) -> bool:
    """Whether the post at `text[pos:end]` is written next to a name, by the shared rule for a
    post and a name (`post_names`): right before it ("the Chairman, Nguyen Van A") or after it
    ("Nguyen Van A, the Chairman of ..."). Such a post belongs to that name's mention."""
    # The first name after the post's first word (a post that ran on into the name it is
    # written before: "The Chargé d'Affaires Luu Quang Tien"), and the first after its end.
    for i in {bisect.bisect_right(starts, pos), bisect.bisect_left(starts, end)}:
        if i < len(taken):
            before = post_ending_at(text, taken[i][0], pos)
            if before is not None and before <= pos + 1:
                return True
    j = bisect.bisect_right(starts, pos) - 1
    if j >= 0 and 0 <= pos - taken[j][1] <= 8:
        return any(text.find(post, taken[j][1], limit) == pos
                   for post in posts_after_name(text, taken[j][1], limit))
    return False


def _bare_post_holder(phrase: str, holders: Sequence[tuple[str, str]]) -> str | None:
    """"The Governor", "the chairman", "the Deputy Minister": a bare post (a head word and the
    ranks before it, no organisation; capitalised or not) is a title-only mention of the one
    person who holds a post with those words and the same ranks ("Chairman of the Vinh Long
    People's Committee", not "Vice Chairman ..."; "Deputy Minister of Home Affairs"), when no
    one else holds a post with those words."""
    words = signature(phrase)
    if not words & (ROLE_HEADS - RANK_WORDS) or not words <= ROLE_HEADS | ROLE_MODIFIERS:
        return None
    if len(words) == 1 and words & RANK_WORDS:
        return None
    ranks = words & RANK_WORDS
    if _WOMAN in fold(phrase).split():
        # "the chairwoman": the one woman among the chairmen, if her post is worded so.
        holders = [(key, role) for key, role in holders if _WOMAN in fold(role).split()]
    having = {key for key, role in holders if words <= signature(role)}
    plain = {key for key, role in holders
             if words <= signature(role) and signature(role) & RANK_WORDS == ranks}
    return next(iter(plain)) if len(having) == 1 and having == plain else None


_WOMAN = "chairwoman"
"""The one head word that says the holder is a woman; its signature is the chairman's."""


def _nearest_name_mismatch(text: str, end: int) -> bool:
    """A role phrase directly followed by a capitalised name not in the index names someone
    else ("the Chairman X"), so it is not a title-only reference."""
    following = _CAP_RUN.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is None:
        return False
    words = following.group().split(" ")
    return 2 <= len(words) <= 4 and name_like(words)

