"""Where the notes of a store live (docs/design.md §5).

A store is the notes file the user names (`annotations.json`) and, once it holds many notes,
one file per article beside it. The notes file always holds the settings and reading positions;
a small store keeps its notes in it too (its `annotations` table). When a write would leave
`SHARD_AT` notes or more in it, they move into per-article files
(`annotations.json.<key>.json`, each a notes file of its own: schema version, an `annotations`
table and the import marks of its notes), and the notes file's table `shards` holds only the
layout (`LAYOUT_KEY`): the catalogue, which files hold the notes made on which content hash,
path or title, is kept in `BUCKETS` small files by hash (annotations/buckets.py), so that
opening an article reads the notes file, at most three buckets and the one or two files its
notes are in, never a list of every article.

A note stays in the file it was first written to (the key of its article's path, or of its
content hash for an article with no path); a reattached note adds its new reference to the
buckets. The buckets are written before the article file they point to, so a crash between the
two leaves a pointer to nothing new, never a note nobody finds. A store of the layout before
(table `shards` listing every file's references in the notes file) is read as it is and moved
to the buckets on its first write, with a backup of the notes file kept (sharding.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from annotations.fileops import TEMP_SUFFIX, pid_alive
from annotations.model import ArticleRef
from annotations.next_version import NEXT_SUFFIX

SHARD_AT = 1000
"""Notes kept in the notes file itself before they move to one file per article: below it,
reading the whole file costs a few milliseconds; above it, cost would grow with every note."""
SHARDS = "shards"
"""The catalogue table (present once the store keeps its notes in per-article files)."""
BACKUP_INFIX = ".backup-"
BUCKETS = 256
"""Files the catalogue is spread over (by the first two hex digits of a term's hash)."""
LAYOUT_KEY = "layout"
LAYOUT_DOC = {"catalogue": "buckets", "buckets": BUCKETS}
"""The one document of table `shards` in a notes file whose catalogue is in buckets (an
earlier reader refuses it: 'layout' is not one of its catalogue entries)."""
JOURNAL_SUFFIX = ".journal"
"""`<notes file>.journal`: the notes an import is adding, while it adds them (batch.py)."""

KEY_PATTERN = re.compile(r"[0-9a-f]{16}")


def shard_key(ref: ArticleRef) -> str:
    """The key of the file a new note on this article goes to."""
    basis = ref.path or f"id:{ref.id}"
    return hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def shard_path(db: Path, key: str) -> Path:
    """The per-article file of `key`, beside the notes file `db`."""
    if not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"{key!r} is not a shard key")
    return db.with_name(f"{db.name}.{key}.json")


def shard_files(db: Path) -> Iterator[Path]:
    """The per-article files present beside `db` (listed or not in its catalogue)."""
    prefix = f"{db.name}."
    try:
        names = os.listdir(db.parent)
    except OSError:
        return
    for name in names:
        key = name[len(prefix):-len(".json")]
        if name.startswith(prefix) and name.endswith(".json") and KEY_PATTERN.fullmatch(key):
            yield db.parent / name


def is_store_file(path: Path, db: Path) -> bool:
    """Whether `path` names a file of the store of `db` (the notes file, its lock, a per-article
    file, a temporary or prepared version, a backup or a file set aside), through links too."""
    real_db = Path(os.path.realpath(db))
    for base in {db, real_db}:
        for candidate in {path, Path(os.path.realpath(path))}:
            if candidate.parent != base.parent and (
                os.path.realpath(candidate.parent) != os.path.realpath(base.parent)
            ):
                continue
            name = candidate.name
            if name == base.name or name.startswith((f"{base.name}.", f".{base.name}.")):
                return True
    return False


def backup_name(db: Path, stamp: str) -> Path:
    """A free name for the copy of an old notes file kept when it is migrated."""
    for n in range(100):
        candidate = db.with_name(f"{db.name}{BACKUP_INFIX}{stamp}" + (f"-{n}" if n else ""))
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(f"{db}: too many backups this second")


def remove_stale_temp_files(db: Path) -> None:
    """Delete the temporary files that writers killed mid-write left beside `db`, for the notes
    file and every per-article file (a prepared `.next` version only once the process that made
    it has ended). Safe only under the store's lock: no other writer can be using one."""
    prefix = f".{db.name}."
    try:
        names = os.listdir(db.parent)
    except OSError:
        return
    for name in names:
        if not name.startswith(prefix):
            continue
        rest = name[len(prefix):].split(".")
        if name.endswith(NEXT_SUFFIX):
            if len(rest) > 2 and KEY_PATTERN.fullmatch(rest[0]) and rest[1] == "json":
                rest = rest[2:]  # a per-article file's: .<db>.<key>.json.<pid>.<random>.next
            if not rest[0].isdigit() or pid_alive(int(rest[0])):
                continue
        elif not name.endswith(TEMP_SUFFIX):
            continue
        with contextlib.suppress(OSError):
            os.unlink(db.parent / name)
