"""Schema versions and migrations. Version 1 is the only real version so far, so the migration
path is exercised with a stand-in: the test pretends the current version is 2 and that version 1
kept tags as one comma-separated string and the colour under "colour"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from annotations import CorruptStoreError, Store, StoreVersionError, schema
from annotations.codec import to_record
from annotations.importing import parse

from .helpers import plain


def _legacy_record(i: int) -> dict[str, Any]:
    record = to_record(plain(i))
    record["tags"] = ",".join(record["tags"] + ["legacy"])
    record["colour"] = record.pop("color")
    return record


def _v1_to_v2(data: schema.Tables) -> schema.Tables:
    out = {name: dict(table) for name, table in data.items()}
    new_records = {}
    for key, record in data.get("annotations", {}).items():
        record = dict(record)
        record["tags"] = [t for t in record["tags"].split(",") if t]
        record["color"] = record.pop("colour")
        new_records[key] = record
    out["annotations"] = new_records
    out["meta"] = {"schema": {"version": 2}}
    return out


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, _v1_to_v2)


def test_the_real_schema_is_version_1_with_no_migrations_yet() -> None:
    assert schema.SCHEMA_VERSION == 1 and schema.MIGRATIONS == {}


@pytest.mark.usefixtures("version_2")
def test_a_version_1_file_is_migrated_in_memory_and_rewritten_only_on_change(db_path: Path) -> None:
    records = {r["id"]: r for r in (_legacy_record(1), _legacy_record(2))}
    content = orjson.dumps({"meta": {"schema": {"version": 1}}, "annotations": records})
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)

    store = Store(db_path)
    loaded = store.all()
    assert [a.tags for a in loaded] == [("t", "legacy"), ("t", "legacy")]
    assert [a.color for a in loaded] == ["yellow", "yellow"]
    assert db_path.read_bytes() == content  # loading never writes

    store.add(plain(3))
    data = orjson.loads(db_path.read_bytes())
    assert data["meta"]["schema"]["version"] == 2
    assert all(
        "colour" not in r and isinstance(r["tags"], list) for r in data["annotations"].values()
    )
    assert len(Store(db_path).all()) == 3


@pytest.mark.usefixtures("version_2")
def test_an_exported_version_1_file_is_migrated_on_import() -> None:
    export = {"format": "reader-annotations", "schema": 1, "annotations": [_legacy_record(5)]}
    (a,) = parse(orjson.dumps(export))
    assert a.tags == ("t", "legacy") and a.id == plain(5).id


@pytest.mark.usefixtures("version_2")
def test_a_newer_file_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b'{"meta": {"schema": {"version": 3}}, "annotations": {}}')
    with pytest.raises(StoreVersionError, match="schema version 3; this reader knows up to 2"):
        Store(db_path).add(plain(1))
    assert db_path.read_bytes() == b'{"meta": {"schema": {"version": 3}}, "annotations": {}}'


def test_a_missing_migration_step_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(schema.MIGRATIONS, 1, _v1_to_v2)
    data: schema.Tables = {"meta": {"schema": {"version": 1}}, "annotations": {}}
    with pytest.raises(CorruptStoreError, match="no migration from schema version 2"):
        schema.migrate(data, tmp_path / "f.json")
