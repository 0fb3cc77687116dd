"""Highlights and notes on articles, kept in one TinyDB file that never loses a note: the model,
the durable store, anchoring to edited text, and export/import. No user interface here."""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from annotations.set_aside import move_aside
    from annotations.store import Store

_HOME = {
    "Anchored": "anchoring", "anchor": "anchoring", "anchor_all": "anchoring",
    "AnnotationError": "errors", "CorruptStoreError": "errors", "StoreError": "errors",
    "StoreLockTimeout": "errors", "StoreReadError": "errors", "StoreVersionError": "errors",
    "StoreWriteError": "errors", "COLORS": "model", "Annotation": "model",
    "ArticleRef": "model", "Target": "model", "new_annotation": "model",
    "default_path": "paths", "resolve_db_path": "paths", "Store": "store",
    "move_aside": "set_aside",
}


def __getattr__(name: str) -> Any:
    """Import a name's module on first use, so `import annotations.errors` stays cheap."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'annotations' has no attribute {name!r}")
    return getattr(import_module(f"annotations.{module}"), name)


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
