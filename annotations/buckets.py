"""The catalogue of a store's per-article files, in buckets (annotations/layout.py): which
files may hold notes made on an article of a given content hash, path or title.

Each of the three is a *term* (`id:<hash>`, `path:<path>`, `title:<title>`), hashed; the first
two hex digits of the hash choose one of `BUCKETS` small files beside the notes file
(`<notes file>.catalogue-<xx>.json`), which maps the term's hash to the keys of the files that
hold notes with it. Opening an article reads at most three buckets, each holding about
1/256th of the store's terms: the cost does not follow the number of articles stored the way
one catalogue in the notes file did. A bucket only ever gains keys (a key that points to a
file without such notes costs one read: the file's own index decides), so it is written before
the file it points to, and a crash between the two leaves a pointer to nothing new, never a
note nobody finds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from annotations import schema
from annotations.encoding import parse_bytes
from annotations.errors import CorruptStoreError
from annotations.fileops import fingerprint
from annotations.layout import BUCKETS, KEY_PATTERN
from annotations.model import ArticleRef
from annotations.watched_file import WatchedFile

TERMS = "terms"
"""The bucket's table: term hash -> {"keys": [file key, ...]}."""
_HASH_CHARS = 32


def bucket_path(db: Path, bucket: str) -> Path:
    """The bucket file `bucket` (two hex digits) of the store whose notes file is `db`."""
    return db.with_name(f"{db.name}.catalogue-{bucket}.json")


def bucket_paths(db: Path) -> list[Path]:
    """Every bucket file name of the store (present or not)."""
    return [bucket_path(db, f"{b:02x}") for b in range(BUCKETS)]


def terms(ref: ArticleRef) -> list[str]:
    """The hashed terms an article reference is found by: its content hash, path and title."""
    out = []
    for kind, value in (("id", ref.id), ("path", ref.path), ("title", ref.title)):
        if value:
            raw = f"{kind}:{value}".encode("utf-8", "surrogatepass")
            out.append(hashlib.sha256(raw).hexdigest()[:_HASH_CHARS])
    return out


def _checked(tables: schema.Tables, path: Path) -> dict[str, list[str]]:
    """term hash -> keys, every entry checked (CorruptStoreError naming the first bad one)."""
    out: dict[str, list[str]] = {}
    for term, doc in tables.get(TERMS, {}).items():
        keys = doc.get("keys")
        if (len(term) != _HASH_CHARS or type(keys) is not list or doc.keys() != {"keys"}
                or not all(type(k) is str and KEY_PATTERN.fullmatch(k) for k in keys)):
            raise CorruptStoreError(path, f"catalogue term {term[:40]!r} is not a bucket entry")
        out[term] = keys
    return out


class Bucket(WatchedFile):
    """One bucket file, read again only when its status changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._raw: bytes | None = None
        self.entries: dict[str, list[str]] = {}

    def read(self, *, by_content: bool = False) -> dict[str, list[str]]:
        """The entries (none when the file is missing). With `by_content` (under the lock,
        before a write) the bytes are compared, not only the status."""
        st = self._stat()
        if st is not None and fingerprint(st) == self._fingerprint and not by_content:
            return self.entries
        read = self._read_bytes() if st is not None else None
        if read is None:
            self._fingerprint, self._raw, self.entries = None, None, {}
            return self.entries
        st, raw = read
        if raw != self._raw:
            self.entries = _checked(parse_bytes(raw, self.path), self.path)
            self._raw = raw
        self._fingerprint = fingerprint(st)
        return self.entries

    def write(self, entries: dict[str, list[str]]) -> None:
        """Replace the file by these entries, durably (the caller holds the store's lock)."""
        data: dict[str, Any] = {
            schema.META: {schema.SCHEMA_DOC: {"version": schema.SCHEMA_VERSION}},
            TERMS: {t: {"keys": keys} for t, keys in sorted(entries.items())},
        }
        payload = orjson.dumps(data)
        self._replace(payload)
        self.entries, self._raw = entries, payload
        st = self._stat()
        self._fingerprint = fingerprint(st) if st is not None else None


class Buckets:
    """The store's buckets, each read when a lookup needs it. Not thread-safe (the store holds
    its mutex)."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._open: dict[str, Bucket] = {}

    def _bucket(self, term: str) -> Bucket:
        name = term[:2]
        found = self._open.get(name)
        if found is None:
            found = self._open[name] = Bucket(bucket_path(self.db, name))
        return found

    def keys_for(self, ref: ArticleRef) -> set[str]:
        """The files that may hold notes of this article (its hash, path or title listed)."""
        keys: set[str] = set()
        for term in terms(ref):
            keys.update(self._bucket(term).read().get(term, ()))
        return keys

    def add(self, listed: Mapping[str, Iterable[ArticleRef]]) -> None:
        """Make the buckets list each key for its references (under the lock; each bucket
        read by content first, and written only when it gains a key)."""
        wanted: dict[str, dict[str, set[str]]] = {}
        for key, refs in listed.items():
            for ref in refs:
                for term in terms(ref):
                    wanted.setdefault(term[:2], {}).setdefault(term, set()).add(key)
        for name in sorted(wanted):
            bucket = self._bucket(name)
            entries = bucket.read(by_content=True)  # what the file holds, not what was read
            if all(keys <= set(entries.get(t, ())) for t, keys in wanted[name].items()):
                continue
            merged = dict(entries)
            for term, keys in wanted[name].items():
                merged[term] = sorted(set(merged.get(term, ())) | keys)
            bucket.write(merged)

    def all_keys(self) -> set[str]:
        """Every key any bucket lists (reads every bucket present)."""
        keys: set[str] = set()
        for path in bucket_paths(self.db):
            bucket = self._open.get(path.name[-7:-5])
            if bucket is None:
                if not os.path.lexists(path):
                    continue
                bucket = self._bucket(path.name[-7:-5])
            for listed in bucket.read().values():
                keys.update(listed)
        return keys

    def changed_on_disk(self) -> bool:
        """Whether a bucket read here changed (one stat each)."""
        return any(b.changed_on_disk() for b in self._open.values())


def rebuild_bucket(db: Path, name: str, refs_of: Iterable[tuple[str, Iterable[ArticleRef]]]
                   ) -> Path:
    """Write bucket `name` anew from (key, the article references its file holds) of every
    per-article file (after the one there was set aside, corrupt); under the lock."""
    entries: dict[str, set[str]] = {}
    for key, refs in refs_of:
        for ref in refs:
            for term in terms(ref):
                if term[:2] == name:
                    entries.setdefault(term, set()).add(key)
    bucket = Bucket(bucket_path(db, name))
    bucket.write({t: sorted(keys) for t, keys in entries.items()})
    return bucket.path
