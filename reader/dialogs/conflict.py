"""The question asked when a note was changed (or deleted) elsewhere in a way that cannot be
merged with the change just made here: keep mine, or keep theirs. Never decided silently."""

from __future__ import annotations

from annotations.model import Annotation
from reader.dialogs.choice import ChoiceDialog
from reader.render.text import shorten

KEEP_MINE = "mine"
KEEP_THEIRS = "theirs"


def describe(a: Annotation | None) -> str:
    """One annotation in a few lines: passage, note, tags and colour (all shown as text)."""
    if a is None:
        return "  (deleted)"
    lines = [f"  “{shorten(a.target.exact, 70)}”", f"  colour {a.color}"]
    if a.note:
        lines.append(f"  ✎ {shorten(a.note, 70)}")
    if a.tags:
        lines.append("  " + shorten(" ".join(f"#{t}" for t in a.tags), 70))
    return "\n".join(lines)


def conflict_dialog(kind: str, mine: Annotation | None, theirs: Annotation | None
                    ) -> ChoiceDialog:
    """Ask which version to keep: `kind` is "update" or "remove" (what was done here); `mine`
    is None when this copy deleted it, `theirs` None when it was deleted elsewhere."""
    if theirs is None:
        title = "This note was deleted elsewhere"
        choices = [(KEEP_MINE, "Keep mine (save it again)"),
                   (KEEP_THEIRS, "Let it go (it stays deleted)")]
    elif kind == "remove":
        title = "This note was changed elsewhere"
        choices = [(KEEP_THEIRS, "Keep their version (do not delete)"),
                   (KEEP_MINE, "Delete it anyway")]
    else:
        title = "This note was changed elsewhere too"
        choices = [(KEEP_MINE, "Keep mine"), (KEEP_THEIRS, "Keep theirs")]
    body = ("Your change and the one made elsewhere (another window, or the command line) "
            f"touch the same field.\n\nYours:\n{describe(mine)}\n\nTheirs:\n{describe(theirs)}")
    return ChoiceDialog(title, body, choices)
