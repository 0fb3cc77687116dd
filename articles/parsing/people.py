"""Finding the people an article names: who they are, the posts it gives them, every mention."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from articles.folding import fold
from articles.model import Block, Mention, Person
from articles.parsing.addresses import street_address
from articles.parsing.credits import Credit, name_like
from articles.parsing.lexicon import (
    HONORIFICS,
    NAME_STOPWORDS,
    ORG_WORDS,
    PLACE_NOUNS,
    PLACES,
    ROLE_HEADS,
    is_family_name,
)
from articles.parsing.name_forms import find_post_given_forms, merge_given_name_forms
from articles.parsing.post_lists import list_headers
from articles.parsing.post_names import HONORIFIC_BEFORE, RANK_ABBREVIATION, posts_after_name
from articles.parsing.post_names import posts_before as find_posts_before
from articles.parsing.role_mentions import find_role_mentions
from articles.parsing.roles import bare_head_of, clean_role, equivalent
from articles.parsing.scan import CAP_WORD, WORD

CAP_RUN = re.compile(rf"(?<![^\W_])(?:{CAP_WORD})(?: (?:{CAP_WORD}))*(?![^\W_])")
"""Capitalised words separated by single spaces: candidate names, posts and organisations."""

VIETNAMESE_HONORIFICS = frozenset({"ong", "ba"})
"""Ông, Bà: honorifics only before a name; "Ba" is also a middle name (Xong Ba Cha)."""
SHORT_FORM = re.compile(
    rf"(?<![^\W_])(?P<h>[Cc]omrade|Mr|Mrs|Ms|Miss|Madam|Madame|Dr|Uncle|Ông|Bà|"
    rf"{RANK_ABBREVIATION})\.?\s+"
    rf"(?P<name>{CAP_WORD})(?!\s+{CAP_WORD})(?![^\W_])"
)
LOCATIVES = frozenset({"in", "at", "from", "to", "across", "through", "near", "into", "toward"})


@dataclass
class _Draft:
    """A person being assembled: first full form, posts in order, mention spans."""

    name: str
    first: int
    roles: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)

    def add_role(self, role: str) -> None:
        role = clean_role(role)
        if not role:
            return
        for i, known in enumerate(self.roles):
            if equivalent(known, role) or bare_head_of(role, known):
                return
            if bare_head_of(known, role):
                self.roles[i] = role  # "Chairman X", then "X, Chairman of ...": one post
                return
        self.roles.append(role)


def word_after(text: str, end: int) -> str | None:
    """The word right after `end` when one space separates them (the same phrase goes on)."""
    if text[end : end + 1] != " ":
        return None
    m = WORD.match(text, end + 1)
    return m.group() if m else None


def possessive_cut(words: list[str]) -> list[str]:
    """A run's words without a final possessive "'s" ("Nguyen Duc Trung's" → "... Trung");
    inside a run ("People's Committee") the possessive belongs to an organisation's name."""
    last = words[-1]
    if last.endswith(("'s", "’s")) and len(last) > 2:
        return [*words[:-1], last[:-2]]
    return words


