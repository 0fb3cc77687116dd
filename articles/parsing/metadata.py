"""Article metadata from its blocks: title, byline authors (with their posts), publication time,
source outlet, and the photographers named in captions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from articles.folding import fold
from articles.model import Block
from articles.parsing.blocks import GLUED_SOURCE, SOURCE_PREFIX, credit_of
from articles.parsing.credits import Credit, credit_label, name_like, split_credit
from articles.parsing.dates import WEEKDAY_TAIL, find_datetime
from articles.parsing.layout import masthead_name
from articles.parsing.lexicon import PLACES
from articles.parsing.outlets import DATELINE_PLACES, OUTLETS, outlet_in
from articles.parsing.post_names import posts_after
from articles.parsing.roles import starts_post
from articles.parsing.scan import WORD

_BYLINE_NOISE = re.compile(
    r"^\s*(?:By|Posted|Published|Updated?|Cập nhật|Author|Authors|Written by|Reported by|"
    r"(?P<photos>Story and photos?|Text and photos?|Bài và ảnh)|Story|Text|Bài)\b"
    r"\s*(?:by\b)?\s*:?\s*",
    re.IGNORECASE,
)
_TRANSLATED = re.compile(r"\s*[-–—|,;]*\s*\b(?:Translated|Translation) by\b\s*:?\s*", re.IGNORECASE)
_AUTHOR_SEPARATOR = re.compile(r"\s+[-–—|•/]\s+|\s*[|•]\s*|\s*,\s+(?=[A-Z])|\s+and\s+|\s*&\s*")



@dataclass(frozen=True, slots=True)
class Byline:
    """What the byline says: the authors (as credits with offsets) and when it was published."""

    authors: tuple[Credit, ...]
    published: datetime | None


def parse_byline(text: str, block: Block) -> Byline:
    """Authors and date from a byline such as "Lam Tung - Ngoc Quy - January 13, 2024 11:43",
    "Hoang Nghia Hieu - Standing Deputy Secretary of ..., Chairman of ... December 12, 2025",
    or a credit line "By X—Translated by Y", "Story and photos: X"."""
    line = text[block.start : block.end]
    found = find_datetime(line)
    published = found[1] if found else None
    if GLUED_SOURCE.match(line):
        return Byline((), published)  # an outlet printed twice and a date: nobody wrote it
    head_end = found[0].start() if found else len(line)
    head = WEEKDAY_TAIL.sub("", line[:head_end])
    translated = _TRANSLATED.search(head)
    translators: list[Credit] = []
    if translated is not None:
        translators = _names(text, block.start, head, translated.end(), len(head), ("translator",))
        head = head[: translated.start()]
    noise = _BYLINE_NOISE.match(head)
    roles: tuple[str, ...] = ("author",)
    if noise is not None and noise.group("photos"):
        roles = ("author", "photographer")
    pos = noise.end() if noise else 0
    authors = _names(text, block.start, head, pos, block.start + head_end - block.start, roles)
    return Byline(tuple(authors + translators), published)


def _names(
    text: str, base: int, head: str, pos: int, head_end: int, roles: tuple[str, ...]
) -> list[Credit]:
    """The people named in `head[pos:head_end]` (a byline's text before its date), each with
    `roles` and the posts written after the name."""
    authors: list[Credit] = []
    head_end = min(head_end, len(head))
    while pos < head_end:
        sep = _AUTHOR_SEPARATOR.search(head, pos, head_end)
        part_end = sep.start() if sep else head_end
        part = head[pos:part_end].strip(" -–—|,:")
        label = credit_label(part)
        if label is not None:
            if label[0] is None:
                break  # "Source: Department of Information and Communications": nobody
            roles, part = label[0], part[label[1] :]
        if part:
            offset = base + pos + head[pos:part_end].index(part)
            words = WORD.findall(part)
            if starts_post(words) and authors:
                # Posts of the author before: "Name - Secretary of ..., Chairman of ...".
                posts, consumed = _posts(text, offset, base + head_end)
                last = authors[-1]
                authors[-1] = Credit(last.start, last.end, (*last.roles, *posts))
                pos = max(consumed - base, part_end)
                sep = _AUTHOR_SEPARATOR.search(head, pos, head_end)
                if sep is None:
                    break
                pos = sep.end()
                continue
            shown = part.title() if part.isupper() else part
            if name_like(shown.split()) and fold(part) not in OUTLETS:
                authors.append(Credit(offset, offset + len(part), roles))
        if sep is None:
            break
        pos = sep.end()
    return authors


def _posts(text: str, pos: int, limit: int) -> tuple[list[str], int]:
    """An author's posts written after the name in a byline, and where they end (the shared
    rule of `articles.parsing.post_names`)."""
    spans = posts_after(text, pos, limit)
    return [text[s:e] for s, e in spans], (spans[-1][1] if spans else pos)


def source_of(text: str, blocks: Sequence[Block]) -> str | None:
    """The outlet named before the lead ("(Baonghean.vn) - " gives "Baonghean.vn", "Hanoi (VNA)
    – " gives "VNA", "TPO - " gives "TPO"), in one of the first body paragraphs; else the outlet
    an aggregator's glued source line or a masthead names."""
    body = [b for b in blocks if b.kind in ("lead", "paragraph")][:3]
    for block in body:
        m = SOURCE_PREFIX.match(text, block.start, block.end)
        if m is not None:
            return (m.group("paren") or m.group("bare")).strip()
    short = _LEAD_CAPS.match(text, body[0].start, body[0].end) if body else None
    if short is not None and _short_outlet_name(short["name"]):
        return short["name"]
    for block in blocks:
        if block.kind == "byline":
            glued = GLUED_SOURCE.match(text[block.start : block.end])
            if glued is not None:
                return glued.group("source").strip()
    outlet = masthead_of(text, blocks)
    if outlet is not None and short is not None and _shortens(short["name"], outlet):
        return short["name"]  # "PORTAL – ..." under "Binh Duong Provincial Portal"
    return outlet


def masthead_of(text: str, blocks: Sequence[Block]) -> str | None:
    """The outlet named by the site furniture above the body: a masthead line above the
    headline, or a known outlet's line between the headline and the lead."""
    first_body = next((b.start for b in blocks if b.kind in ("lead", "paragraph")), len(text))
    title_start = next((b.start for b in blocks if b.kind == "title"), first_body)
    top = [b for b in blocks if b.end <= first_body]
    for k, block in enumerate(top):
        if block.kind != "footer":
            continue
        line = text[block.start : block.end]
        if block.end <= title_start:
            nxt = text[top[k + 1].start : top[k + 1].end] if k + 1 < len(top) else None
            outlet = masthead_name(line, nxt, k == 0)
        else:
            outlet = outlet_in(line)
        if outlet is not None:
            return outlet
    return None


def _short_outlet_name(name: str) -> bool:
    """One word of two to five capitals that names no place: an outlet's short name opening the
    lead ("TPO - ", "PANO - ", "CTO - "), not a dateline ("HCMC –", "VINH -")."""
    folded = fold(name)
    return _SHORT_NAME.fullmatch(name) is not None and folded not in PLACES and (
        folded not in DATELINE_PLACES
    )


_SHORT_NAME = re.compile(r"[A-Z]{2,5}")


_LEAD_CAPS = re.compile(
    r"\s*(?P<name>[A-ZĐ][A-ZĐ.]{1,15}(?:\s[A-ZĐ][A-ZĐ.]{1,15}){0,2})\s*[-–—]+\s"
)
"""A lead opening with capitals and a dash: a place ("HÀ NỘI —") or the outlet's short name."""


def _shortens(name: str, outlet: str) -> bool:
    """Whether a lead's capitalised opening is the masthead's outlet by a short name: words of
    the outlet's name ("PORTAL" for "Binh Duong Provincial Portal") or its initials ("BDP")."""
    words = fold(name).replace(".", " ").split()
    outlet_words = fold(outlet).split()
    initials = "".join(w[0] for w in outlet_words)
    return all(w in outlet_words for w in words) or "".join(words) == initials


def photo_credits(text: str, blocks: Sequence[Block]) -> list[Credit]:
    """Every photographer named in a caption ("Photo: Thanh Duy", "Ảnh: Thành Duy"); the outlet
    of the page's masthead, printed as a credit, is nobody."""
    credits: list[Credit] = []
    masthead = masthead_of(text, blocks)
    outlet = fold(masthead) if masthead else None
    for block in blocks:
        if block.kind != "caption":
            continue
        pos = block.start
        for line in text[block.start : block.end].split("\n"):
            m = credit_of(line)
            if m is not None and m.group("credit"):
                body = line.strip().strip("|").strip()
                body_start = pos + line.index(body)
                credit_start = body_start + m.start("credit")
                for offset, name in split_credit(m.group("credit")):
                    if fold(name) == outlet:
                        continue  # the masthead's outlet as credit ("Photo: Tien Phong")
                    start = credit_start + offset
                    credits.append(Credit(start, start + len(name), ("photographer",)))
            pos += len(line) + 1
    return credits
