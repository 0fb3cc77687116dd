"""Splitting canonical text into blocks: title, byline, lead, paragraphs, headings, captions,
images and the site footer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.model import Block, BlockKind
from articles.parsing.credits import name_like
from articles.parsing.footer import footer_start
from articles.parsing.layout import BY_CREDIT, TOP_LINES, read_top
from articles.parsing.outlets import AGENCY_PREFIXES, outlet_in

IMAGE_LINE = re.compile(r"^\|?\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+\|?\s*$")
IMAGE_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)")
FILE_NAME = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|bmp)$", re.IGNORECASE)
"""An image's file name on a line of its own ("ho-chi-minh-9907.jpg")."""
FILE_STEM = re.compile(r"^(?=[a-z0-9_-]*\d)[a-z0-9_-]{4,40}(?:\s[a-z0-9_-]+){0,12}$")
"""A picture's file name without its extension, in lower case and perhaps followed by its
words ("1203p14 quang ngai courts high tech investors"): an image line when a caption follows."""
PIPES_ONLY = re.compile(r"^\|[\s|]*$")
PICTURE_ALT = re.compile(r"\s(?:-\s*)?(?:ảnh|hình ảnh|hinh anh|anh)\s+\d{1,2}$", re.IGNORECASE)
"""A picture's alternative text left on a line of its own: the headline with "- ảnh 1" or
"hinh anh 1" after it."""
GLUED_SOURCE = re.compile(r"^(?P<source>\D{3,40}?)(?P=source)(?P<date>\d{1,2}/\d{1,2}/\d{4})$")
"""An aggregator's source line, the outlet printed twice and the date glued on
("Báo Nhân dânBáo Nhân dân10/10/2025")."""
SOURCE_LINE = re.compile(r"^(?:Source|Nguồn|Theo)\s*:\s*\S.{0,60}$")
"""A closing line naming where the article comes from ("Source: VNA")."""
IMAGE_RESIDUE = frozenset({"leftcenterrightdel", "Enlarge", "Zoom", "Phóng to"})
"""Text left by a picture's widgets, on a line of its own."""
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
CREDIT = re.compile(
    r"(?:^|(?<=[\s.(\-–—,;]))\(?(?P<label>(?:Photos?|Ảnh|Anh|PHOTO|ẢNH|Graphics?|Infographic|"
    r"Video|Clip|Illustration|Illustrative photo|Photo courtesy|Photo by|Photo source|Nguồn|"
    r"Source))(?:\s*(?:courtesy of|by)?\s*:\s*|\s+(?:courtesy of|by)\s+)"
    r"(?P<credit>[^:|()\n]{1,80}?)\s*\)?[\s.]*$"
)
AGENCY_PHOTO = re.compile(
    r"(?:^|\s)[—–-]\s*(?:[A-Z]{2,5}/)*[A-Z]{2,5}\s+Photos?\b(?:\s+(?P<credit>[^\n|:]{1,60}?))?[\s.]*$"
)
"""Vietnam News's credit closing a caption: "— VNA/VNS Photo", "— VNS Photo Duong Giang"."""
EMPTY_PHOTO = re.compile(r"\S\s+\(?(?:Photos?|PHOTOS?|Ảnh|ẢNH)\s*:(?P<credit>)\s*\)?$")
"""A caption whose credit was left empty ("... People's Committee. Photo:"): it ends the
caption and credits nobody."""
DASH_PHOTO = re.compile(r"(?:^|\s)[—–-]\s*Photos?\s+(?P<credit>[^\s:|()][^\n|:()]{0,59}?)[\s.]*$")
"""A credit after a dash without a colon, closing a caption: "— Photo baovinhlong.vn"."""
SOURCE_PREFIX = re.compile(
    r"\s*(?:(?:[A-ZĐ][\w.]*(?:\s[A-ZĐ][\w.]*){0,3},?\s+)?\((?P<paren>[^()\n]{2,40})\)|"
    rf"(?P<bare>[A-Z][A-Za-z]+(?:\.[a-z]{{2,4}})+|(?:{AGENCY_PREFIXES})(?![\w.])))\s*[-–—:]+\s*"
)
"""The outlet before the lead: "(Baonghean.vn) - ", "Hanoi (VNA) – ", "VNA - ", "HBO-A ..."."""
SENTENCE_END = (".", "!", "?", ":", ";", ",", "…")
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u036f\u1ea0-\u1ef9]")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: offsets of its trimmed text and whether blank lines surround it."""

    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, trimmed of surrounding white space."""
    raw: list[tuple[int, int, str]] = []
    pos = 0
    for piece in text.split("\n"):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = pos + lead
            raw.append((start, start + len(stripped), stripped))
        else:
            raw.append((pos, pos, ""))
        pos += len(piece) + 1
    lines: list[Line] = []
    for i, (start, end, content) in enumerate(raw):
        if not content:
            continue
        before = i == 0 or not raw[i - 1][2]
        after = i == len(raw) - 1 or not raw[i + 1][2]
        lines.append(Line(start, end, content, before, after))
    return lines


def credit_of(line: str) -> re.Match[str] | None:
    """The photo credit ending a caption line ("... Photo: Thanh Duy |"), if any."""
    body = line.strip().strip("|").strip()
    if len(body) > 600:
        return None
    found = CREDIT.search(body) or AGENCY_PHOTO.search(body) or DASH_PHOTO.search(body)
    if found is None and body.endswith((":", ":)")):
        found = EMPTY_PHOTO.search(body)
    return found


def is_vietnamese(line: str) -> bool:
    """Whether a line is written in Vietnamese (its letters carry Vietnamese marks)."""
    return len(VIETNAMESE_LETTERS.findall(line)) >= 3 or "Ảnh:" in line


def is_all_caps_heading(line: str) -> bool:
    """ALL-CAPS lines ("PROACTIVE COOPERATION, COMPLETING ...") are headings."""
    if len(line) > 200 or line != line.upper():
        return False
    return sum(1 for c in line if c.isalpha()) >= 4


def looks_like_subheading(line: Line) -> bool:
    """A short mixed-case line standing alone between paragraphs with no final full stop."""
    text = line.text
    words = text.split()
    if not (1 <= len(words) <= 16) or len(text) > 130:
        return False
    if text.endswith(SENTENCE_END) or text.endswith(('."', ".”", "?”", '?"', "!”")):
        return False
    first = text.lstrip("\"“'‘*#0123456789.) ")[:1]
    return bool(first) and first.isupper() and line.blank_before and line.blank_after


def _is_picture(text: str) -> bool:
    return bool(IMAGE_LINE.match(text) or TABLE_RULE.match(text) or FILE_NAME.match(text)
                or credit_of(text))


def classify(text: str) -> list[Block]:
    """All blocks of the article in order; they never overlap and cover every non-blank line."""
    lines = split_lines(text)
    if not lines:
        return []
    texts = [ln.text for ln in lines]
    top = read_top(texts, [_is_picture(t) for t in texts[:TOP_LINES]])
    kinds: list[BlockKind | None] = [None] * len(lines)
    for j in top.furniture:
        kinds[j] = "footer"  # site furniture above the article (nav bars, mastheads, controls)
    if top.title is not None:
        kinds[top.title] = "title"
    for j in top.bylines:
        kinds[j] = "byline"
    # Pictures and ALL-CAPS kickers between the top and the lead; then the lead.
    lead_index: int | None = None
    for j in range(top.body, len(lines)):
        t = texts[j]
        if _is_picture(t) or (is_all_caps_heading(t) and not SOURCE_PREFIX.match(t)):
            continue
        lead_index = j
        break
    first_body = lead_index if lead_index is not None else top.body
    title_text = texts[top.title] if top.title is not None else ""
    footer = footer_start(texts, [ln.blank_before for ln in lines], first_body, title_text)
    for j in range(footer, len(lines)):
        kinds[j] = "footer"
    for j in _closing_credits(texts, first_body, footer):
        kinds[j] = "byline"
    out: list[BlockKind] = []
    for j in range(len(texts)):
        kind = kinds[j]
        if kind is None:
            prev = out[-1] if out else None
            kind = _body_kind(lines, j, prev, lead_index, footer)
        out.append(kind)
    return _merge(lines, out)


def _is_image_line(t: str) -> bool:
    """A picture, its file name, its alternative text, widget text or the bars of a picture's
    table."""
    return bool(IMAGE_LINE.match(t) or FILE_NAME.match(t) or PIPES_ONLY.match(t)
                or t in IMAGE_RESIDUE or (len(t) <= 300 and PICTURE_ALT.search(t)))


def _body_kind(
    lines: list[Line], j: int, prev: BlockKind | None, lead_index: int | None, footer: int
) -> BlockKind:
    """The kind of one body line, given the kind of the line before it."""
    t = lines[j].text
    if j == lead_index:
        return "lead"
    if _is_image_line(t):
        return "image"
    after = lines[j + 1].text if j + 1 < len(lines) else ""
    if FILE_STEM.match(t) and not lines[j].blank_after and credit_of(after):
        return "image"
    if TABLE_RULE.match(t):
        return "image" if prev in ("image", "caption") else "paragraph"
    words = len(t.split())
    before = lines[j - 1].text if j > 0 else ""
    if prev in ("image", "caption") and before == t and words <= 60:
        return "image"  # a caption printed twice: the picture's alternative text and its caption
    if credit_of(t):
        return "caption"
    if after == t and not lines[j].blank_after and words <= 60 and not t.startswith("#"):
        return "caption"  # printed twice: a picture's caption and its alternative text
    if GLUED_SOURCE.match(t):
        return "byline"
    if j > 0 and words <= 60 and not SOURCE_PREFIX.match(t):
        closing_pipe = PIPES_ONLY.match(before) and j > 1 and lines[j - 1].blank_after and (
            lines[j - 2].text.endswith(" |") or lines[j - 2].text.startswith("| "))
        if prev == "image" and _is_image_line(before) and not t.startswith("#") and not (
            closing_pipe and t.endswith(".")  # a sentence after a pipe caption's closing bar
        ):
            return "caption"
        if prev == "caption" and not lines[j].blank_before and (
            is_vietnamese(before) != is_vietnamese(t)
        ):
            return "caption"  # a Vietnamese caption and its English twin
        if (t.endswith(" |") or t.startswith("| ")) and t.strip("| "):
            return "caption"  # a pipe-table caption
    if t.startswith("#") or is_all_caps_heading(t) or (
        lead_index is not None and lead_index < j < footer - 1 and looks_like_subheading(lines[j])
    ):
        return "heading"
    return "paragraph"


def _closing_credits(texts: list[str], first_body: int, footer: int) -> list[int]:
    """The credit lines closing the body ("By X—Translated by Y", "Story and photos: X")."""
    found: list[int] = []
    j = footer - 1
    while j > first_body and len(found) < 3:
        t = texts[j]
        words = t.split()
        if (BY_CREDIT.match(t) and len(words) <= 16) or SOURCE_LINE.match(t) or (
            j == footer - 1 and 2 <= len(words) <= 4 and name_like(words)
        ) or (len(words) <= 3 and outlet_in(t) == t.strip(" ./")):
            found.append(j)  # "By X", "Source: VNA", "VNA", or the author's name alone
        elif not _is_picture(t):
            break
        j -= 1
    return found


def _merge(lines: list[Line], kinds: list[BlockKind]) -> list[Block]:
    """Join lines into blocks: a Vietnamese caption with its English twin, table rules with
    their picture, and hard-wrapped paragraph lines with each other."""
    separated = sum(1 for ln in lines[1:] if ln.blank_before)
    wrapped_file = separated >= (len(lines) - 1) / 2
    blocks: list[Block] = []
    prev_line: Line | None = None
    for line, kind in zip(lines, kinds, strict=True):
        if blocks and prev_line is not None:
            last = blocks[-1]
            adjacent = not line.blank_before
            join = False
            if kind == "caption" and last.kind == "caption":
                prev_text = prev_line.text
                join = (
                    is_vietnamese(prev_text) != is_vietnamese(line.text)
                    and (adjacent or is_vietnamese(prev_text))
                    and last.start == prev_line.start
                )
            elif kind == "image" and TABLE_RULE.match(line.text) and adjacent:
                join = last.kind in ("image", "caption")
            elif kind == "paragraph" and last.kind in ("paragraph", "lead") and adjacent:
                join = wrapped_file and not IMAGE_MARKUP.search(line.text)
            if join:
                blocks[-1] = Block(last.kind, last.start, line.end)
                prev_line = line
                continue
        blocks.append(Block(kind, line.start, line.end))
        prev_line = line
    return blocks
