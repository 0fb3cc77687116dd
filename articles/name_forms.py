"""Shorter forms of one person's name found as people of their own: "Secretary Xuan Anh" is
the Nguyen Xuan Anh the article names in full, as "Mr. Anh" already is."""

from __future__ import annotations

from typing import Protocol

from articles.folding import fold
from articles.lexicon import FAMILY_NAMES
from articles.roles import SPECIAL_ROLES


class Draft(Protocol):
    """A person being assembled (see `articles.people`)."""

    name: str
    roles: list[str]
    mentions: dict[tuple[int, int], str]

    def add_role(self, role: str) -> None: ...


def merge_given_name_forms(drafts: dict[str, Draft]) -> None:
    """Fold each draft whose name is the given names of exactly one fuller name ("Xuan Anh" of
    "Nguyen Xuan Anh") into that person; credits (bylines, photographers) keep their own."""
    for key in list(drafts):
        words = key.split()
        if len(words) != 2 or words[0] in FAMILY_NAMES:
            continue
        short = drafts[key]
        if any(role in SPECIAL_ROLES for role in short.roles):
            continue
        fuller = [k for k in drafts if k != key and len(k.split()) >= 3 and k.endswith(" " + key)]
        if len(fuller) != 1 or fold(fuller[0].split()[0]) not in FAMILY_NAMES:
            continue
        target = drafts[fuller[0]]
        for span, kind in short.mentions.items():
            target.mentions.setdefault(span, kind)
        for role in short.roles:
            target.add_role(role)
        del drafts[key]
