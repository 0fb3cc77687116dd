"""Comparing a parsed article with a fixture's expected JSON: one list of differences."""

from __future__ import annotations

from typing import Any

from articles import Article, fold
from articles.model import BODY_KINDS


def differences(article: Article, expected: dict[str, Any]) -> list[str]:
    """Every way `article` differs from the expectation (empty when it matches)."""
    out: list[str] = []
    text = article.text

    def check(what: str, got: object, want: object) -> None:
        if got != want:
            out.append(f"{what}: got {got!r}, want {want!r}")

    check("title", article.title or None, expected["title"])
    check("authors", list(article.authors), expected["authors"])
    published = article.published.isoformat() if article.published else None
    want_published = expected["published"]
    if published and want_published and len(want_published) == 16:
        published = published[:16] if published.endswith(":00") else published
    check("published", published, want_published)
    check("source", article.source, expected["source"])
    check("headings", [text[b.start : b.end] for b in article.blocks if b.kind == "heading"],
          expected["headings"])
    check("captions", sum(1 for b in article.blocks if b.kind == "caption"), expected["captions"])
    body_start = next((b.start for b in article.blocks if b.kind in BODY_KINDS), 0)
    # Furniture above the body (mastheads, navigation, letterheads) is not the site footer.
    footer = [line for b in article.blocks if b.kind == "footer" and b.start > body_start
              for line in text[b.start : b.end].split("\n")]
    check("footer", footer, expected["footer"])
    people = {fold(p.name): p for p in article.people}
    want_people = {fold(p["name"]): p for p in expected["people"]}
    for key in sorted(set(people) - set(want_people)):
        out.append(f"extra person: {people[key].name!r} {people[key].roles}")
    for key in sorted(set(want_people) - set(people)):
        out.append(f"missing person: {want_people[key]['name']!r}")
    for key in sorted(set(people) & set(want_people)):
        got, want = people[key], want_people[key]
        check(f"{want['name']} name", got.name, want["name"])
        check(f"{want['name']} roles", sorted(fold(r) for r in got.roles),
              sorted(fold(r) for r in want["roles"]))
        check(f"{want['name']} by name", len(got.name_mentions), want["mentions_by_name"])
        check(f"{want['name']} by role", len(got.role_mentions), want["mentions_by_role"])
    for name in expected["not_people"]:
        if fold(name) in people:
            out.append(f"not a person, but found: {name!r}")
    docs = {d.code: d for d in article.documents}
    want_docs = {d["code"]: d for d in expected["documents"]}
    for code in sorted(set(docs) - set(want_docs)):
        out.append(f"extra document: {code}")
    for code in sorted(set(want_docs) - set(docs)):
        out.append(f"missing document: {code}")
    for code in sorted(set(docs) & set(want_docs)):
        got_doc, want_doc = docs[code], want_docs[code]
        check(f"{code} type", got_doc.type, want_doc["type"])
        check(f"{code} issuer", got_doc.issuer, want_doc["issuer"])
        check(f"{code} date", got_doc.date.isoformat() if got_doc.date else None, want_doc["date"])
        check(f"{code} mentions", len(got_doc.mentions), want_doc["mentions"])
    return out
