"""An add in the app, in a store of per-article files: the check that the note is not stored
yet (a retry) looks in its article's files only, never by listing every file."""

from __future__ import annotations

from pathlib import Path

from annotations import Store
from annotations.layout import shard_key
from reader.screens.article.note_saving import _add_once
from tests.annotations.test_buckets import library, on


def test_an_add_in_the_app_looks_for_its_id_in_its_article_s_files_only(tmp_path: Path) -> None:
    """The app checks a note is not stored yet before adding it (a retry): never by listing."""
    db_path = tmp_path / "annotations.json"
    Store(db_path).add_many(library(20))
    store = Store(db_path)
    new = on(91000, 3)
    assert store.get(new.id, article=new.article) is None
    assert _add_once(store, new) == new and _add_once(store, new) == new
    assert set(store._files.shards) <= {shard_key(new.article)} and not store._files.listed
    assert Store(db_path).get(new.id) == new
