"""Shorter forms of one person's name: "Secretary Xuan Anh" is the Nguyen Xuan Anh the article
names in full, as "Mr. Anh" already is; "Deputy PM Quang" is the one Tran Luu Quang whose post
that is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from articles.folding import fold
from articles.parsing.lexicon import is_family_name
from articles.parsing.post_names import post_ending_at
from articles.parsing.roles import SPECIAL_ROLES, equivalent


class Draft(Protocol):
    """A person being assembled (see `articles.parsing.people`)."""

    name: str
    roles: list[str]
    mentions: dict[tuple[int, int], str]

    def add_role(self, role: str) -> None: ...


def _same_post(short: Draft, target: Draft) -> bool:
    return bool(short.roles) and all(
        any(equivalent(role, known) for known in target.roles) for role in short.roles
    )


def merge_given_name_forms(drafts: dict[str, Draft]) -> None:
    """Fold each draft whose name is the given names of exactly one fuller name ("Xuan Anh" of
    "Nguyen Xuan Anh") into that person; credits (bylines, photographers) keep their own. A
    short name that opens with a family name ("Van Quyet") is folded only when its posts are
    the fuller name's ("Secretary Van Quyet" of the Secretary Nguyen Van Quyet)."""
    for key in list(drafts):
        words = key.split()
        if len(words) != 2:
            continue
        short = drafts[key]
        if any(role in SPECIAL_ROLES for role in short.roles):
            continue
        fuller = [k for k in drafts if k != key and len(k.split()) >= 3 and k.endswith(" " + key)]
        if len(fuller) != 1 or not is_family_name(fuller[0].split()[0]):
            continue
        target = drafts[fuller[0]]
        if is_family_name(words[0]) and not _same_post(short, target):
            continue
        for span, kind in short.mentions.items():
            target.mentions.setdefault(span, kind)
        for role in short.roles:
            target.add_role(role)
        del drafts[key]


def find_post_given_forms(
    text: str, runs: Sequence[tuple[int, list[str]]], drafts: dict[str, Draft]
) -> None:
    """One given name right after a post ("Deputy PM Quang"): a mention of the one person
    whose full name ends with it and who holds that post."""
    by_given: dict[str, list[str]] = {}
    for key in drafts:
        parts = key.split()
        if len(parts) >= 2:
            by_given.setdefault(parts[-1], []).append(key)
    for run_start, words in runs:
        if len(words) < 2:
            continue
        keys = by_given.get(fold(words[-1]), [])
        if len(keys) != 1:
            continue
        start = run_start + sum(len(w) + 1 for w in words[:-1])
        end = start + len(words[-1])
        draft = drafts[keys[0]]
        if any(s < end and start < e for s, e in draft.mentions):
            continue
        post_start = post_ending_at(text, start, run_start)
        if post_start is None:
            continue
        post = text[post_start:start].strip()
        if any(equivalent(post, role) for role in draft.roles):
            draft.mentions[(start, end)] = "name"
