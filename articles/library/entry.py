"""What the library keeps about one article file: its summary, and its people and documents with
every mention and a line of context. This is what the index cache stores per file, so the
library can be rebuilt without parsing the articles again.

An entry is immutable. Its JSON form (`entry_to_json` / `entry_from_json` / `entry_with_path`, in
`articles.cache.entry_codec`) is validated on the way in: a record that does not have the expected
shape raises `EntryFormatError` and the cache drops it.

A *light* entry (as the index database gives for a whole library at once) has its people's and
documents' mentions left out, with only their number in `count`: the library screen loads the
mentions of one person or document when it is shown (`articles.library.mentions.load_mentions`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from articles.folding import fold
from articles.model import Article, Block, Mention, MentionKind
from articles.parsing.lexicon import ISSUER_CODES

ENTRY_FORMAT = 1
"""The version of the JSON form of an entry; a record of another version is dropped."""

CONTEXT_WIDTH = 120
"""About how many characters of surrounding text a mention's context line holds."""

_SPACE = re.compile(r"\s+")
_YEAR_AFTER = re.compile(
    r"\s*(?:\(\s*|,\s*|\s+of\s+|\s+in\s+)(?P<year>(?:19|20)\d\d)\b(?!\s*[-–/])"
)
_GENERIC_ISSUERS = frozenset(fold(name) for name in ISSUER_CODES.values())


class EntryFormatError(ValueError):
    """A JSON record that is not a valid article entry (the cache drops it)."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library's article table.

    `id` is the article's id (`Article.id`, the hash of its canonical text; empty for a file
    that could not be read). `error` is the problem with an unreadable file, without the path
    ("not a text file (it holds binary data)"); then the other fields are empty. `pending` marks
    a provisional summary made before parsing (title = the file's first line, counts 0).
    """

    path: Path
    id: str
    title: str
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    source: str | None = None
    people_count: int = 0
    documents_count: int = 0
    error: str | None = None
    pending: bool = False

    @property
    def readable(self) -> bool:
        """Whether the file was read and parsed as an article."""
        return self.error is None and not self.pending

    @property
    def error_message(self) -> str | None:
        """The whole error line, "<file>: <problem>", as `ArticleError` words it."""
        return f"{self.path}: {self.error}" if self.error is not None else None


@dataclass(frozen=True, slots=True)
class LibraryMention:
    """One mention of a person or document in one article of the library.

    `text` is `article text[start:end]`; `context` is one line of the text around it (white
    space collapsed, cut at word boundaries, "…" where cut), in which the mention is
    `context[context_start:context_end]`.
    """

    article: ArticleSummary
    start: int
    end: int
    kind: MentionKind
    text: str
    context: str
    context_start: int
    context_end: int

    @property
    def path(self) -> Path:
        """The article file."""
        return self.article.path

    @property
    def article_id(self) -> str:
        """The article's id (content hash); compare with `load(path).id` before trusting
        offsets."""
        return self.article.id

    @property
    def title(self) -> str:
        """The article's title."""
        return self.article.title

    @property
    def date(self) -> datetime | None:
        """When the article was published, if it says."""
        return self.article.published


@dataclass(frozen=True, slots=True)
class EntryPerson:
    """A person as one article gives them: `key` is the folded full name."""

    key: str
    name: str
    roles: tuple[str, ...]
    mentions: tuple[LibraryMention, ...]
    count: int | None = None

    @property
    def mention_count(self) -> int:
        """How many mentions the article has of this person (also in a light entry)."""
        return len(self.mentions) if self.count is None else self.count


@dataclass(frozen=True, slots=True)
class EntryDocument:
    """A document as one article cites it.

    `key` is the normalised code (folded, no spaces, upper case). `issuer_given` says whether
    `issuer` names a particular body ("the Politburo") rather than the generic body an issuer
    code stands for ("Party Central Committee" for TW), which tells no two documents apart.
    `year` is the date's year, or a year written just after the code ("26-NQ/TW of 2013").
    """

    key: str
    code: str
    type: str
    issuer: str | None
    issuer_given: bool
    date: date | None
    year: int | None
    subject: str | None
    mentions: tuple[LibraryMention, ...]
    count: int | None = None

    @property
    def mention_count(self) -> int:
        """How many mentions the article has of this document (also in a light entry)."""
        return len(self.mentions) if self.count is None else self.count


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """Everything the library knows about one article file (what the cache stores)."""

    summary: ArticleSummary
    people: tuple[EntryPerson, ...] = ()
    documents: tuple[EntryDocument, ...] = ()

    @property
    def path(self) -> Path:
        """The article file."""
        return self.summary.path


