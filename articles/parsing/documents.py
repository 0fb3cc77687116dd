"""Finding the numbered Party and State documents an article cites, with type, issuer, date,
subject and every mention, short back-references ("Resolution No. 26") included."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from articles.folding import fold
from articles.model import Block, DocumentRef, Mention
from articles.parsing.dates import parse_date_at
from articles.parsing.lexicon import DOCUMENT_TYPES, ISSUER_CODES, ORG_WORDS, TYPE_WORDS
from articles.parsing.roles import post_end, starts_post
from articles.parsing.scan import WORD

_L = r"A-Za-zĐđ"
PARTY_CODE = re.compile(
    rf"(?<![\w/.-])(?P<number>\d{{1,5}})\s*-\s*(?P<type>[A-ZĐ][{_L}]{{0,5}})\s*/\s*"
    rf"(?P<issuer>[A-ZĐ][{_L}]{{0,9}})(?![\w/])"
)
STATE_CODE = re.compile(
    rf"(?<![\w/.-])(?P<number>\d{{1,6}})(?:\s*/\s*(?P<year>(?:19|20)\d\d))?\s*/\s*"
    rf"(?P<type>[A-ZĐ][{_L}]{{0,7}})\s*-\s*(?P<issuer>[A-ZĐ][{_L}0-9]{{0,12}}"
    rf"(?:-[A-ZĐ][{_L}0-9]{{0,10}})*)(?![\w/])"
)
LAW_CODE = re.compile(
    r"(?<![\w/.-])(?P<number>\d{1,3})\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*(?P<issuer>QH\d{1,2})(?![\w/])"
)
_type_alternatives = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(TYPE_WORDS, key=len, reverse=True)
)
TYPE_BEFORE = re.compile(
    rf"(?P<word>\b(?:{_type_alternatives}))(?:\s+(?:No\.?|no\.|Number|number|số)\s*|\s+)$",
    re.IGNORECASE,
)
_AND_DOCUMENT = re.compile(rf"\s+and\s+(?:the\s+)?(?:{_type_alternatives})\b", re.IGNORECASE)
"""Where an issuer's name runs on into the next document cited ("... and Resolution 5")."""
SHORT_NUMBER = re.compile(r"(?<![\w/.,-])(?P<number>\d{1,5})(?![\w/-]|\s*[-/]\s*[A-ZĐ]|,\d|\.\d)")
"""A bare document number; with a type word just before it, a short back-reference."""
POSSESSIVE_ISSUER = re.compile(
    r"(?:the\s+)?(?P<issuer>[A-Z][\w]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z0-9][\w]*)*)['’]s\s+$"
)
"""An issuer written as a possessive right before the document: "the Politburo's Resolution"."""
ISSUED_BEFORE = re.compile(
    r"(?:(?:[Oo]n|[Ii]n)\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}),\s+)?(?:the\s+)?"
    r"(?P<issuer>(?:(?:provincial|municipal|city|district|commune|ward|town|central)\s+)?"
    r"[A-Z0-9][\w'’]*(?:\s+(?:of|the|and|[A-Z0-9][\w'’]*))*?)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:issued|promulgated|signed|adopted|passed|released)\s+$"
)
ISSUE_VERB_BEFORE = re.compile(
    r"(?<![^\W_])(?:issue|issues|issued|promulgate|promulgates|promulgated)\s+(?:the\s+)?$"
)
"""The verb right before a document its subject issues ("... would issue Plan No. ...")."""
_THE = re.compile(r"(?:the\s+)?")
_THE_BODY = re.compile(r"(?<![^\W_])[Tt]he\s+")
_LEVEL = re.compile(r"(?:provincial|municipal|city|district|commune|ward|town|central)\s+(?=[A-Z])")
"""A lower-case level word before a body's capitalised name ("the provincial People's
Council")."""
_ISSUER_WORDS = ORG_WORDS | {"minister", "president", "congress", "central", "politburo",
                             "secretariat", "government"}
