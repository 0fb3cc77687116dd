"""The serial background worker: order, errors delivered, and work after shutdown not lost."""

from __future__ import annotations

from collections.abc import Callable

from reader.background import SerialWorker


def test_operations_run_in_order_and_report_back() -> None:
    delivered: list[Callable[[], None]] = []
    worker = SerialWorker(delivered.append)
    seen: list[int] = []
    results: list[int] = []
    for i in range(20):
        worker.submit(lambda i=i: seen.append(i) or i, results.append)
    assert worker.wait_idle(5)
    for callback in delivered:
        callback()
    assert seen == list(range(20))
    assert results == list(range(20))
    worker.shutdown()


def test_an_error_is_delivered_not_lost() -> None:
    delivered: list[Callable[[], None]] = []
    worker = SerialWorker(delivered.append)
    errors: list[Exception] = []

    def fail() -> None:
        raise OSError("disk full")

    worker.submit(fail, None, errors.append)
    assert worker.wait_idle(5)
    for callback in delivered:
        callback()
    assert [str(e) for e in errors] == ["disk full"]
    worker.shutdown()


def test_work_submitted_after_shutdown_still_runs() -> None:
    worker = SerialWorker(lambda callback: None)
    worker.shutdown()
    done: list[str] = []
    worker.submit(lambda: done.append("saved"))
    assert done == ["saved"]