def collapse(text: str) -> str:
    """`text` with every run of white space made one space."""
    return _SPACE.sub(" ", text)


def context_line(
    text: str, start: int, end: int, lo: int = 0, hi: int | None = None,
    width: int = CONTEXT_WIDTH,
) -> tuple[str, int, int]:
    """About `width` characters of `text[lo:hi]` around `text[start:end]`, on one line: white
    space collapsed, cut at word boundaries with "…" marking a cut. Returns the line and where
    the mention is in it."""
    hi = len(text) if hi is None else hi
    middle = collapse(text[start:end])
    before = collapse(text[max(lo, start - 2 * width) : start])
    after = collapse(text[end : min(hi, end + 2 * width)])
    if max(lo, start - 2 * width) == lo:
        before = before.lstrip()
    if min(hi, end + 2 * width) == hi:
        after = after.rstrip()
    budget = max(0, width - len(middle))
    left = min(len(before), budget // 2)
    right = min(len(after), budget - left)
    left = min(len(before), budget - right)
    if left < len(before):
        cut = before[len(before) - left :]
        if left and before[len(before) - left - 1] != " ":
            space = cut.find(" ")
            cut = cut[space + 1 :] if 0 <= space < len(cut) - 1 else cut
        before = "…" + cut
    if right < len(after):
        cut = after[:right]
        if right and after[right] != " ":
            space = cut.rfind(" ")
            cut = cut[:space] if space > 0 else cut
        after = cut.rstrip() + "…"
    return before + middle + after, len(before), len(before) + len(middle)


def _mentions(
    article: Article, summary: ArticleSummary, mentions: tuple[Mention, ...]
) -> tuple[LibraryMention, ...]:
    out = []
    for start, end, kind in sorted((m.start, m.end, m.kind) for m in mentions):
        block: Block | None = article.block_at(start)
        if block is not None:
            lo, hi = block.start, block.end
        else:
            lo = article.text.rfind("\n", 0, start) + 1
            nl = article.text.find("\n", end)
            hi = len(article.text) if nl < 0 else nl
        context, c_start, c_end = context_line(article.text, start, end, lo, hi)
        out.append(LibraryMention(summary, start, end, kind, article.text[start:end], context,
                                  c_start, c_end))
    return tuple(out)


def _year_after(text: str, ends: list[int]) -> int | None:
    for end in ends:
        m = _YEAR_AFTER.match(text, end)
        if m is not None:
            return int(m.group("year"))
    return None


def entry_from_article(article: Article, path: Path | None = None) -> ArticleEntry:
    """The library entry of a parsed article (for the file at `path`, else `article.path`)."""
    where = path if path is not None else article.path
    summary = ArticleSummary(
        path=where if where is not None else Path(""),
        id=article.id,
        title=article.title or "",
        authors=article.authors,
        published=article.published,
        source=article.source,
        people_count=len(article.people),
        documents_count=len(article.documents),
    )
    people = tuple(
        EntryPerson(
            key=fold(p.key), name=p.name, roles=p.roles,
            mentions=_mentions(article, summary, p.mentions),
        )
        for p in article.people
    )
    documents = tuple(
        EntryDocument(
            key=normalise_code(d.key or d.code), code=d.code, type=d.type, issuer=d.issuer,
            issuer_given=d.issuer is not None and fold(d.issuer) not in _GENERIC_ISSUERS,
            date=d.date,
            year=d.date.year if d.date else _year_after(
                article.text, [m.end for m in d.mentions if m.kind == "code"]
            ),
            subject=d.subject,
            mentions=_mentions(article, summary, d.mentions),
        )
        for d in article.documents
    )
    return ArticleEntry(summary=summary, people=people, documents=documents)


def error_entry(path: Path, problem: str) -> ArticleEntry:
    """The entry of a file that could not be read: `problem` says why."""
    return ArticleEntry(summary=ArticleSummary(path=path, id="", title="", error=problem))


def normalise_code(code: str) -> str:
    """The identity form of a document code: folded, no spaces, upper case ("26-NQ/TW")."""
    return fold("".join(code.split())).upper()


def provisional_summary(path: Path, first_bytes: bytes) -> ArticleSummary:
    """A summary to show before the file is parsed: its first non-blank line as the title."""
    if first_bytes.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = first_bytes[: len(first_bytes) // 2 * 2].decode("utf-16", errors="replace")
    else:
        text = first_bytes.decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):  # a saved page: its <title>
        import html
        import re

        found = re.search(r"<title[^>]*>([^<]{1,300})", text, re.IGNORECASE)
        title = html.unescape(found.group(1)) if found else path.stem
    return ArticleSummary(path=path, id="", title=" ".join(title.split())[:300], pending=True)
