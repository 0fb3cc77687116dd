"""Splitting canonical text into blocks: title, byline, lead, paragraphs, headings, captions,
images and the site footer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.dates import find_datetime
from articles.folding import fold
from articles.model import Block, BlockKind

IMAGE_LINE = re.compile(r"^\|?\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+\|?\s*$")
IMAGE_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
CREDIT = re.compile(
    r"(?:^|(?<=[\s.(\-–—,;]))\(?(?P<label>(?:Photos?|Ảnh|Anh|PHOTO|ẢNH|Graphics?|Infographic|"
    r"Video|Clip|Illustration|Illustrative photo|Photo courtesy|Photo by|Photo source|Nguồn|"
    r"Source))(?:\s*(?:courtesy of|by)?\s*:\s*|\s+(?:courtesy of|by)\s+)"
    r"(?P<credit>[^:|()\n]{1,80}?)\s*\)?[\s.]*$"
)
SOURCE_PREFIX = re.compile(
    r"\s*(?:\((?P<paren>[^()\n]{2,40})\)|(?P<bare>[A-Z][A-Za-z]+(?:\.[a-z]{2,4})+|NDO|VNA|VOV|"
    r"VTV|SGGP|VGP|VNS))\s*[-–—:]+\s*"
)
FOOTER_MARKER = re.compile(
    r"^(?:Featured\b.*|Latest(?: news| articles)?|Related(?: news| articles| posts| stories)?:?|"
    r"Read more:?|See also:?|Most (?:read|viewed|popular)|Hot news|Other news|More news|"
    r"Tags?:.*|Keywords?:.*|POWERED BY.*|Copyright\b.*|©.*|"
    r"(?:Deputy )?Editors?[- ]in[- ][Cc]hief\s*:.*|Licen[cs]e\s*(?:No\b|number|:).*|"
    r"Address\s*:.*|Tel(?:ephone)?\s*:.*|Hotline\s*:.*|E-?mail\s*:.*|Follow us\b.*|"
    r"Share(?: this(?: article)?)?:?|Print|Back to top|Comments?|Your comment.*|"
    r"Responsible for (?:the )?content.*)$",
    re.IGNORECASE,
)
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
    return CREDIT.search(body)


def is_vietnamese(line: str) -> bool:
    """Whether a line is written in Vietnamese (its letters carry Vietnamese marks)."""
    return len(VIETNAMESE_LETTERS.findall(line)) >= 3 or "Ảnh:" in line


def is_all_caps_heading(line: str) -> bool:
    """ALL-CAPS lines ("PROACTIVE COOPERATION, COMPLETING ...") are headings."""
    if len(line) > 200 or line != line.upper():
        return False
    return sum(1 for c in line if c.isalpha()) >= 4


def is_masthead(line: str, next_line: str) -> bool:
    """An outlet's name above the headline ("Nhan Dan", "VietnamPlus"): a few capitalised words,
    no digits or sentence punctuation, followed by a much longer line."""
    words = line.split()
    if not 1 <= len(words) <= 3 or len(line) > 24 or any(c.isdigit() for c in line):
        return False
    if line.endswith(SENTENCE_END) or not all(w[:1].isupper() for w in words):
        return False
    return len(next_line.split()) >= 5 and not is_byline(next_line)


def is_byline(line: str) -> bool:
    """A short line near the top carrying the publication date (and perhaps authors)."""
    if len(line) > 400 or line.startswith("("):
        return False
    found = find_datetime(line)
    if found is None:
        return False
    m, _, has_time = found
    before = line[: m.start()]
    # A byline is mostly names, posts and the date; a sentence has much more around the date.
    return has_time or (len(before.split()) <= 40 and len(line[m.end() :].split()) <= 3)


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


def _footer_start(lines: list[Line], first_body: int, title: str) -> int:
    """Index of the first footer line, or len(lines) when the article has no footer."""
    folded_title = fold(title)
    for i in range(first_body + 1, len(lines)):
        text = lines[i].text
        if len(text) <= 160 and FOOTER_MARKER.match(text):
            return i
        if folded_title and fold(text) == folded_title:
            return i
    return len(lines)


def classify(text: str) -> list[Block]:
    """All blocks of the article in order; they never overlap and cover every non-blank line."""
    lines = split_lines(text)
    if not lines:
        return []
    kinds: list[BlockKind] = ["paragraph"] * len(lines)
    first = 1 if len(lines) > 1 and is_masthead(lines[0].text, lines[1].text) else 0
    if first:
        kinds[0] = "footer"  # site furniture above the headline ("Nhan Dan", "VietnamPlus")
    kinds[first] = "title"
    i = first + 1
    # Byline: a dated line among the next few, before the lead.
    for j in range(i, min(len(lines), i + 3)):
        if is_byline(lines[j].text) and not credit_of(lines[j].text):
            kinds[j] = "byline"
            i = j + 1
            break
        if SOURCE_PREFIX.match(lines[j].text):
            break
    # Captions, images and table rules between title/byline and lead are furniture, then lead.
    lead_index: int | None = None
    for j in range(i, len(lines)):
        t = lines[j].text
        if IMAGE_LINE.match(t) or TABLE_RULE.match(t) or credit_of(t):
            continue
        if is_all_caps_heading(t) and not SOURCE_PREFIX.match(t):
            continue
        lead_index = j
        break
    first_body = lead_index if lead_index is not None else i
    footer = _footer_start(lines, first_body, lines[first].text)
    for j in range(footer, len(lines)):
        kinds[j] = "footer"
    for j in range(i, footer):
        t = lines[j].text
        if j == lead_index:
            kinds[j] = "lead"
        elif IMAGE_LINE.match(t):
            kinds[j] = "image"
        elif TABLE_RULE.match(t):
            kinds[j] = "image" if j > 0 and kinds[j - 1] in ("image", "caption") else "paragraph"
        elif credit_of(t):
            kinds[j] = "caption"
        elif t.startswith("#") or is_all_caps_heading(t) or (
            lead_index is not None
            and j > lead_index
            and j < footer - 1
            and looks_like_subheading(lines[j])
        ):
            kinds[j] = "heading"
    return _merge(lines, kinds)


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