class PeopleFinder:
    """Collects people from the body blocks, the byline and the photo credits of one article."""

    def __init__(self, text: str, blocks: Sequence[Block]) -> None:
        self.text = text
        self.regions = [
            b for b in blocks if b.kind in ("title", "lead", "paragraph", "caption")
            or (b.kind == "heading" and any(c.islower() for c in text[b.start : b.end]))
        ]
        self.drafts: dict[str, _Draft] = {}
        self.list_spans: list[tuple[int, int, str]] = []
        self.runs: list[tuple[int, list[str]]] = []

    # --- collecting -----------------------------------------------------------------------

    def _draft(self, name: str, start: int) -> _Draft:
        key = fold(name)
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = _Draft(name=name, first=start)
        elif start < draft.first:
            draft.name, draft.first = name, start
        return draft

    def add_credit(self, credit: Credit) -> None:
        """Add a byline author or photographer with its roles and its one mention."""
        name = self.text[credit.start : credit.end]
        if name.isupper():
            name = name.title()  # an all-caps credit ("VAN THIEN") names "Van Thien"
        draft = self._draft(name, credit.start)
        for role in credit.roles:
            draft.add_role(role)
        draft.mentions[(credit.start, credit.end)] = "name"

    def _name_in_run(self, words: list[str]) -> tuple[int, bool]:
        """Where a person's name starts among a run's words, and whether an honorific or post
        stands before it inside the run; (-1, False) when the run holds no name."""
        cue = False
        k = -1
        if len(words) > 3 and fold(" ".join(words[:2])) == "dong chi":
            # "Đồng chí Nguyễn Văn Thông": Vietnamese for "comrade".
            cue, k = True, 1
        for i, w in enumerate(words):
            if i <= k:
                continue
            f = fold(w)
            if (f in HONORIFICS and (i == 0 or f not in VIETNAMESE_HONORIFICS)) or (
                f in ROLE_HEADS
            ):
                cue = True
                k = i
            elif w == "The" and 0 < i < len(words) - 1 and is_family_name(words[i - 1]):
                continue  # a middle name: "Lai The Nguyen"
            elif w in ("An", "A") and self._given_name_at(words, i, k):
                continue  # a given name: "Nguyen Van An", "Dang Van A"
            elif f in ORG_WORDS or f in NAME_STOPWORDS or (f in PLACES and i < len(words) - 2):
                cue = False
                k = i
        start = k + 1
        rest = words[start:]
        if 2 <= len(rest) <= 4 and name_like(rest) and (
            is_family_name(rest[0]) or not self._family_name_inside(rest)
        ):
            return start, cue or k >= 0
        for j in range(start, len(words) - 1):
            tail = words[j:]
            if is_family_name(words[j]) and 2 <= len(tail) <= 4 and name_like(tail):
                return j, cue or j > 0
        return -1, False

    def _held(self, post: str, key: str) -> bool:
        """Whether exactly one person other than `key` already holds `post`."""
        holders = {k for k, d in self.drafts.items() if k != key
                   and any(equivalent(post, role) for role in d.roles)}
        return len(holders) == 1

    @staticmethod
    def _given_name_at(words: list[str], i: int, k: int) -> bool:
        """Whether "An" or "A" at `words[i]` ends a name that a family name opens after the
        cue at `k` ("Nguyen Van An"), rather than being the article ("Hanoi A ...")."""
        return i == len(words) - 1 and any(
            is_family_name(w) for w in words[k + 1 : i]) and fold(
            words[i - 1]) not in NAME_STOPWORDS

    @staticmethod
    def _family_name_inside(words: list[str]) -> bool:
        """Whether a family name opens a two-word or longer name after the first word
        ("Technology Bui Hoang Nam": the name is "Bui Hoang Nam")."""
        return any(is_family_name(w) and len(words) - i >= 2
                   for i, w in enumerate(words[1:], start=1))

    def scan(self) -> None:
        """Find every cued name in the body and the posts written with it."""
        text = self.text
        for region in self.regions:
            self.list_spans += list_headers(text, region.start, region.end)
            for m in CAP_RUN.finditer(text, region.start, region.end):
                self.runs.append((m.start(), possessive_cut(m.group().split(" "))))
                self._consider_run(m, region)

    def _list_role(self, pos: int) -> str | None:
        for start, end, role in self.list_spans:
            if start <= pos < end:
                return role
        return None

    def _consider_run(self, m: re.Match[str], region: Block) -> None:
        text = self.text
        run_words = possessive_cut(m.group().split(" "))
        offsets = []
        pos = m.start()
        for w in run_words:
            offsets.append(pos)
            pos += len(w) + 1
        idx, inner_cue = self._name_in_run(run_words)
        if idx < 0:
            return
        name_words = run_words[idx:]
        start = offsets[idx]
        end = offsets[-1] + len(run_words[-1])
        name = text[start:end]
        before = text[max(region.start, start - 14) : start]
        following = word_after(text, end)
        after_words = [following] if following else []
        honorific = bool(HONORIFIC_BEFORE.search(before)) or (
            idx > 0 and fold(run_words[idx - 1]) in HONORIFICS
        )
        posts = posts_after_name(text, end, region.end)
        posts_before = find_posts_before(
            text, start, region.start, self.drafts, lambda post: self._held(post, fold(name)))
        list_role = self._list_role(start)
        place = bool(after_words) and fold(after_words[0]) in PLACE_NOUNS
        if place or street_address(text, start, end):
            return
        if after_words and fold(after_words[0]) in ORG_WORDS and not posts:
            return
        family = is_family_name(name_words[0])
        strong = bool(posts) or honorific or bool(posts_before) or list_role is not None
        if not strong:
            if inner_cue and idx > 0 and fold(run_words[idx - 1]) in ROLE_HEADS:
                strong = True
            elif not family or len(name_words) == 2:
                # A family name alone is a weak cue; two words ("Chau Quang") are as often a
                # place, so those need an honorific or a post somewhere in the article.
                return
            else:
                prev = WORD.findall(text, max(region.start, start - 20), start)
                if prev and prev[-1].lower() in LOCATIVES:
                    return
        draft = self._draft(name, start)
        if list_role:
            draft.add_role(list_role)
        for post in posts_before:
            draft.add_role(post)
        for post in posts:
            draft.add_role(post)
        draft.mentions[(start, end)] = "name"

    # --- mentions -------------------------------------------------------------------------

    def find_name_mentions(self) -> None:
        """Every occurrence of every known full name, in any spelling, in the body."""
        if not self.drafts:
            return
        longest = max(len(key.split()) for key in self.drafts)
        for run_start, words in self.runs:
            offsets = [run_start]
            for w in words[:-1]:
                offsets.append(offsets[-1] + len(w) + 1)
            i = 0
            while i < len(words) - 1:
                for size in range(min(longest, len(words) - i), 1, -1):
                    draft = self.drafts.get(fold(" ".join(words[i : i + size])))
                    if draft is None:
                        continue
                    start = offsets[i]
                    end = offsets[i + size - 1] + len(words[i + size - 1])
                    after = word_after(self.text, end)
                    if (after and fold(after) in ORG_WORDS | PLACE_NOUNS) or street_address(
                        self.text, start, end
                    ):
                        # "Nguyen Du Street", "Ho Chi Minh City", "43 Nguyen Chi Thanh, Ba
                        # Dinh": a place, not the person.
                        continue
                    draft.mentions.setdefault((start, end), "name")
                    i += size - 1
                    break
                i += 1

    def find_short_forms(self) -> None:
        """"Mr. Thong", "comrade Thong": the given name of exactly one person."""
        by_given: dict[str, list[str]] = {}
        for key in self.drafts:
            parts = key.split()
            if len(parts) >= 2:
                by_given.setdefault(parts[-1], []).append(key)
        for region in self.regions:
            for m in SHORT_FORM.finditer(self.text, region.start, region.end):
                given = possessive_cut([m.group("name")])[0]
                keys = by_given.get(fold(given), [])
                if len(keys) != 1:
                    continue
                draft = self.drafts[keys[0]]
                span = (m.start(), m.start("name") + len(given))
                if not any(s <= span[0] < e or span[0] <= s < span[1] for s, e in draft.mentions):
                    draft.mentions[span] = "name"

    # --- result ---------------------------------------------------------------------------

    def people(self) -> list[Person]:
        """The people found, in order of first mention."""
        result: list[Person] = []
        found = [(key, draft) for key, draft in self.drafts.items() if draft.mentions]
        for key, draft in sorted(found, key=lambda item: min(item[1].mentions)):
            mentions = tuple(
                Mention(s, e, "role" if kind == "role" else "name")
                for (s, e), kind in sorted(draft.mentions.items())
            )
            result.append(
                Person(key=key, name=draft.name, roles=tuple(draft.roles), mentions=mentions)
            )
        return result


def find_people(text: str, blocks: Sequence[Block], credits: Iterable[Credit]) -> list[Person]:
    """Every person of the article with posts and mentions (byline and photo credits included;
    a photo credit that is a line of the page's furniture, its masthead, names the outlet)."""
    finder = PeopleFinder(text, blocks)
    furniture = {fold(text[b.start : b.end]) for b in blocks if b.kind == "footer"}
    for credit in credits:
        if "author" not in credit.roles and fold(text[credit.start : credit.end]) in furniture:
            continue  # "Photo: Tien Phong" under the masthead "Tien Phong": the outlet
        finder.add_credit(credit)
    finder.scan()
    finder.find_name_mentions()
    merge_given_name_forms(finder.drafts)  # type: ignore[arg-type]
    finder.find_short_forms()
    find_post_given_forms(text, finder.runs, finder.drafts)  # type: ignore[arg-type]
    find_role_mentions(text, finder.regions, finder.drafts)  # type: ignore[arg-type]
    return finder.people()
