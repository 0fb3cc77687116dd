"""safe_text: control and bidi characters become visible, one character for one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.safe_text import BIDI_CONTROLS, one_line, visible


def test_escape_and_bidi_controls_are_visible() -> None:
    shown = visible("a\x1b]0;PWNED\x07b\u202eevil\u2066x\u2069\u200e\u200f\u061c\x9b")
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert not any(chr(c) in shown for c in BIDI_CONTROLS)
    assert shown.startswith("a␛]0;PWNED␇b�evil�x")


@given(st.text())
def test_visible_keeps_length_and_shows_no_control(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    for ch in shown:
        code = ord(ch)
        assert ch == "\n" or not (code < 0x20 or 0x7F <= code < 0xA0)
        assert code not in BIDI_CONTROLS
    assert "\n" not in one_line(text)
