"""Parsed articles kept on disk, so that an article read before opens at once: neither imported
nor run, the parser is needed only for articles it has not seen.

Layout, under the cache root (`READER_CACHE_DIR`, else the user cache dir's `reader`):

    articles/v<codec format>-<parser fingerprint>/<article id>.json

- An entry is keyed by the article's id, a hash of its canonical text, so any change to the
  file's content is a different entry; the parser fingerprint (its modules' names, sizes and
  modification times) keeps the entries of another parser apart. Directories of other
  fingerprints are deleted once unused for a day.
- Only articles whose people and documents were found are kept.
- Writes are atomic (a temporary file, then `os.replace`) and not synced: a damaged entry is only
  dropped and made again. No cache failure is ever fatal: reading falls back to parsing.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

import orjson

from articles.cache.article_codec import FORMAT, CodecError, decode, encode
from articles.cache.files import CACHE_ENV, user_cache_root, write_atomic
from articles.cache.fingerprint import parser_fingerprint
from articles.model import Article
from articles.sources.textio import article_id

OLD_VERSION_SECONDS = 24 * 3600.0
"""The entries of another parser are deleted when their directory is unused this long."""

_VERSION_DIR = re.compile(r"v\d+-[0-9a-f]{16}")


def default_root() -> Path:
    """`READER_CACHE_DIR` when set, else `<user cache dir>/reader`."""
    env = os.environ.get(CACHE_ENV, "").strip()
    return Path(env).expanduser() if env else user_cache_root()


class ArticleCache:
    """The parsed articles of one parser version, on disk (see the module docstring)."""

    def __init__(self, root: Path | None = None) -> None:
        base = (root if root is not None else default_root()) / "articles"
        self.directory = base / f"v{FORMAT}-{parser_fingerprint()}"
        self.problems: list[str] = []

    def entry_path(self, text: str) -> Path:
        """Where the article with canonical text `text` is kept."""
        return self.directory / f"{article_id(text)}.json"

    def get(self, text: str, path: Path | None = None) -> Article | None:
        """The parsed article whose canonical text is `text`, if kept (at `path`)."""
        entry = self.entry_path(text)
        try:
            data = orjson.loads(entry.read_bytes())
            article = decode(data, text, path)
        except FileNotFoundError:
            return None
        except (OSError, orjson.JSONDecodeError, CodecError) as exc:
            self.problems.append(f"{entry}: {exc}")
            with contextlib.suppress(OSError):
                entry.unlink()
            return None
        return article if article.id == entry.stem else None

    def put(self, article: Article) -> None:
        """Keep `article` (only when its people and documents were found); never raises."""
        if not article.entities_found:
            return
        entry = self.entry_path(article.text)
        try:
            fresh = not self.directory.exists()
            write_atomic(entry, orjson.dumps(encode(article)))
            if fresh:
                self._drop_old_versions()
        except OSError as exc:
            self.problems.append(f"{entry}: cannot write: {exc.strerror or exc}")

    def _drop_old_versions(self) -> None:
        now = time.time()
        with contextlib.suppress(OSError):
            for sibling in self.directory.parent.iterdir():
                if sibling == self.directory or not _VERSION_DIR.fullmatch(sibling.name):
                    continue
                with contextlib.suppress(OSError):
                    if now - sibling.stat().st_mtime >= OLD_VERSION_SECONDS:
                        import shutil

                        shutil.rmtree(sibling, ignore_errors=True)

