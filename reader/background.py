"""Saving without freezing the screen: store operations run one at a time, in order, on one
background thread; results come back to the UI thread through callbacks."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class SerialWorker:
    """Runs submitted functions in submission order on a single thread."""

    def __init__(self, deliver: Callable[[Callable[[], None]], None]) -> None:
        """`deliver` runs a callback on the UI thread (App.call_from_thread)."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-store")
        self._deliver = deliver
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()

    def submit(
        self,
        operation: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Future[Any]:
        """Run `operation` after everything submitted before it; report back on the UI thread."""
        with self._lock:
            self._pending += 1
            self._idle.clear()

        def run() -> None:
            try:
                result = operation()
            except Exception as exc:  # reported to the user, never lost silently
                if on_error is not None:
                    error = exc
                    self._safe_deliver(lambda: on_error(error))
            else:
                if on_done is not None:
                    self._safe_deliver(lambda: on_done(result))
            finally:
                with self._lock:
                    self._pending -= 1
                    if self._pending == 0:
                        self._idle.set()

        try:
            return self._executor.submit(run)
        except RuntimeError:
            # Shut down already (the app is closing): do it now, on this thread.
            run()
            done: Future[Any] = Future()
            done.set_result(None)
            return done

    def _safe_deliver(self, callback: Callable[[], None]) -> None:
        # When the UI has gone (shutting down) the write itself is already durable.
        with contextlib.suppress(RuntimeError):
            self._deliver(callback)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until everything submitted has run; True if it has."""
        return self._idle.wait(timeout)

    @property
    def busy(self) -> bool:
        """Whether anything is still waiting to run."""
        return not self._idle.is_set()

    def shutdown(self) -> None:
        """Finish everything submitted, then stop the thread."""
        self._executor.shutdown(wait=True)
