"""Telling apart people of the same name across a library: two officials called Nguyen Van Thong,
one in Nghe An and one in Ha Tinh, are two people. The parts of one folded name (each article's
entry for it) are kept apart when the posts they give name different provinces;
a part whose posts name no place joins the one group there is, or stays apart when there are
several (nothing tells which it belongs to)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from articles.folding import fold

PROVINCES: frozenset[str] = frozenset(" ".join(p.split()) for p in (
    """
    nghe an|ha tinh|thanh hoa|quang binh|quang tri|thua thien hue|hue|ha noi|hanoi|
    ho chi minh city|da nang|hai phong|can tho|ninh binh|nam dinh|thai binh|bac ninh|quang ninh|
    lang son|lao cai|son la|dien bien|lai chau|ha giang|cao bang|bac kan|thai nguyen|
    tuyen quang|yen bai|phu tho|vinh phuc|hung yen|hai duong|ha nam|quang nam|quang ngai|
    binh dinh|phu yen|khanh hoa|ninh thuan|binh thuan|kon tum|gia lai|dak lak|dak nong|
    lam dong|binh phuoc|tay ninh|binh duong|dong nai|ba ria vung tau|long an|tien giang|ben tre|
    tra vinh|vinh long|dong thap|an giang|kien giang|hau giang|soc trang|bac lieu|ca mau|
    hoa binh|bac giang
    """.split("|")
))
"""Vietnam's provinces and centrally run cities (folded): the places that tell two officials of
one name apart (a district or city inside a province does not: no map says which)."""
_SAME = {"ha noi": "hanoi", "thua thien hue": "hue"}
_PLACE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True)) + r")\b"
)

T = TypeVar("T")


@lru_cache(maxsize=65536)
def places_in(role: str) -> frozenset[str]:
    """The provinces a post names ("Secretary of the Nghe An Provincial Party Committee" →
    {"nghe an"}), folded."""
    folded = re.sub(r"\s*[-–]\s*", " ", fold(role))
    return frozenset(_SAME.get(m.group(), m.group()) for m in _PLACE.finditer(folded))


def split_by_place(key: str, parts: Sequence[tuple[T, Sequence[str]]]) -> list[tuple[str, list[T]]]:
    """The groups of one name's parts (each with the posts it gives), each with its key: `key`
    itself when there is one group, else `key#<place>` ("nguyen van thong#nghe an")."""
    groups: list[tuple[set[str], list[T]]] = []
    unplaced: list[T] = []
    for item, roles in parts:
        places: set[str] = set().union(*(places_in(r) for r in roles)) if roles else set()
        if not places:
            unplaced.append(item)
            continue
        home = next((g for g in groups if g[0] & places), None)
        if home is None:
            groups.append((set(places), [item]))
        else:
            home[0].update(places)
            home[1].append(item)
    if len(groups) <= 1:
        items = [item for item, _ in parts]
        return [(key, items)]
    out = [(f"{key}#{sorted(places)[0]}", items) for places, items in groups]
    if unplaced:
        out.append((key, unplaced))
    return out
