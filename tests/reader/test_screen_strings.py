"""Issue 9, item 12: random strings (markup, control and bidi characters among them) in every
place a string reaches the screen: titles, names, documents, notes, tags, file names, the status
line, toasts and the command palette. Nothing raises, and no segment written to the terminal
holds an escape (or any other control or bidi control) character."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region

from annotations.model import Annotation, Target, new_annotation, normalize_tags
from annotations.store import Store
from articles import load, parse, sample_path
from articles.library.entry import ArticleSummary
from reader.app import ReaderApp
from reader.palette import _safe_highlight, plain_help
from reader.render.entities import document_prompt, person_prompt
from reader.render.library import article_cells
from reader.render.notes import note_prompt
from reader.render.text import shorten
from reader.widgets.header import header_text

PIECES = ["[b]", "[/b]", "[@click=1+]", "[/x]", "[/nope]", "[reverse]", "[link=x]", "\x1b",
          "\x1b]0;PWNED\x07", "\x1b[2J", "\x9b", "\x07", "\x00", "\r", "\t", "\x7f", "\u202e",
          "\u2066", "\u2069", "\u200f", "\u061c", "\u2028", "$x", "\\", "[", "]", "Đế"]
hostile = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8")),
                   max_size=12).map("".join)
"""Strings made of markup, escape sequences, control and bidi characters, and any character."""

FORBIDDEN = ({chr(c) for c in range(0x20) if c != 0x0A} | {chr(c) for c in range(0x7F, 0xA0)}
             | {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E,
                                 0x200F, 0x061C, 0x2028, 0x2029)})
CONSOLE = Console(width=120, force_terminal=True, color_system="truecolor")
SAMPLE = load(sample_path())


def check_segments(place: str, segments: list[Segment] | list[Any]) -> None:
    for segment in segments:
        text = segment.text
        bad = FORBIDDEN.intersection(text)
        assert not bad, f"{place}: {sorted(map(hex, map(ord, bad)))} in {text!r}"


def check_renderable(place: str, renderable: Any) -> None:
    if isinstance(renderable, Content):
        check_segments(place, list(renderable.render_segments()))
    else:
        check_segments(place, list(CONSOLE.render(renderable)))


@given(hostile, hostile, hostile)
@settings(max_examples=40, deadline=None)
def test_titles_authors_and_sources_in_the_header(title: str, author: str, source: str) -> None:
    article = replace(SAMPLE, title=title, authors=(author,), source=source)
    check_renderable("title", header_text(article))


@given(hostile, hostile, hostile)
@settings(max_examples=40, deadline=None)
def test_names_posts_and_documents_in_the_sidebar(name: str, role: str, code: str) -> None:
    person = replace(SAMPLE.people[0], name=name, roles=(role,))
    check_renderable("names", person_prompt(SAMPLE, person))
    doc = replace(SAMPLE.documents[0], code=code, issuer=role, subject=name)
    check_renderable("documents", document_prompt(SAMPLE, doc))


def annotation_with(quote: str, note: str, tags: list[str]) -> Annotation:
    base = new_annotation(SAMPLE, 0, 5)
    exact = quote.replace("\x00", "") or "x"
    safe_tags = tuple(t for t in normalize_tags(tags)
                      if not FORBIDDEN.intersection(t) and "\x00" not in t and len(t) <= 100)
    return replace(base, target=Target(exact, "", "", 0, len(exact)),
                   note=note.replace("\x00", ""), tags=safe_tags)


@given(hostile, hostile, st.lists(hostile, max_size=3))
@settings(max_examples=40, deadline=None)
def test_quotes_notes_and_tags_in_the_notes_lists(quote: str, note: str,
                                                  tags: list[str]) -> None:
    a = annotation_with(quote, note, tags)
    for status in ("exact", "moved"):
        check_renderable("notes", note_prompt(a, status, "failed"))


@given(hostile, hostile)
@settings(max_examples=40, deadline=None)
def test_file_names_and_errors_in_the_library_table(name: str, error: str) -> None:
    file_name = name.replace("/", "∕").replace("\x00", "") or "x"
    summary = ArticleSummary(path=Path("/lib") / file_name, id="", title="", error=error)
    for cell in article_cells(summary, 2):
        check_renderable("file names", cell)
    readable = ArticleSummary(path=Path("/lib") / file_name, id="x", title=name,
                              authors=(error,), source=name)
    for cell in article_cells(readable, 0):
        check_renderable("file names", cell)


@given(hostile, st.lists(st.integers(0, 20), max_size=5))
@settings(max_examples=40, deadline=None)
def test_palette_labels_and_help_are_text(text: str, offsets: list[int]) -> None:
    from reader.safe_text import one_line

    shown = one_line(text)
    help_content = Content.from_markup(plain_help(shown))  # what the palette does with it
    assert help_content.plain == shown
    check_renderable("palette", help_content)
    label = _safe_highlight(shown, tuple(offsets))
    assert Content.from_markup(label).plain == shown
    check_renderable("palette", label)
    check_renderable("status", Content(shorten(text)))


# --- the running app: toasts, the palette, every widget on screen -----------------------------


def screen_segments(app: ReaderApp) -> list[Segment]:
    """What every widget of the screen on top would write (and the screen under a modal)."""
    segments: list[Segment] = []
    for screen in app.screen_stack[-2:]:
        for widget in screen.walk_children(with_self=False):
            if not widget.display or not widget.size.area:
                continue
            try:
                strips = widget.render_lines(Region(0, 0, *widget.size))
            except Exception as exc:  # pragma: no cover - reported with the widget
                raise AssertionError(f"{widget!r} failed to render: {exc!r}") from exc
            for strip in strips:
                segments.extend(strip)
    return segments


@given(st.lists(hostile, min_size=8, max_size=8))
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_app_shows_hostile_strings_as_text(tmp_path_factory: Any, strings: list[str]) -> None:
    import asyncio

    title, paragraph, note, tag, toast, toast_title, query, name = strings
    text = f"{title}\n\nThe council met. {paragraph} It agreed.\n\n{name} said so.\n"
    article = parse(text.replace("\x00", ""))
    db = tmp_path_factory.mktemp("db") / "notes.json"
    start = article.text.index("The council met.")
    store = Store(db)
    tags = [t for t in normalize_tags([tag]) if not FORBIDDEN.intersection(t) and len(t) <= 100]
    store.add(new_annotation(article, start, start + 16, note=note.replace("\x00", ""),
                             tags=tags))

    async def run() -> None:
        app = ReaderApp([article], Store(db), theme="textual-dark")
        async with app.run_test(size=(120, 36), notifications=True) as pilot:
            from tests.reader.helpers import opened

            await opened(pilot)
            app.notify(toast, title=toast_title, severity="error")
            screen = app.screen
            screen.status.message = query  # type: ignore[attr-defined]
            await pilot.pause(0.1)
            check_segments("app screen", screen_segments(app))
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            check_segments("palette", screen_segments(app))
            for ch in "council":
                await pilot.press(ch)
            await pilot.pause(0.3)
            check_segments("palette", screen_segments(app))
            await pilot.press("escape")
            await pilot.pause()
            check_segments("toasts", [Segment(str(t.render())) for t in
                                      app.screen.query("Toast")])

    asyncio.run(run())
