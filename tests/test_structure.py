"""Keep the code small and honest: no module over 400 lines in the three packages, and every
file the code (or the README and the design note) cites is in the repository, every section
of docs/design.md it cites is there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("articles", "annotations", "reader")
MAX_LINES = 400

CITED_PATH = re.compile(r"(?<![\w./~-])((?:articles|annotations|reader|tests|docs)/[\w/-]*"
                        r"(?:\.(?:py|md|tcss|toml|txt|html|json)\b|/))")
"""A file or folder inside the repository, as the code cites one (`reader/session.py`,
`docs/design.md`, `articles/sources/`)."""
CITED_SECTION = re.compile(r"docs/design\.md\s+§(\d+)")


def sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split by job: {long}"


def cited_by(path: Path) -> set[str]:
    """The repository paths `path` cites (trailing punctuation dropped)."""
    return {m.rstrip(".") for m in CITED_PATH.findall(path.read_text(encoding="utf-8"))}


def test_the_citation_finder_finds_citations(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text('"""See reader/session.py and docs/design.md §6; not x/reader/y.py."""\n',
                      encoding="utf-8")
    assert cited_by(sample) == {"reader/session.py", "docs/design.md"}


def test_every_cited_file_is_in_the_repository() -> None:
    citing = [*sources(), ROOT / "README.md", ROOT / "docs" / "design.md"]
    missing = {f"{p.relative_to(ROOT)} cites {c}" for p in citing for c in cited_by(p)
               if not (ROOT / c).exists() and not any(ROOT.glob(c))}
    assert not missing, sorted(missing)


def test_no_code_cites_a_design_note_outside_the_repository() -> None:
    outside = [str(p.relative_to(ROOT)) for p in sources()
               if re.search(r"(?<!docs/)(?<![\w/])DESIGN\.md", p.read_text(encoding="utf-8"))]
    assert outside == []


def test_every_cited_section_of_the_design_note_exists() -> None:
    note = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    sections = set(re.findall(r"^## (\d+)\.", note, flags=re.MULTILINE))
    cited = {(str(p.relative_to(ROOT)), n) for p in sources()
             for n in CITED_SECTION.findall(p.read_text(encoding="utf-8"))}
    assert cited, "the code cites the design note by section"
    assert {c for c in cited if c[1] not in sections} == set()
