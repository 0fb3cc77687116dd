"""regular_file: only regular files are read, and every read stops at its limit."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from articles.sources.regular_file import FileTooLarge, NotRegularFile, read_regular


def test_reads_a_regular_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"hello")
    assert read_regular(p, 5) == b"hello"


def test_limit_holds_while_reading(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 11)
    with pytest.raises(FileTooLarge):
        read_regular(p, 10)


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done: list[BaseException] = []

    def attempt() -> None:
        try:
            read_regular(fifo, 100)
        except BaseException as exc:
            done.append(exc)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading a FIFO hung"
    assert isinstance(done[0], NotRegularFile) and "FIFO" in str(done[0])


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    with pytest.raises(NotRegularFile, match="character device"):
        read_regular(device, 100)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFile, match="directory"):
        read_regular(tmp_path, 100)


def test_indexer_refuses_a_file_swapped_for_a_fifo_after_listing(tmp_path: Path) -> None:
    from articles.cache.index_cache import IndexCache
    from articles.library.indexer import Indexer

    article = tmp_path / "a.txt"
    article.write_text("A title\n\nSome text of the article.\n")
    indexer = Indexer(IndexCache(tmp_path / "cache"), workers=1)
    assert indexer.list_files([tmp_path]) == [article]
    article.unlink()
    os.mkfifo(article)  # swapped after the listing
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(indexer.index_file(article)),
                              daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "indexing a FIFO hung"
    assert "FIFO" in str(found[0])
