"""Article metadata from its blocks: title, byline authors (with their posts), publication time,
source outlet, and the photographers named in captions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from articles.blocks import SOURCE_PREFIX, credit_of
from articles.credits import Credit, name_like, split_credit
from articles.dates import find_datetime
from articles.model import Block
from articles.roles import post_end, starts_post
from articles.scan import WORD

_BYLINE_NOISE = re.compile(
    r"^\s*(?:By|Posted|Published|Updated?|Cập nhật|Author|Authors|Written by)\b\s*:?\s*",
    re.IGNORECASE,
)
_AUTHOR_SEPARATOR = re.compile(r"\s+[-–—|•/]\s+|\s*[|•]\s*|\s*,\s+(?=[A-Z])|\s+and\s+|\s*&\s*")
_WEEKDAY = re.compile(
    r",?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,?\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Byline:
    """What the byline says: the authors (as credits with offsets) and when it was published."""

    authors: tuple[Credit, ...]
    published: datetime | None


def parse_byline(text: str, block: Block) -> Byline:
    """Authors and date from a byline such as "Lam Tung - Ngoc Quy - January 13, 2024 11:43" or
    "Hoang Nghia Hieu - Standing Deputy Secretary of ..., Chairman of ... December 12, 2025"."""
    line = text[block.start : block.end]
    found = find_datetime(line)
    published = found[1] if found else None
    head_end = found[0].start() if found else len(line)
    head = _WEEKDAY.sub("", line[:head_end])
    noise = _BYLINE_NOISE.match(head)
    pos = noise.end() if noise else 0
    authors: list[Credit] = []
    while pos < len(head):
        sep = _AUTHOR_SEPARATOR.search(head, pos)
        part_end = sep.start() if sep else len(head)
        part = head[pos:part_end].strip(" -–—|,:")
        if part:
            offset = block.start + pos + head[pos:part_end].index(part)
            words = WORD.findall(part)
            if starts_post(words) and authors:
                # Posts of the author before: "Name - Secretary of ..., Chairman of ...".
                posts, consumed = _posts(text, offset, block.start + head_end)
                last = authors[-1]
                authors[-1] = Credit(last.start, last.end, (*last.roles, *posts))
                pos = max(consumed - block.start, part_end)
                sep = _AUTHOR_SEPARATOR.search(head, pos)
                if sep is None:
                    break
                pos = sep.end()
                continue
            if name_like(part.split()):
                authors.append(Credit(offset, offset + len(part), ("author",)))
        if sep is None:
            break
        pos = sep.end()
    return Byline(tuple(authors), published)


def _posts(text: str, pos: int, limit: int) -> tuple[list[str], int]:
    posts: list[str] = []
    end = pos
    while pos < limit:
        words = WORD.findall(text, pos, limit)
        if not starts_post(words):
            break
        end = post_end(text, pos, limit)
        if end <= pos:
            break
        posts.append(text[pos:end])
        m = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+").match(text, end, limit)
        if m is None:
            break
        pos = m.end()
    return posts, end


def source_of(text: str, lead: Block | None) -> str | None:
    """The outlet named before the lead ("(Baonghean.vn) - " gives "Baonghean.vn")."""
    if lead is None:
        return None
    m = SOURCE_PREFIX.match(text, lead.start, lead.end)
    if m is None:
        return None
    return (m.group("paren") or m.group("bare")).strip()


def photo_credits(text: str, blocks: Sequence[Block]) -> list[Credit]:
    """Every photographer named in a caption ("Photo: Thanh Duy", "Ảnh: Thành Duy")."""
    credits: list[Credit] = []
    for block in blocks:
        if block.kind != "caption":
            continue
        pos = block.start
        for line in text[block.start : block.end].split("\n"):
            m = credit_of(line)
            if m is not None:
                body = line.strip().strip("|").strip()
                body_start = pos + line.index(body)
                credit_start = body_start + m.start("credit")
                for offset, name in split_credit(m.group("credit")):
                    start = credit_start + offset
                    credits.append(Credit(start, start + len(name), ("photographer",)))
            pos += len(line) + 1
    return credits
