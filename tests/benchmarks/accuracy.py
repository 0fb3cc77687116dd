"""Extraction accuracy over the fixtures and the seed gold: people and documents precision, recall
and F1, the share of people whose mention count is exact, and title accuracy.

Run: python tests/benchmarks/accuracy.py [-v] [DIR | FILE ...]   (default: the fixtures, the
held-out set and the seed gold, each reported apart, then together; files named on the command
line, e.g. `tests/articles/heldout/w*.html`, are reported together as one set). Reports figures
(-v: every miss); asserts nothing.

- People are matched by folded name, documents by code. A person counts as exact when both the
  name and role mention counts equal the expectation's; a document's mentions are not scored here.
- Title accuracy compares the whitespace-normalised title (None and "" both mean "no headline").
- A saved web page `X.html` beside `X.expected.json` is scored like a `.txt`: it is loaded with
  `articles.load`, as the reader opens an .html path (its markup made into canonical text by
  `articles.sources`), so the figures measure the web extraction and the text parser together.
  A page the reader refuses ("no article text found") scores as an article with no title, no
  people and no documents, and the refusal is listed with the misses.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `tests` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles import Article, ArticleError, fold, load

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


def _score_file(path: Path, expected: dict[str, Any]) -> Tally:
    try:
        article = load(path)
    except ArticleError as exc:  # a page the reader refuses: nothing found
        t = score_refused(expected, path.stem)
        t.misses.insert(0, f"{path.stem}: not loaded: {exc}")
        return t
    return score(article, expected, path.stem)


def score_refused(expected: dict[str, Any], label: str) -> Tally:
    """The counts for an article that could not be read: no title, everything wanted missed."""
    t = Tally(articles=1)
    t.titles_right = int(_norm_title(expected.get("title")) is None)
    if not t.titles_right:
        t.misses.append(f"{label}: title None")
    t.people_wanted, t.docs_wanted = len(expected["people"]), len(expected["documents"])
    t.misses += [f"{label}: missing person {p['name']!r}" for p in expected["people"]]
    t.misses += [f"{label}: missing document {d['code']}" for d in expected["documents"]]
    return t


def score_dir(directory: Path) -> Tally:
    """Every `*.txt` (or saved web page `*.html`) with an `.expected.json` (fixture) or
    `.gold.json` (gold) beside it."""
    return score_files(sorted([*directory.glob("*.txt"), *directory.glob("*.html")]), directory)


def score_files(paths: list[Path], directory: Path | None = None) -> Tally:
    """The given articles that have an expectation beside them (others are skipped)."""
    total = Tally()
    for path in paths:
        for suffix in (".expected.json", ".gold.json"):
            oracle = path.with_suffix(suffix)
            if not oracle.exists() and directory == SEEDS.resolve():
                oracle = GOLD / (path.stem + suffix)
            if oracle.exists():
                expected = json.loads(oracle.read_text(encoding="utf-8"))
                total.add(_score_file(path, expected))
                break
    return total


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    named = [Path(a) for a in argv]
    files = [p.resolve() for p in named if p.is_file()]
    dirs = [p for p in named if not p.is_file()] or (
        [] if files else [d for d in (FIXTURES, HELD_OUT, SEEDS) if d.is_dir()])
    everything = Tally()
    for directory in dirs:
        tally = score_dir(directory.resolve())
        everything.add(tally)
        print(summary(str(directory), tally))
    if files:
        tally = score_files(files)
        everything.add(tally)
        print(summary(f"{len(files)} files", tally))
    if len(dirs) + bool(files) > 1:
        print(summary("all", everything))
    if verbose:
        for miss in everything.misses:
            print("  -", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
