"""Three-way merge of two edits of one annotation: a field changed on one side only is taken
from that side; a field changed on both sides to different values is a clash."""

from __future__ import annotations

import dataclasses
from typing import Any

from annotations.model import Annotation

MERGED_FIELDS = ("note", "color", "tags", "target", "article")
"""The fields a user (or a command) edits; `id` and `created` never change."""


def merge(base: Annotation, mine: Annotation, theirs: Annotation) -> Annotation | None:
    """The annotation holding both `mine`'s and `theirs`'s changes since `base`, or None when
    they changed the same field to different values. `updated` is the newer of the two."""
    if not base.id == mine.id == theirs.id:
        raise ValueError("merge: the three versions must be of one annotation")
    fields: dict[str, Any] = {}
    for name in MERGED_FIELDS:
        was, ours, other = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if ours == was:
            fields[name] = other
        elif other in (was, ours):
            fields[name] = ours
        else:
            return None
    return dataclasses.replace(theirs, **fields, updated=max(mine.updated, theirs.updated))


__all__ = ["MERGED_FIELDS", "merge"]
