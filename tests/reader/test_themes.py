"""Every built-in theme: the article's body text is readable (WCAG contrast at least 4.5 against
the background it is drawn on), its colours follow the theme, and the chosen theme persists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style

from annotations.store import Store
from articles import Article, load, sample_path
from reader.app import ReaderApp
from reader.widgets.article_view import ArticleView
from tests.reader.helpers import opened, screen_of

AppFactory = Callable[..., ReaderApp]
BODY_PHRASE = "On the afternoon of April 12"


def luminance(color: Color) -> float:
    """WCAG relative luminance of a colour."""
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def segment_at(view: ArticleView, offset: int) -> Segment:
    """The rendered segment showing the character at `offset`."""
    line = view.line_of(offset)
    x = offset - view.line_layout.starts[line]
    for segment in view._build_line(line):
        meta = segment.style.meta if segment.style else {}
        if "offset" in meta and meta["offset"][0] <= x < meta["offset"][0] + len(segment.text):
            return segment
    raise AssertionError(f"offset {offset} is not rendered")


def test_contrast_helper_is_wcag() -> None:
    assert round(contrast(Color.parse("#000000"), Color.parse("#ffffff")), 1) == 21.0
    assert round(contrast(Color.parse("#777777"), Color.parse("#ffffff")), 2) == 4.48


async def test_body_text_is_readable_in_every_theme(make_app: AppFactory,
                                                    sample: Article) -> None:
    app = make_app()
    offset = sample.text.index(BODY_PHRASE) + 3
    checked = []
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        view.cursor = None  # the body text itself, not the cursor's tint
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            style = segment_at(view, offset).style
            assert style is not None and style.color is not None and style.bgcolor is not None
            if style.color.is_default or style.bgcolor.is_default:
                # The ANSI themes draw in the terminal's own default colours.
                assert theme.startswith("ansi"), theme
                continue
            ratio = contrast(style.color, style.bgcolor)
            assert ratio >= 4.5, (theme, ratio, style)
            checked.append(theme)
    assert {"textual-light", "solarized-light", "catppuccin-latte"} <= set(checked)


async def test_text_colours_follow_the_theme(make_app: AppFactory, sample: Article) -> None:
    app = make_app(theme="textual-light")
    offset = sample.text.index(BODY_PHRASE) + 3
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        view.cursor = None
        light = segment_at(view, offset).style
        app.theme = "textual-dark"
        await pilot.pause()
        dark = segment_at(view, offset).style
        assert light is not None and dark is not None and light.color is not None
        assert dark.color is not None
        assert luminance(light.color) < 0.2 < luminance(dark.color)
        assert light.bgcolor != dark.bgcolor


async def test_a_chosen_light_theme_persists(db_path: Path) -> None:
    app = ReaderApp([load(sample_path())], Store(db_path))
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        app.theme = "solarized-light"
        await pilot.pause()
        assert app.session.wait_for_saves(10)
    again = ReaderApp([load(sample_path())], Store(db_path))
    assert again.theme == "solarized-light"


def seen(style: Style, system: ColorSystem) -> tuple[object, ...]:
    """What a terminal with `system` colours shows for `style`: its colours brought down to
    that system, and its attributes."""
    def down(color: Color | None) -> object:
        if color is None:
            return None
        shown = color.downgrade(system)
        return shown.number if system == ColorSystem.EIGHT_BIT else shown.get_truecolor()

    return (down(style.color), down(style.bgcolor), style.bold, style.italic,
            style.underline, style.reverse, style.strike, style.overline)


async def test_the_reading_cursor_differs_from_every_highlight(make_app: AppFactory,
                                                               sample: Article) -> None:
    app = make_app()
    offset = sample.text.index(BODY_PHRASE) + 3
    async with app.run_test(size=(140, 40)) as pilot:
        await opened(pilot)
        view = screen_of(app).view
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            view.cursor = None
            plain = segment_at(view, offset).style
            view.cursor = (offset - 3, offset + 10)
            cursor = segment_at(view, offset).style
            assert plain is not None and cursor is not None
            for name in ("yellow", "green", "blue", "pink", "purple"):
                highlight = plain + view._style(f"highlight--{name}")
                for system in (ColorSystem.EIGHT_BIT, ColorSystem.TRUECOLOR):
                    assert seen(cursor, system) != seen(highlight, system), (theme, name,
                                                                             system)
