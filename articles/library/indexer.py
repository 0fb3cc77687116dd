"""Indexing a library: listing its files, taking what the index cache already knows, parsing the
rest (in worker processes when there are many), and building the `Library`.

How a user interface uses it (the article table first, the full index in the background):

    indexer = Indexer()                          # the default cache (READER_CACHE_DIR, ...)
    files = indexer.list_files(paths)
    first = indexer.cache.summaries(keys, limit=50)  # the first page, straight from the index
    scan = indexer.quick_scan(files, details=False)  # in a background thread: what changed
    for entry in indexer.iter_index(scan.pending):   # still in the background
        ...                                      # replace the provisional row of entry.path
    indexer.save()
    library = build_library(indexer.cache.light_entries(summaries))  # mentions left out

Entries are immutable, so the UI thread may read the ones it was given while a background
thread indexes more. `index_all` does all of this in one call, with every mention.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from articles.cache.index_cache import IndexCache, content_hash
from articles.errors import ArticleError
from articles.library.build import Library, build_library
from articles.library.entry import (
    ArticleEntry,
    ArticleSummary,
    entry_from_article,
    error_entry,
    provisional_summary,
)
from articles.parsing.parser import parse
from articles.sources import HTML_SUFFIXES, is_html_path
from articles.sources.regular_file import open_regular, read_at_most
from articles.sources.textio import MAX_BYTES, canonicalize, decode, read_text

ARTICLE_SUFFIXES = frozenset({".txt", *HTML_SUFFIXES})
"""The file name endings a library folder's articles have."""

Progress = Callable[[int, int], None]
"""Called as progress(done, total) after each file is indexed."""

DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
"""Parse in worker processes, one per core (up to four), when there are many files: it keeps
the parsing off the UI process's GIL, and a cold index of 10,000 articles needs both cores of
this machine to stay under a minute (tests/benchmarks/bench_library.py)."""

POOL_THRESHOLD = 150
"""Parse in worker processes only when at least this many files are to be parsed: starting the
workers costs about a third of a second (see tests/benchmarks/bench_library.py)."""


QUICK_HASH_LIMIT = 256 * 1024
"""`quick_scan` reads and hashes a file it does not know only up to this size (news articles are
5-50 KB); a larger one is left to `index_file`, so the first table never waits on big files."""


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What the cache already knew about a library's files, and what is left to index.

    `entries` are complete (from the cache); `pending` are the files still to index, each
    with a provisional summary in `provisional` (its first line as the title), in file order.
    """

    entries: tuple[ArticleEntry, ...]
    pending: tuple[Path, ...]
    provisional: tuple[ArticleSummary, ...]

    @property
    def summaries(self) -> tuple[ArticleSummary, ...]:
        """A row for every file, known or provisional: what the article table shows first."""
        return (*(e.summary for e in self.entries), *self.provisional)


@dataclass(slots=True)
class IndexStats:
    """Counts of what an indexer did: files read and hashed, parsed, and found in the cache."""

    hashed: int = 0
    parsed: int = 0
    from_cache: int = 0


def _read(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes of a regular file not too large to be an article, and its stat; None when it
    cannot be read as such (the caller asks `read_text` for the reason). A file swapped for a
    FIFO or a device after the listing is refused after opening, without waiting on it."""
    try:
        with open_regular(path) as f:
            st = os.fstat(f.fileno())
            return read_at_most(f, MAX_BYTES), st
    except OSError:
        return None


