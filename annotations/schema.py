"""The layout of the annotations file, its schema version, and the migrations from each earlier
version to the current one (applied in memory on load; the file is rewritten only on the next
change, so loading never writes).

Layout (one TinyDB file; each table maps a document id to a JSON object)::

    {"meta":        {"schema": {"version": 1}},
     "annotations": {"<uuid>": {<annotation record, see codec.py>}},
     "settings":    {"<key>": {"value": <any JSON>}},
     "positions":   {"<article key>": {"offset": <int>, "updated": "<ISO 8601 UTC>"}},
     "imported":    {"<uuid>": {"at": "<ISO 8601 UTC>"}},
     "shards":      {"layout": {"catalogue": "buckets", "buckets": 256}}}

"shards" is there once the notes are kept in one file per article (`<notes file>.<key>.json`,
each with "meta", "annotations" and "imported" only; see layout.py), with the catalogue in
bucket files (buckets.py). In the layout before, it held the catalogue itself:
`{"<key>": {"refs": [["<content hash>", "<path>", "<title>"], ...]}}`, read as it is and moved
to the buckets on the first write (sharding.py).

"imported" marks the annotations that came from an import file: their article paths were
written by someone else, so an export never opens them (it uses the title and quote kept).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotations.errors import CorruptStoreError, StoreVersionError

SCHEMA_VERSION = 1
"""The version this code writes."""

META, ANNOTATIONS, SETTINGS, POSITIONS = "meta", "annotations", "settings", "positions"
IMPORTED = "imported"
SCHEMA_DOC = "schema"

Tables = dict[str, dict[str, dict[str, Any]]]
"""The whole file: table name -> document id -> document."""

Migration = Callable[[Tables], Tables]

MIGRATIONS: dict[int, Migration] = {}
"""`MIGRATIONS[v]` turns a version-v file into a version v+1 file (none yet: version 1 is the
first). Each must be a pure function of its input."""


def empty_tables() -> Tables:
    """A new, empty file at the current version."""
    return {META: {SCHEMA_DOC: {"version": SCHEMA_VERSION}}, ANNOTATIONS: {}}


def check_shape(data: object, path: Path) -> Tables:
    """`data` if it has the shape of a TinyDB file (an object of tables, each an object of
    objects); else CorruptStoreError naming the first thing that is wrong."""
    if not isinstance(data, dict):
        raise CorruptStoreError(
            path, f"wrong shape: the top level is {_kind(data)}, not an object of tables"
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise CorruptStoreError(
                path, f"wrong shape: table {name!r} is {_kind(table)}, not an object"
            )
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                problem = f"document {doc_id!r} of table {name!r} is {_kind(doc)}, not an object"
                raise CorruptStoreError(path, f"wrong shape: {problem}")
    return data


def version_of(data: Tables, path: Path) -> int:
    """The schema version recorded in the file."""
    doc = data.get(META, {}).get(SCHEMA_DOC)
    if doc is None:
        raise CorruptStoreError(
            path, "no schema version (table 'meta'): not a reader annotations file"
        )
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise CorruptStoreError(path, f"schema version {version!r} is not a positive integer")
    return version


def migrate(data: Tables, path: Path, *, current: int | None = None) -> Tables:
    """`data` brought to the current schema version (a new object when anything changed).
    StoreVersionError for a file from a newer reader; CorruptStoreError when a step is missing."""
    target = SCHEMA_VERSION if current is None else current
    version = version_of(data, path)
    if version > target:
        raise StoreVersionError(
            path,
            f"written by a newer reader (schema version {version}; this reader knows up to "
            f"{target}); upgrade reader to use it",
        )
    while version < target:
        step = MIGRATIONS.get(version)
        if step is None:
            raise CorruptStoreError(path, f"no migration from schema version {version}")
        data = check_shape(step(data), path)
        new_version = version_of(data, path)
        if new_version != version + 1:
            raise CorruptStoreError(
                path, f"migration from version {version} produced {new_version}"
            )
        version = new_version
    return data


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", type(None): "null", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
