"""Modal dialogs: the note editor, confirmations, the colour picker, help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

Ask = Callable[[Screen[Any], Callable[[Any], None]], object]
"""Shows a dialog and hands its answer to the callback (the app's `push_screen`): how code that
asks the user something is handed the app, without the screen."""
