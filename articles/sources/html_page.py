"""A web page's article from its structure: the content element (the one holding most of the
paragraph text), walked in document order into pieces whose kinds come from markup (h2-h4
headings, figcaption and caption classes, the sapo/lead, paragraphs), furniture left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import lxml.html

from articles.model import BlockKind
from articles.parsing.blocks import SENTENCE_END, credit_of
from articles.parsing.credits import name_like
from articles.sources.html_markup import (
    BLOCK_TAGS,
    class_words,
    in_boilerplate,
    is_caption,
    is_furniture,
    mark_content,
    text_of,
)
from articles.sources.html_meta import BYLINE_CLASS, PageMeta, page_meta

LEAD_CLASS = re.compile(
    r"sapo|chapeau|standfirst|summary|excerpt|(?:^|[\s_-])(?:lead|lede|intro|description|desc)"
    r"(?:$|[\s_-])", re.IGNORECASE,
)
"""Class words of the lead paragraph Vietnamese outlets call the sapo."""

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
TEXT_TAGS = frozenset({"p", "li", "dd", "dt", "pre", "td", "th", "blockquote"})
MIN_LEAD_CHARS = 40


@dataclass(frozen=True, slots=True)
class Piece:
    """One block of the article before the canonical text is built: its kind and its text."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class PageContent:
    """What a page holds: its metadata and the pieces of its article text, in order."""

    meta: PageMeta
    pieces: tuple[Piece, ...]


def _paragraph_score(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding most paragraph text (its own paragraphs count in full, those of
    its children half), furniture left out: where the article body is."""
    scores: dict[lxml.html.HtmlElement, float] = {}
    for p in root.iter("p"):
        if in_boilerplate(p):
            continue
        length = len(text_of(p))
        if length < 25:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None and grand.tag not in ("body", "html"):
            scores[grand] = scores.get(grand, 0.0) + length / 2
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el])


def _lead(doc: lxml.html.HtmlElement, body: lxml.html.HtmlElement | None
          ) -> lxml.html.HtmlElement | None:
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "html", "body", "head", "title"):
            continue
        if el is body or (body is not None and el in body.iterancestors()):
            continue
        words = class_words(el)
        if (words and LEAD_CLASS.search(words) and not in_boilerplate(el)
                and len(text_of(el)) >= MIN_LEAD_CHARS):
            return el
    return None


class _Walker:
    """Walks the content element, turning its blocks into pieces."""

    def __init__(self, meta: PageMeta, lead: lxml.html.HtmlElement | None) -> None:
        self.skip: set[lxml.html.HtmlElement] = set(meta.byline_elements)
        if meta.title_element is not None:
            self.skip.add(meta.title_element)
        self.lead = lead
        self.title = meta.title
        self.pieces: list[Piece] = []
        self.seen: set[str] = set()

    def emit(self, kind: BlockKind, text: str) -> None:
        if not text or (kind != "caption" and text in self.seen):
            return
        if kind == "paragraph" and credit_of(text) and len(text) <= 400:
            kind = "caption"  # "... Photo: Thanh Duy" under a picture
        if kind in ("paragraph", "heading") and text == self.title:
            return
        self.seen.add(text)
        self.pieces.append(Piece(kind, text))

    def walk(self, el: lxml.html.HtmlElement) -> None:
        if el in self.skip or is_furniture(el):
            return
        if el is self.lead:
            self.emit("lead", text_of(el))
            return
        if el.tag != "body" and BYLINE_CLASS.search(class_words(el)) and len(text_of(el)) < 120:
            return
        if is_caption(el):
            self.emit("caption", text_of(el))
            return
        if el.tag in HEADINGS or el.tag == "h1":
            self.emit("heading", text_of(el))
            return
        if el.tag in TEXT_TAGS and not _has_blocks(el):
            self.emit("heading" if _bold_heading(el) else "paragraph", text_of(el))
            return
        self.mixed(el)

    def mixed(self, el: lxml.html.HtmlElement) -> None:
        """A container: inline runs between its block children are paragraphs of their own."""
        run: list[str] = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            if child.tag in BLOCK_TAGS or is_caption(child) or _has_blocks(child):
                self.emit("paragraph", " ".join("".join(run).split()))
                run = []
                self.walk(child)
            elif child.tag == "br" and run and run[-1] == "\n":
                self.emit("paragraph", " ".join("".join(run).split()))
                run = []
            elif child.tag == "br":
                run.append("\n")
            elif not is_furniture(child):
                run.append(text_of(child) if child.tag != "img" else "")
            run.append(child.tail or "")
        self.emit("paragraph", " ".join("".join(run).split()))


def _bold_heading(el: lxml.html.HtmlElement) -> bool:
    """A paragraph that is all bold and short, with no final stop: a subheading, as many
    outlets' editors mark them (`<p><strong>Remaining bottlenecks</strong></p>`)."""
    text = text_of(el)
    if el.tag != "p" or not text or len(text.split()) > 16 or text.endswith(SENTENCE_END):
        return False
    bold = "".join(text_of(b) for b in el.iter("strong", "b"))
    return len(bold.replace(" ", "")) >= len(text.replace(" ", ""))


def _signature(pieces: list[Piece]) -> str | None:
    """The author's name signed at the foot of the body ("Hong Son"), if the last piece is one."""
    if not pieces or pieces[-1].kind not in ("paragraph", "heading"):
        return None
    words = pieces[-1].text.split()
    return pieces[-1].text if 1 <= len(words) <= 4 and name_like(words) else None


def _has_blocks(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def _before(doc: lxml.html.HtmlElement, first: lxml.html.HtmlElement | None,
            body: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Figures between the headline (or the lead) and the body: the article's top picture."""
    # Elements themselves as keys (held here, so each keeps its one proxy), never id()s.
    order = {el: i for i, el in enumerate(doc.iter())}
    start = order.get(first, -1) if first is not None else -1
    end = order[body]
    return [f for f in doc.iter("figure")
            if start < order[f] < end and body not in f.iterancestors()
            and not in_boilerplate(f)]


def extract(doc: lxml.html.HtmlElement) -> PageContent:
    """The metadata and article pieces of a parsed page (no pieces: no article found)."""
    mark_content(doc)
    meta = page_meta(doc)
    body = _paragraph_score(doc)
    if body is None:
        return PageContent(meta, ())
    lead = _lead(doc, body)
    walker = _Walker(meta, lead)
    if lead is not None and body not in lead.iterancestors() and lead not in body.iter():
        walker.emit("lead", text_of(lead))
    for figure in _before(doc, lead if lead is not None else meta.title_element, body):
        walker.walk(figure)
    walker.walk(body)
    pieces = walker.pieces
    first_text = next((i for i, p in enumerate(pieces) if p.kind in ("lead", "paragraph")), None)
    if first_text is not None and pieces[first_text].kind == "paragraph" and not any(
        p.kind == "lead" for p in pieces
    ):
        pieces[first_text] = Piece("lead", pieces[first_text].text)
    signed = _signature(pieces)
    if signed is not None:
        pieces.pop()
        if not meta.authors:
            meta = replace(meta, authors=(signed,))
    return PageContent(meta, tuple(pieces))
