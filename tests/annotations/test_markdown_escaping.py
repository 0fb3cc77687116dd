"""The Markdown export shows a note's (and a quote's) text as text: parsed by a CommonMark
parser with GFM tables and strikethrough, it makes no heading, HTML, list, link, code, extra
quote or table, the characters read back the same, and a multi-line note stays in its entry."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from annotations import Annotation, ArticleRef
from annotations.exporting import to_markdown
from annotations.markdown_text import code_span

from .helpers import plain

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKUP = {
    "html_block", "html_inline", "bullet_list_open", "ordered_list_open", "link_open",
    "image", "code_inline", "code_block", "fence", "table_open", "s_open", "hr", "strong_open",
}  # fmt: skip

HOSTILE = [
    "# Not a heading",
    "<b>html</b>",
    "* list",
    "- list",
    "+ list",
    "[link](x)",
    "![image](x.png)",
    "`code` and ``more``",
    "```\nfenced\n```",
    "> not a quote",
    "1. not a list",
    "2) not a list",
    "    indented, not code",
    "a | b\n--|--\nc | d",
    "Title\n===",
    "Title\n---",
    "***",
    "~~struck~~ **bold** _em_",
    "&amp; &lt;b&gt; &#35;",
    "back\\slash \\*kept\\*",
    "*yellow · 2024-05-01*",
]


def _note(text: str, tags: tuple[str, ...] = ("t",)) -> Annotation:
    a = plain(1, path="")
    return dataclasses.replace(
        a, note=text, tags=tags, article=ArticleRef(id=a.article.id, path="", title="An article")
    )


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type in ("text", "text_special"):
            out.append(child.content)
    return "".join(out)


def _entry(markdown: str) -> tuple[list[Token], list[str]]:
    """The tokens of the one entry (after its section heading), and the texts of the
    paragraphs between its quote and its meta line."""
    tokens = PARSER.parse(markdown)
    heading = max(i for i, t in enumerate(tokens) if t.type == "heading_open")
    entry = tokens[heading + 3 :]
    close = next(i for i, t in enumerate(entry) if t.type == "blockquote_close")
    paragraphs = [
        _inline_text(t) for t in entry[close + 1 :] if t.type == "inline"
    ]
    return entry, paragraphs


def _expected(note: str) -> list[str]:
    """The note's paragraphs as a reader sees them: lines kept, blank-line runs one break."""
    blocks: list[list[str]] = [[]]
    for line in note.strip("\n").split("\n"):
        if line.strip():
            blocks[-1].append(line.rstrip())
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(b) for b in blocks if b]


def _check(note: str) -> None:
    markdown = to_markdown([_note(note)])
    tokens = PARSER.parse(markdown)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h1", "h2", "h3"], markdown
    found = {t.type for t in tokens} | {
        c.type for t in tokens if t.type == "inline" for c in t.children or []
    }
    assert not found & MARKUP, (found & MARKUP, markdown)
    assert sum(t.type == "blockquote_open" for t in tokens) == 1, markdown
    entry, paragraphs = _entry(markdown)
    *note_paragraphs, meta = paragraphs
    assert note_paragraphs == _expected(note), markdown
    assert meta.startswith("yellow · tags: t · ")
    # The entry ends with its meta line, in emphasis, as the last block of the file.
    assert entry[-3].type == "paragraph_open" and entry[-2].children is not None
    assert entry[-2].children[0].type == "em_open"


@pytest.mark.parametrize("note", HOSTILE)
def test_a_note_never_becomes_markup(note: str) -> None:
    _check(note)


def test_a_multi_line_note_stays_inside_its_entry() -> None:
    note = "First line\n# second line\n\n\n> third, after a gap\n1. fourth"
    _check(note)
    markdown = to_markdown([_note(note)])
    assert "First line\\\n\\# second line\n\n\\> third, after a gap\\\n1\\. fourth\n" in markdown


def test_a_quote_and_tags_never_become_markup() -> None:
    a = _note("", tags=("<i>x</i>", "*t*"))
    exact = "# Heading?\n\n<b>1. item</b> [x](y)"
    a = dataclasses.replace(
        a, target=dataclasses.replace(a.target, exact=exact, start=0, end=len(exact))
    )
    markdown = to_markdown([a])
    tokens = PARSER.parse(markdown)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2", "h3"]
    inline = [c.type for t in tokens if t.type == "inline" for c in t.children or []]
    assert not ({t.type for t in tokens} | set(inline)) & MARKUP, markdown
    quoted = [_inline_text(t) for t in tokens if t.type == "inline"][3:5]
    assert quoted == ["# Heading?", "<b>1. item</b> [x](y)"]
    assert "tags: <i>x</i>, *t*" in _inline_text([t for t in tokens if t.type == "inline"][-1])


def test_a_title_and_a_path_never_become_markup() -> None:
    a = _note("n")
    a = dataclasses.replace(
        a, article=ArticleRef(id="x", path="/tmp/we`ird <b>.txt", title="<b>1. Title</b> #")
    )
    tokens = PARSER.parse(to_markdown([a]))
    h2 = [tokens[i + 1] for i, t in enumerate(tokens) if t.tag == "h2" and t.nesting == 1]
    assert _inline_text(h2[0]) == "<b>1. Title</b> #"
    spans = [c for t in tokens if t.type == "inline" for c in t.children or []
             if c.type == "code_inline"]
    assert [c.content for c in spans] == ["/tmp/we`ird <b>.txt"]
    assert code_span("`x`") == "`` `x` ``"


NOTE_TEXT = st.text(
    alphabet=st.sampled_from(list("ab1. #*-+=>_`[]()<>!|~&;\\:\t \n")), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(NOTE_TEXT)
def test_any_note_reads_back_as_its_text(note: str) -> None:
    if not note.strip():
        return
    _check(note)
