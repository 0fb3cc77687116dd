"""The lock two running copies share around every read-modify-write of a store
(`<notes file>.lock`, made on the first write: opening the reader takes no lock)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from annotations.errors import StoreLockTimeout, StoreWriteError
from annotations.storage import make_private_dirs

if TYPE_CHECKING:
    import filelock


class StoreLock:
    """The cross-process lock of the store whose notes file is `real`."""

    def __init__(self, real: Path, timeout: float) -> None:
        self.real = real
        self.timeout = timeout
        self._lock: filelock.FileLock | None = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock (creating the directory first); StoreLockTimeout after `timeout`."""
        try:
            make_private_dirs(self.real.parent)
        except OSError as exc:
            raise StoreWriteError(
                self.real, f"cannot create the directory: {exc.strerror or exc}"
            ) from None
        import filelock  # imported on the first write

        if self._lock is None:
            self._lock = filelock.FileLock(f"{self.real}.lock", timeout=self.timeout,
                                           mode=0o600, thread_local=False)
        lock = self._lock
        try:
            lock.acquire()
        except filelock.Timeout:
            raise StoreLockTimeout(
                self.real, f"another process has held the lock for over {self.timeout:g} s"
            ) from None
        except OSError as exc:
            raise StoreWriteError(self.real, f"cannot lock: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            lock.release()
