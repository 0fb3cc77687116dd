"""A small file of the notes store read again only when its status changed (a bucket of the
catalogue, the journal of an import): its status, whether it changed on disk since it was last
read here, and reading or replacing its bytes with the store's one-line errors."""

from __future__ import annotations

import os
from pathlib import Path

from annotations.errors import StoreReadError, StoreWriteError
from annotations.fileops import MAX_FILE_BYTES, Fingerprint, fingerprint, problem, write_atomically
from articles.sources.regular_file import open_regular, read_at_most


def stat_or_none(path: Path) -> os.stat_result | None:
    """The file's status, None when it does not exist (any other OS error is a read error)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreReadError(path, problem(exc)) from None


class WatchedFile:
    """One file and the fingerprint of its status as last read here (None: not read, or
    missing). Subclasses keep what they parsed from it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fingerprint: Fingerprint | None = None

    def _stat(self) -> os.stat_result | None:
        return stat_or_none(self.path)

    def changed_on_disk(self) -> bool:
        """One stat: whether the file appeared, changed or went since it was last read here."""
        try:
            st: os.stat_result | None = os.stat(self.path)
        except OSError:
            st = None
        return (fingerprint(st) if st is not None else None) != self._fingerprint

    def _read_bytes(self) -> tuple[os.stat_result, bytes] | None:
        """The file's status and bytes, read through one descriptor (None: it went meanwhile);
        the caller records `fingerprint(status)` once it has parsed them."""
        try:
            with open_regular(self.path) as f:
                st = os.fstat(f.fileno())
                return st, read_at_most(f, MAX_FILE_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreReadError(self.path, problem(exc)) from None

    def _replace(self, payload: bytes) -> None:
        """Replace the file by `payload`, durably (the caller holds the store's lock); the
        fingerprint is forgotten if that fails, so the next read looks again."""
        try:
            write_atomically(self.path, payload)
        except OSError as exc:
            self._fingerprint = None
            raise StoreWriteError(self.path, f"cannot write: {problem(exc)}") from None
