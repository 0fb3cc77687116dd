"""Extraction accuracy over the fixtures and the seed gold: people and documents precision, recall
and F1, the share of people whose mention count is exact, and title accuracy.

Run: python tests/benchmarks/accuracy.py [-v] [DIR ...]   (default: the fixtures, the held-out
set and the seed gold, each reported apart, then together). Reports figures (-v: every miss);
asserts nothing.

- People are matched by folded name, documents by code. A person counts as exact when both the
  name and role mention counts equal the expectation's; a document's mentions are not scored here.
- Title accuracy compares the whitespace-normalised title (None and "" both mean "no headline").
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles import Article, fold, load

ROOT = Path(__file__).resolve().parents[1] / "articles"
FIXTURES = ROOT / "fixtures"
HELD_OUT = ROOT / "heldout"
GOLD = ROOT / "gold"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
"""The team's shared seed articles, beside the repository (skipped when absent)."""


@dataclass
class Tally:
    """Counts summed over articles."""

    articles: int = 0
    titles_right: int = 0
    people_found: int = 0
    people_wanted: int = 0
    people_right: int = 0
    people_exact: int = 0
    docs_found: int = 0
    docs_wanted: int = 0
    docs_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in vars(self):
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def _norm_title(title: str | None) -> str | None:
    return " ".join(title.split()) if title else None


def score(article: Article, expected: dict[str, Any], label: str) -> Tally:
    """The counts for one article against its expectation (fixture or gold format)."""
    t = Tally(articles=1)
    if _norm_title(article.title) == _norm_title(expected.get("title")):
        t.titles_right = 1
    else:
        t.misses.append(f"{label}: title {article.title!r}")
    got = {fold(p.name): p for p in article.people}
    want = {fold(p["name"]): p for p in expected["people"]}
    t.people_found, t.people_wanted = len(got), len(want)
    t.people_right = len(set(got) & set(want))
    for key in sorted(set(got) - set(want)):
        t.misses.append(f"{label}: extra person {got[key].name!r}")
    for key in sorted(set(want) - set(got)):
        t.misses.append(f"{label}: missing person {want[key]['name']!r}")
    for key in sorted(set(got) & set(want)):
        by_role = want[key].get("mentions_by_role", want[key].get("mentions_by_role_only"))
        person = got[key]
        counts = (len(person.name_mentions), len(person.role_mentions))
        if counts == (want[key]["mentions_by_name"], by_role):
            t.people_exact += 1
        else:
            t.misses.append(f"{label}: {person.name} mentions {counts}, "
                            f"want {(want[key]['mentions_by_name'], by_role)}")
    docs = {d.code for d in article.documents}
    want_docs = {d["code"] for d in expected["documents"]}
    t.docs_found, t.docs_wanted = len(docs), len(want_docs)
    t.docs_right = len(docs & want_docs)
    t.misses += [f"{label}: extra document {c}" for c in sorted(docs - want_docs)]
    t.misses += [f"{label}: missing document {c}" for c in sorted(want_docs - docs)]
    return t


def _prf(right: int, found: int, wanted: int) -> str:
    p = right / found if found else 1.0
    r = right / wanted if wanted else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def summary(name: str, t: Tally) -> str:
    """One block of figures for a set of articles."""
    exact = t.people_exact / t.people_right if t.people_right else 1.0
    titles = t.titles_right / t.articles if t.articles else 1.0
    return "\n".join([
        f"{name}: {t.articles} articles, {t.people_wanted} people, {t.docs_wanted} documents",
        f"  people     {_prf(t.people_right, t.people_found, t.people_wanted)}",
        f"  documents  {_prf(t.docs_right, t.docs_found, t.docs_wanted)}",
        f"  mention counts exact {exact:.3f} ({t.people_exact}/{t.people_right} people found)",
        f"  titles right {titles:.3f} ({t.titles_right}/{t.articles})",
    ])


def score_dir(directory: Path) -> Tally:
    """Every `*.txt` with an `.expected.json` (fixture) or `.gold.json` (gold) beside it."""
    total = Tally()
    for path in sorted(directory.glob("*.txt")):
        for suffix in (".expected.json", ".gold.json"):
            oracle = path.with_suffix(suffix)
            if not oracle.exists() and directory == SEEDS.resolve():
                oracle = GOLD / (path.stem + suffix)
            if oracle.exists():
                expected = json.loads(oracle.read_text(encoding="utf-8"))
                total.add(score(load(path), expected, path.stem))
                break
    return total


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    dirs = [Path(a) for a in argv] or [d for d in (FIXTURES, HELD_OUT, SEEDS) if d.is_dir()]
    everything = Tally()
    for directory in dirs:
        tally = score_dir(directory.resolve())
        everything.add(tally)
        print(summary(str(directory), tally))
    if len(dirs) > 1:
        print(summary("all", everything))
    if verbose:
        for miss in everything.misses:
            print("  -", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
