"""Highlights and notes on articles, kept in one TinyDB file that never loses a note: the model,
the durable store, anchoring to edited text, and export/import. No user interface here."""

from annotations.anchoring import Anchored, anchor, anchor_all
from annotations.errors import (
    AnnotationError,
    CorruptStoreError,
    StoreError,
    StoreLockTimeout,
    StoreReadError,
    StoreVersionError,
    StoreWriteError,
)
from annotations.model import COLORS, Annotation, ArticleRef, Target, new_annotation
from annotations.paths import default_path, resolve_db_path
from annotations.store import Store, move_aside

__all__ = [
    "COLORS",
    "Anchored",
    "Annotation",
    "AnnotationError",
    "ArticleRef",
    "CorruptStoreError",
    "Store",
    "StoreError",
    "StoreLockTimeout",
    "StoreReadError",
    "StoreVersionError",
    "StoreWriteError",
    "Target",
    "anchor",
    "anchor_all",
    "default_path",
    "move_aside",
    "new_annotation",
    "resolve_db_path",
]