def _head(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a regular file (for a provisional title); empty if it cannot be read."""
    try:
        with open_regular(path) as f:
            return f.read(size)
    except OSError:
        return b""


def _unreadable(path: Path) -> ArticleEntry:
    """The error entry of a file `_read` refused, with the reason `read_text` gives."""
    try:
        read_text(path)
    except ArticleError as exc:
        return error_entry(path, exc.problem)
    return error_entry(path, "cannot be read")


def entry_from_bytes(path: Path, data: bytes) -> tuple[ArticleEntry, bool]:
    """Parse a file's bytes into its entry; also whether the entry may be cached (not when the
    parser failed unexpectedly: a later version may do better)."""
    if is_html_path(path):
        return _entry_from_page(path, data)
    try:
        text = canonicalize(decode(data, path))
        if not text.strip():
            raise ArticleError(path, "the file holds no text (only white space)")
    except ArticleError as exc:
        return error_entry(path, exc.problem), True
    try:
        return entry_from_article(parse(text, path=path), path), True
    except Exception as exc:  # a parser bug must not take the whole library down
        return error_entry(path, f"could not be parsed ({type(exc).__name__}: {exc})"), False


def _entry_from_page(path: Path, data: bytes) -> tuple[ArticleEntry, bool]:
    """The entry of a saved web page, read by the web page loader."""
    from articles.sources.loader import article_of_bytes

    try:
        return entry_from_article(article_of_bytes(data, path=path, where=path), path), True
    except ArticleError as exc:
        return error_entry(path, exc.problem), True
    except Exception as exc:  # as for text files: one bad page must not stop the library
        return error_entry(path, f"could not be read ({type(exc).__name__}: {exc})"), False


class Indexer:
    """Indexes article files through an `IndexCache` (the default one when not given)."""

    def __init__(self, cache: IndexCache | None = None, workers: int | None = None) -> None:
        self.cache = cache if cache is not None else IndexCache()
        self.workers = workers if workers is not None else DEFAULT_WORKERS
        self.stats = IndexStats()
        self._lock = threading.Lock()

    def _count(self, field: str) -> None:
        with self._lock:
            setattr(self.stats, field, getattr(self.stats, field) + 1)

    @staticmethod
    def list_files(paths: Iterable[str | Path]) -> list[Path]:
        """The article files of `paths`: a directory gives its files of `ARTICLE_SUFFIXES`,
        recursively and sorted (hidden ones skipped); any other path is taken as a file (if it
        cannot be read, indexing says why). Each file once, in the order given."""
        files: dict[Path, None] = {}
        for raw in paths:
            path = Path(raw)
            if path.is_dir():
                files.update(dict.fromkeys(sorted(_walk(path))))
            else:
                files[path] = None
        return list(files)

    def quick_scan(self, files: Sequence[Path], details: bool = True) -> ScanResult:
        """What the cache knows about `files`, without parsing: unchanged files (same size and
        mtime) are not even read; others (up to `QUICK_HASH_LIMIT`) are read and hashed, and
        found by content if the cache has it (a moved or touched file). The rest is pending,
        with a provisional summary. With `details=False` the entries found hold their summary
        only (no people or documents): enough for the article table."""
        entries: list[ArticleEntry] = []
        pending: list[Path] = []
        provisional: list[ArticleSummary] = []
        for path in files:
            entry, head = self._from_cache(path, details)
            if entry is not None:
                entries.append(entry)
            else:
                pending.append(path)
                provisional.append(provisional_summary(path, head))
        return ScanResult(tuple(entries), tuple(pending), tuple(provisional))

    def _from_cache(self, path: Path, details: bool = True) -> tuple[ArticleEntry | None, bytes]:
        try:
            st = path.stat()
        except OSError:
            return None, b""
        digest = self.cache.known_hash(path, st)
        if digest is not None:
            entry = self._cached(digest, path, details)
            if entry is not None:
                self._count("from_cache")
                return entry, b""
        if st.st_size > QUICK_HASH_LIMIT:
            return None, _head(path)
        read = _read(path)
        if read is None:
            return None, b""
        data, st = read
        digest = content_hash(data)
        self._count("hashed")
        entry = self._cached(digest, path, details)
        if entry is not None:
            self.cache.remember(path, st, digest)
            self._count("from_cache")
        return entry, data[:4096]

    def _cached(self, digest: str, path: Path, details: bool) -> ArticleEntry | None:
        if details:
            return self.cache.load(digest, path)
        summary = self.cache.summary(digest, path)
        return ArticleEntry(summary) if summary is not None else None

    def index_file(self, path: Path) -> ArticleEntry:
        """The entry of one file: from the cache if its content is known, else parsed and
        cached. An unreadable file gives an entry whose summary has `error` (also cached, by
        content, when the file could be read at all). Never raises; safe from any thread."""
        read = _read(path)
        if read is None:
            return _unreadable(path)
        data, st = read
        digest = content_hash(data)
        self._count("hashed")
        cached = self.cache.load(digest, path)
        if cached is not None:
            self._count("from_cache")
            self.cache.remember(path, st, digest)
            return cached
        entry, cacheable = entry_from_bytes(path, data)
        self._count("parsed")
        if cacheable:
            self.cache.store(digest, entry)
            self.cache.remember(path, st, digest)
        return entry

    def iter_index(self, files: Sequence[Path], workers: int | None = None
                   ) -> Iterator[ArticleEntry]:
        """Index `files`, yielding each entry as it is ready (in worker processes when there are
        at least `POOL_THRESHOLD` files and more than one worker; the order may then differ).
        Closing the iterator early stops the work."""
        count = self.workers if workers is None else workers
        if count <= 1 or len(files) < POOL_THRESHOLD:
            for path in files:
                yield self.index_file(path)
            return
        done: set[Path] = set()
        try:
            for entry in self._in_pool(files, count):
                done.add(entry.path)
                yield entry
        except (BrokenProcessPool, OSError, RuntimeError):
            for path in files:
                if path not in done:
                    yield self.index_file(path)

    def _in_pool(self, files: Sequence[Path], count: int) -> Iterator[ArticleEntry]:
        context = multiprocessing.get_context("spawn")
        with _stderr_with_a_file():  # the resource tracker starts here
            pool = ProcessPoolExecutor(count, mp_context=context)
        try:
            with _stderr_with_a_file():  # and the workers at the first submits
                futures: dict[Future[_WorkerResult], Path] = {
                    pool.submit(_parse_in_worker, str(path)): path for path in files
                }
            for future in as_completed(futures):
                path = futures[future]
                try:
                    entry, record = future.result()
                except (BrokenProcessPool, OSError, RuntimeError):
                    raise
                except Exception:
                    entry, record = self.index_file(path), None
                if record is not None:
                    st, digest = record
                    self._count("parsed")
                    self.cache.store(digest, entry)
                    self.cache.remember(path, st, digest)
                yield entry
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def index_all(self, paths: Iterable[str | Path], progress: Progress | None = None
                  ) -> Library:
        """List, scan and index every file of `paths`, save the cache and build the library."""
        files = self.list_files(paths)
        scan = self.quick_scan(files)
        entries = list(scan.entries)
        if progress is not None:
            progress(len(entries), len(files))
        for entry in self.iter_index(scan.pending):
            entries.append(entry)
            if progress is not None:
                progress(len(entries), len(files))
        self.save()
        return build_library(entries)

    def save(self) -> None:
        """Write what was learned about the files to the cache, and drop old entries."""
        self.cache.save()
        self.cache.prune()


_WorkerResult = tuple[ArticleEntry, "tuple[os.stat_result, str] | None"]


def _parse_in_worker(path: str) -> _WorkerResult:
    """In a worker process: parse one file (the parent looked in the cache first, and stores
    what comes back); returns the entry and (stat, hash) for the parent to record, or None if it
    must not be cached."""
    read = _read(Path(path))
    if read is None:
        return _unreadable(Path(path)), None
    data, st = read
    entry, cacheable = entry_from_bytes(Path(path), data)
    return entry, (st, content_hash(data)) if cacheable else None


@contextlib.contextmanager
def _stderr_with_a_file() -> Iterator[None]:
    """A real file as `sys.stderr` meanwhile, if it has none: a Textual app replaces it with an
    object whose fileno() is -1, which multiprocessing cannot hand to a worker it starts."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = saved


def _walk(root: Path) -> Iterator[Path]:
    """The article files under `root`, hidden files and directories skipped (unsorted). Uses
    `os.scandir`, whose entries know their type without a `stat` per file on most file systems
    (10,000 files are listed in milliseconds)."""
    pending = [str(root)]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name[0] == ".":
                        continue
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            pending.append(entry.path)
                        elif (os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES
                              and entry.is_file()):
                            yield Path(entry.path)
                    except OSError:
                        continue
        except OSError:
            continue
