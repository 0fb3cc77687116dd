"""Small defects of issue 12, each with the test that failed before its mend: `w` from a
sentence goes to the next word (not the next sentence); `notes list` with no notes says so;
the library's Notes tab lists only that library's notes; the note editor stores what was
typed, not the symbols that show control characters."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from articles import Article, sample_path
from articles.parsing.segments import word_spans
from reader.app import ReaderApp
from reader.cli import main
from tests.reader.helpers import opened, screen_of

AppFactory = Callable[..., ReaderApp]
SIZE = (140, 40)


async def test_w_from_a_sentence_goes_to_its_next_word(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        await pilot.press("right", "right")  # a whole sentence under the cursor
        sentence = screen.view.cursor
        assert sentence is not None
        words = word_spans(screen.article.text, *sentence)
        assert len(words) > 2
        await pilot.press("w")
        assert screen.view.cursor == words[1]  # the sentence's second word, not the next one's
        await pilot.press("b")
        assert screen.view.cursor == words[0]


def test_notes_list_of_an_article_without_notes_says_so(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    db = tmp_path / "notes.json"
    article = sample_path()
    assert main(["notes", "list", str(article), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == f"no notes for {article}"
    assert main(["notes", "list", str(article), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["notes", "list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == f"no notes in {db}"


NOTE_WITH_CONTROLS = "pasted\x1b]0;title\x07 from a page\tand a bidi \u202e mark"


async def test_re_saving_a_note_keeps_its_control_characters(make_app: AppFactory,
                                                              db_path: Path) -> None:
    """The editor shows ␛ for ESC (and so on), but what is stored is what the note held, and
    what the user added to it."""
    from annotations.model import new_annotation
    from annotations.store import Store
    from reader.dialogs.note_editor import NoteEditor

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        screen = screen_of(app)
        start = screen.article.text.index("Standing Committee")
        a = Store(db_path).add(new_annotation(screen.article, start, start + 18,
                                              note=NOTE_WITH_CONTROLS))
        screen.reload_annotations()
        await pilot.pause()
        screen.notes.edit_note(a.target.exact, a)
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        area = editor.query_one("#note-text")
        assert "\x1b" not in area.text and "␛" in area.text  # shown, not sent to the terminal
        await pilot.press("end", "!", "ctrl+s")
        await pilot.pause()
        assert app.session.wait_for_saves(10)
        (saved,) = Store(db_path).all()
        assert saved.note == NOTE_WITH_CONTROLS + "!"


def test_restore_hidden_round_trips_what_was_not_edited() -> None:
    from reader.safe_text import restore_hidden, visible

    original = "a\x1bb\x07c"
    shown = visible(original)
    assert restore_hidden(original, shown) == original
    assert restore_hidden(original, "X" + shown) == "X" + original
    assert restore_hidden(original, shown[:3] + shown[4:]) == "a\x1bbc"  # BEL deleted
    assert restore_hidden(original, "new") == "new"


async def test_the_library_notes_tab_lists_only_that_library_s_notes(db_path: Path) -> None:
    from textual.widgets import OptionList

    from annotations.model import new_annotation
    from annotations.store import Store
    from articles import load
    from tests.reader.test_library_screen import FIXTURES, indexed, library_app

    inside = load(FIXTURES / "02_2023_standing_committee_party_committees.txt")
    outside = load(sample_path())
    store = Store(db_path)
    for article, note in ((inside, "a note in the library"), (outside, "a note elsewhere")):
        start = article.text.index("Committee")
        store.add(new_annotation(article, start, start + 9, note=note))
    app = library_app(db_path)
    async with app.run_test(size=(150, 42)) as pilot:
        screen = await indexed(pilot)
        await pilot.press("f5")
        await pilot.pause()
        notes = screen.query_one("#all-notes", OptionList)
        shown = " ".join(str(notes.get_option_at_index(i).prompt)
                         for i in range(notes.option_count))
        assert "a note in the library" in shown
        assert "a note elsewhere" not in shown
        status = str(screen.query_one("#library-status").render())
        assert "1 of 1 note" in status


async def test_a_title_only_mention_reached_from_the_library_says_by_title(
        make_app: AppFactory, sample: Article) -> None:
    from articles.library.entry import ArticleSummary, LibraryMention
    from reader.screens.article.screen import ArticleScreen
    from reader.walk import LibraryWalk

    person = next(p for p in sample.people if any(m.kind == "role" for m in p.mentions))
    role = next(i for i, m in enumerate(person.mentions) if m.kind == "role")
    summary = ArticleSummary(path=Path(str(sample.path)), id=sample.id,
                             title=sample.title or "")
    mentions = tuple(LibraryMention(summary, m.start, m.end, m.kind,
                                    sample.text[m.start:m.end], "", 0, 0)
                     for m in person.mentions)
    walk = LibraryWalk("person", person.key, person.name, mentions, role)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await app.push_screen(ArticleScreen(sample, app.session, walk=walk))
        await opened(pilot)
        message = screen_of(app).status.message
        assert message.startswith(f"{person.name} {role + 1}/{len(mentions)} · article 1 of 1")
        assert message.endswith("(by title)")


def test_who_s_who_never_breaks_a_post_s_date_range() -> None:
    """At the widths who's who has at 80 columns, a post's date range stays whole on one line
    (it was cut after its dash)."""
    import io
    import re

    from rich.console import Console

    from articles.library.indexer import Indexer
    from reader.render.library import person_prompt
    from tests.reader.test_library_screen import FIXTURES

    library = Indexer().index_all([FIXTURES])
    ranges = [p for p in library.people
              if any(post.first != post.last for post in p.posts)]
    assert ranges
    date = r"\d{4}-\d\d-\d\d"
    for width in range(24, 60):
        console = Console(file=io.StringIO(), width=width, color_system=None)
        for person in ranges:
            console.print(person_prompt(person))
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        whole = sum(len(re.findall(rf"{date}\s*–\s*{date}", line)) for line in lines)
        assert whole == sum(1 for p in ranges for post in p.posts if post.first != post.last
                            and post.role not in ("author", "photographer")), width
