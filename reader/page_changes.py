"""Telling the user what a refresh of a web page did to their notes: the page's article text
changed, so its notes re-anchored (or became orphans) as after an edited file."""

from __future__ import annotations

from annotations.anchoring import anchor_all
from annotations.store import Store
from articles import Article


def refresh_message(store: Store, before: Article | None, after: Article) -> str | None:
    """One line on what a refresh changed, or None when the article text is the same (or the
    page was not stored before)."""
    if before is None:
        return None
    if before.id == after.id:
        return "The page's article text has not changed since it was stored."
    notes = store.for_article(after)
    if not notes:
        return "The page's article text changed since it was stored (no notes on it)."
    anchored = anchor_all(after.text, notes)
    orphans = sum(1 for a in anchored if a.is_orphan)
    kept = len(anchored) - orphans
    return (f"The page's article text changed since it was stored: {kept} note(s) re-anchored, "
            f"{orphans} could not be placed (listed under Unanchored).")
