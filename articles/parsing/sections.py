"""Grouping body blocks into sections: the lead section, then one per heading."""

from __future__ import annotations

from collections.abc import Sequence

from articles.model import BODY_KINDS, Block, Section


def build_sections(text: str, blocks: Sequence[Block]) -> tuple[Section, ...]:
    """Sections over the body blocks (title, byline and footer belong to none)."""
    sections: list[Section] = []
    heading: Block | None = None
    members: list[Block] = []
    for block in blocks:
        if block.kind not in BODY_KINDS:
            continue
        if block.kind == "heading":
            if heading is not None or members:
                sections.append(_section(text, heading, members))
            heading, members = block, []
        else:
            members.append(block)
    if heading is not None or members:
        sections.append(_section(text, heading, members))
    return tuple(sections)


def _section(text: str, heading: Block | None, members: list[Block]) -> Section:
    title = " ".join(text[heading.start : heading.end].lstrip("#").split()) if heading else "Lead"
    return Section(heading=heading, blocks=tuple(members), title=title)