_SUBJECT_VERBS = (
    "on", "about", "regulating", "guiding", "approving", "promulgating", "stipulating",
    "amending", "detailing", "providing", "defining", "implementing", "regarding",
)


@dataclass
class _Draft:
    """A document being assembled from its mentions."""

    key: str
    code: str
    number: str
    type: str
    type_from_text: bool
    issuer: str | None
    issuer_from_text: bool
    first: int
    date: date | None = None
    subject: str | None = None
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)

    def last_before(self, pos: int) -> int:
        """Where this document was last mentioned before `pos` (-1 if it was not)."""
        return max((s for s, _ in self.mentions if s < pos), default=-1)


def _code_key(code: str) -> str:
    return fold("".join(code.split())).upper()


def _decode_type(type_code: str) -> str:
    return DOCUMENT_TYPES.get(fold(type_code), type_code)


def _decode_issuer(issuer_code: str) -> str | None:
    folded = fold(issuer_code)
    if folded in ISSUER_CODES:
        return ISSUER_CODES[folded]
    head = folded.split("-")[0]
    if head in ISSUER_CODES:
        return ISSUER_CODES[head]
    if re.fullmatch(r"qh\d+", folded):
        return "National Assembly"
    return None


def _issuer_phrase(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """An issuing body written at `pos` ("the Politburo", "the Standing Committee of ...",
    "the provincial People's Council", given as a name: "Provincial People's Council")."""
    m = _THE.match(text, pos, limit)
    start = m.end() if m else pos
    if start >= limit:
        return None
    level = _LEVEL.match(text, start, limit)
    if not (text[start].isupper() or text[start].isdigit() or level):
        return None
    end = post_end(text, start, limit)
    joined = _AND_DOCUMENT.search(text, start, end)
    end = joined.start() if joined else end  # "of X and Resolution 5/NQ-...": another document
    phrase = text[start:end]
    words = {fold(w) for w in re.findall(r"[^\W_]+", phrase)}
    if not words & _ISSUER_WORDS:
        return None
    return phrase[:1].upper() + phrase[1:], end


def _subject_issuer(text: str, start: int, floor: int) -> str | None:
    """The body that is the subject issuing the document cited at `start` ("the Provincial
    People's Committee would ... and would issue Plan No. ..."): the last body named in the
    sentence before "issue", not inside another phrase ("of the ...") and not a post."""
    verb = ISSUE_VERB_BEFORE.search(text, max(floor, start - 40), start)
    if verb is None:
        return None
    window = max(floor, start - 220)
    stop = text.rfind(". ", window, verb.start())
    sentence = stop + 1 if stop >= 0 else window
    found = None
    for m in _THE_BODY.finditer(text, sentence, verb.start()):
        if text.endswith("of ", sentence, m.start()) or starts_post(
            WORD.findall(text, m.end(), min(verb.start(), m.end() + 80))
        ):
            continue
        issuer = _issuer_phrase(text, m.end(), verb.start())
        if issuer is not None:
            found = issuer[0]
    return found


class DocumentFinder:
    """Collects the documents of one article from its body blocks."""

    def __init__(self, text: str, blocks: Sequence[Block]) -> None:
        self.text = text
        self.regions = [
            b for b in blocks if b.kind in ("title", "lead", "paragraph", "heading", "caption")
        ]
        self.drafts: dict[str, _Draft] = {}
        self.by_number: dict[str, list[_Draft]] = {}

    def scan(self) -> None:
        """Find full codes first, then the short back-references to them."""
        full: list[tuple[int, int, re.Match[str], str]] = []
        for region in self.regions:
            spans: list[tuple[int, int]] = []
            for kind, pattern in (("law", LAW_CODE), ("state", STATE_CODE), ("party", PARTY_CODE)):
                for m in pattern.finditer(self.text, region.start, region.end):
                    if any(s < m.end() and m.start() < e for s, e in spans):
                        continue
                    spans.append((m.start(), m.end()))
                    full.append((m.start(), region.end, m, kind))
        for start, limit, m, kind in sorted(full, key=lambda item: item[0]):
            self._add_full(m, kind, start, limit)
        taken = sorted(span for d in self.drafts.values() for span in d.mentions)
        taken_starts = [s for s, _ in taken]
        for region in self.regions:
            for m in SHORT_NUMBER.finditer(self.text, region.start, region.end):
                window_start = max(region.start, m.start() - 40)
                word = TYPE_BEFORE.search(self.text[window_start : m.start()])
                if word is None:
                    continue
                start = window_start + word.start("word")
                i = bisect.bisect_left(taken_starts, m.end())
                if i > 0 and taken[i - 1][1] > start:
                    continue
                self._add_short(word.group("word"), m.group("number"), start, m.end(), region)

    def _region_start(self, pos: int) -> int:
        for region in self.regions:
            if region.start <= pos < region.end:
                return region.start
        return 0

    def _add_full(self, m: re.Match[str], kind: str, start: int, limit: int) -> None:
        text = self.text
        code = "".join(m.group().split())
        key = _code_key(code)
        number = m.group("number")
        floor = self._region_start(start)
        before = text[max(floor, start - 60) : start]
        type_match = TYPE_BEFORE.search(before)
        mention_start = start
        if type_match:
            mention_start = start - len(before) + type_match.start("word")
            type_name = TYPE_WORDS[fold(" ".join(type_match.group("word").split()))]
        elif kind == "law":
            type_name = "Law"
        else:
            type_name = _decode_type(m.group("type"))
        issuer_code = m.group("issuer")
        draft = self.drafts.get(key)
        if draft is None:
            decoded = _decode_issuer(issuer_code)
            if kind == "state" and decoded is None and _decode_issuer(m.group("type")):
                # "123/UBND-NN": the issuer comes first in a dispatch's number.
                decoded = _decode_issuer(m.group("type"))
                type_name = type_name if type_match else "Official Dispatch"
            draft = self.drafts[key] = _Draft(
                key=key, code=code, number=number, type=type_name,
                type_from_text=type_match is not None, issuer=decoded, issuer_from_text=False,
                first=mention_start,
            )
            self.by_number.setdefault(number.lstrip("0") or "0", []).append(draft)
        elif type_match and not draft.type_from_text:
            draft.type, draft.type_from_text = type_name, True
        draft.mentions[(mention_start, m.end())] = "code"
        self._details_after(draft, m.end(), limit)
        self._details_before(draft, mention_start, floor)

    def _details_after(self, draft: _Draft, pos: int, limit: int) -> None:
        """"dated July 25, 2018", "of the Politburo", "on directions and tasks ..."."""
        text = self.text
        for _ in range(4):
            m = re.compile(r"\s*,?\s*\(?\s*(?:dated|issued on|signed on|adopted on|of)\s+").match(
                text, pos, limit
            )
            if m is None:
                break
            found = parse_date_at(text, m.end())
            if found is not None:
                if draft.date is None:
                    draft.date = found[0]
                pos = found[1]
                closing = re.compile(r"\s*\)").match(text, pos, limit)
                pos = closing.end() if closing else pos
                continue
            if m.group().strip(" ,(").startswith("of"):
                issuer = _issuer_phrase(text, m.end(), limit)
                if issuer is not None:
                    if not draft.issuer_from_text:
                        draft.issuer, draft.issuer_from_text = issuer[0], True
                    pos = issuer[1]
                    continue
            break
        self._subject(draft, pos, limit)

    def _subject(self, draft: _Draft, pos: int, limit: int) -> None:
        if draft.subject is not None:
            return
        text = self.text
        m = re.compile(r"\s*,?\s*(?P<q>[\"“])?(?P<verb>" + "|".join(_SUBJECT_VERBS) + r")\s").match(
            text, pos, limit
        )
        if m is None:
            return
        start = m.start("verb")
        if m.group("q"):
            close = re.compile(r"[\"”]").search(text, start, limit)
            end = close.start() if close else limit
        else:
            stops = "[;.\"”]" if m.group("verb") != "on" else "[,;.\"”(]"
            stop = re.compile(stops + r"|\s+dated\s").search(text, start, limit)
            end = stop.start() if stop else limit
        subject = " ".join(text[start:end].split())
        if 3 < len(subject) <= 300 and not re.fullmatch(r"on\s+\S+\s+\d{1,2},?\s+\d{4}", subject):
            if subject.startswith("on ") and parse_date_at(subject, 3):
                return
            draft.subject = subject

    def _details_before(self, draft: _Draft, start: int, floor: int) -> None:
        """"on March 7, 2023, the Standing Committee of ... issued Official Dispatch No. ..."."""
        window = self.text[max(floor, start - 220) : start]
        owner = POSSESSIVE_ISSUER.search(window[-80:])
        if owner is not None and not draft.issuer_from_text:
            words = {fold(w) for w in re.findall(r"[^\W_]+", owner.group("issuer"))}
            if words & _ISSUER_WORDS:
                draft.issuer, draft.issuer_from_text = owner.group("issuer"), True
        m = ISSUED_BEFORE.search(window)
        if m is None:
            subject = None if draft.issuer_from_text else _subject_issuer(self.text, start, floor)
            if subject is not None:
                draft.issuer, draft.issuer_from_text = subject, True
            return
        issuer = re.sub(r"^The\s+", "", m.group("issuer"))  # "The Provincial People's ..."
        issuer = issuer[:1].upper() + issuer[1:]  # "the provincial People's Committee"
        words = {fold(w) for w in re.findall(r"[^\W_]+", issuer)}
        if words & _ISSUER_WORDS and not draft.issuer_from_text:
            draft.issuer, draft.issuer_from_text = issuer, True
        if m.group("date") and draft.date is None:
            found = parse_date_at(m.group("date"), 0)
            if found is not None:
                draft.date = found[0]

    def _add_short(self, word: str, number: str, start: int, end: int, region: Block) -> None:
        """A short back-reference to a document given in full before it; in the headline, also
        to one given in full only below it ("Resolution 58 ..." above "58-NQ/TW")."""
        type_name = TYPE_WORDS[fold(" ".join(word.split()))]
        number = number.lstrip("0") or "0"
        limit = region.end
        headline = region.kind == "title"
        candidates = [
            d for d in self.by_number.get(number, ())
            if d.type == type_name and (d.first < start or headline)
        ]
        if not candidates:
            return
        after = re.compile(r"\s+of\s+").match(self.text, end, limit)
        issuer = _issuer_phrase(self.text, after.end(), limit) if after else None
        if len(candidates) > 1 and issuer is not None:
            same = [d for d in candidates if d.issuer and fold(d.issuer) == fold(issuer[0])]
            candidates = same or candidates
        draft = max(candidates, key=lambda d: d.last_before(start))
        draft.mentions[(start, end)] = "reference"
        if issuer is not None and not draft.issuer_from_text:
            draft.issuer, draft.issuer_from_text = issuer[0], True

    def documents(self) -> list[DocumentRef]:
        """The documents found, in order of first mention."""
        result = []
        for draft in sorted(self.drafts.values(), key=lambda d: d.first):
            mentions = tuple(
                Mention(s, e, "code" if kind == "code" else "reference")
                for (s, e), kind in sorted(draft.mentions.items())
            )
            result.append(
                DocumentRef(
                    key=draft.key, code=draft.code, number=draft.number, type=draft.type,
                    issuer=draft.issuer, date=draft.date, subject=draft.subject, mentions=mentions,
                )
            )
        return result


def find_documents(text: str, blocks: Sequence[Block]) -> list[DocumentRef]:
    """Every numbered document the article's body cites."""
    finder = DocumentFinder(text, blocks)
    finder.scan()
    return finder.documents()
