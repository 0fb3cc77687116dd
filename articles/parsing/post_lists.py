"""Lists of people under one plural post: "members of the Provincial Party Standing Committee:
A - Head of ...; B - Head of ..." gives each of A and B the post "Member of the ..."."""

from __future__ import annotations

import re

from articles.folding import fold
from articles.parsing.lexicon import ROLE_PLURALS
from articles.parsing.roles import clean_role, post_end

_plural_words = "|".join(sorted(ROLE_PLURALS, key=len, reverse=True))
LIST_HEADER = re.compile(
    rf"\b(?P<role>(?:(?:[A-Za-z]+) ){{0,2}}(?:{_plural_words}))\s+of\s+(?P<org>(?:the\s+)?"
    rf"[^:;.\n]{{3,150}}?)\s*:\s*",
    re.IGNORECASE,
)


def list_headers(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Each list in `text[start:end]`: where its members are written, and their post."""
    spans: list[tuple[int, int, str]] = []
    if text.find(":", start, end) < 0:
        return spans
    for m in LIST_HEADER.finditer(text, start, end):
        words = m.group("role").split()
        plural = fold(words[-1])
        if plural not in ROLE_PLURALS:
            continue
        # Only the last few words belong to the post ("were members" → "members").
        lead_words = words[:-1]
        while lead_words and fold(lead_words[0]) not in ("deputy", "vice", "standing"):
            lead_words = lead_words[1:]
        singular = " ".join([*lead_words, ROLE_PLURALS[plural]])
        org = m.group("org")
        org_start = m.start("org") + (4 if org.lower().startswith("the ") else 0)
        if post_end(text, org_start, m.end("org")) != m.end("org"):
            continue
        stop = re.search(r"\.\s+[A-Z]|;\s+and\s+[a-z]", text[m.end() : end])
        list_end = m.end() + stop.start() if stop else end
        spans.append((m.end(), list_end, clean_role(f"{singular} of {org}")))
    return spans
