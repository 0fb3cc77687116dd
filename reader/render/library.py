"""What the library screen shows, as rich text: article rows, people with their posts over
time, documents with their citations, and mentions with a line of context."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from articles.library import ArticleSummary, LibraryDocument, LibraryMention, LibraryPerson
from reader.render.entities import document_details, name_line
from reader.render.text import day, shorten
from reader.safe_text import one_line


def article_cells(summary: ArticleSummary, notes: int, title_width: int = 70) -> list[Text]:
    """One row of the article table (the title cut to `title_width` characters)."""
    if summary.error is not None:
        return [
            Text.assemble(("⚠ ", "bold red"), (shorten(summary.path.name, 40), "red"),
                          (f" — {shorten(summary.error, 60)}", "dim red")),
            Text("—"), Text(""), Text(""), Text(""), Text(""), Text(str(notes) if notes else ""),
        ]
    title = Text(shorten(summary.title or summary.path.name, title_width))
    if summary.pending:
        title.stylize("dim italic")
    return [
        title,
        Text(day(summary.published)),
        Text(shorten(", ".join(summary.authors), 30)),
        Text(shorten(summary.source or "", 16)),
        Text("…" if summary.pending else str(summary.people_count), justify="right"),
        Text("…" if summary.pending else str(summary.documents_count), justify="right"),
        Text(str(notes) if notes else "", justify="right"),
    ]


def hanging(rows: list[Text], indent: int = 2) -> Table:
    """Rows after an indent, each wrapping within its own column: a long post goes on under
    itself, never back under the margin (its dates are one word, so never cut)."""
    grid = Table.grid()
    grid.add_column(width=indent, no_wrap=True)
    grid.add_column(ratio=1)
    for row in rows:
        grid.add_row(Text(""), row)
    return grid


def person_prompt(person: LibraryPerson) -> Group:
    """A person in who's who: name, how often and where, then each post with its dates, a
    long post wrapping under itself."""
    articles = len(person.articles)
    head = name_line(person.name, f"{person.mention_count} in {articles} article"
                                  f"{'s' if articles != 1 else ''}")
    rows: list[Text] = []
    for post in person.posts:
        if post.role in ("author", "photographer"):
            span = ""
        else:
            first, last = post.first, post.last
            # no spaces around the dash: a range is one word, never cut across lines
            span = day(first) if first == last else f"{day(first)}–{day(last)}"
        row = Text(shorten(post.role, 70), style="italic")
        if span and span != "—":
            row.append(f"  {span}", style="cyan")
        rows.append(row)
    return Group(head, hanging(rows)) if rows else Group(head)


POST_DATES = 12
"""How many articles a post lists at most: the first ones and the last ones, the number between."""


def posts_text(person: LibraryPerson) -> Text:
    """A person's post history, one line per article giving a post, in date order (a post given
    by many articles: the first and the last few, with how many between)."""
    text = Text.assemble((one_line(person.name), "bold underline"), "\n")
    for post in person.posts:
        text.append(shorten(post.role, 90) + "\n", style="bold")
        dates = list(post.dates)
        hidden = len(dates) - POST_DATES
        if hidden > 0:
            dates = [*dates[: POST_DATES // 2], *dates[-POST_DATES // 2 :]]
        for n, (when, path) in enumerate(dates):
            if hidden > 0 and n == POST_DATES // 2:
                text.append(f"  … {hidden:,} more articles …\n", style="dim italic")
            text.append(f"  {day(when)}  ", style="cyan")
            text.append(shorten(path.name, 70) + "\n", style="dim")
    return text


def document_prompt(doc: LibraryDocument) -> Text:
    """A document across the library: code, type, issuer, date, citing articles; doubt shown."""
    citing = len(doc.citations)
    text = name_line(doc.code, f"{citing} article{'s' if citing != 1 else ''}")
    if doc.doubt:
        text.append("  ? which one", style="bold yellow")
    when = day(doc.date) if doc.date else (str(doc.year) if doc.year else "")
    text.append("\n  " + document_details(doc.type, doc.issuer, when), style="italic")
    if doc.subject:
        text.append("\n  " + shorten(doc.subject, 80), style="dim")
    return text


def document_text(doc: LibraryDocument) -> Text:
    """A document's details above its citations, with the doubt where there is one."""
    text = Text.assemble((one_line(doc.code), "bold underline"), "  ",
                         (one_line(doc.type), "bold"), "\n")
    if doc.issuer:
        text.append(f"Issuer: {one_line(doc.issuer)}\n")
    if doc.date or doc.year:
        text.append(f"Date: {day(doc.date) if doc.date else doc.year}\n")
    if doc.subject:
        text.append(f"Subject: {shorten(doc.subject, 200)}\n")
    if doc.doubt:
        text.append(f"? {one_line(doc.doubt)}\n", style="bold yellow")
        if doc.candidates:
            text.append(f"  could be: {one_line(', '.join(doc.candidates))}\n", style="yellow")
    return text


def mention_prompt(mention: LibraryMention) -> Table:
    """A mention in a list: date and article, then the line of context with the mention in
    bold; the title and the context wrap in their own column, right of the date."""
    context = one_line(mention.context)
    before, inside = context[: mention.context_start], context[
        mention.context_start : mention.context_end]
    after = context[mention.context_end :]
    line = Text(before)
    line.append(inside, style="bold reverse" if mention.kind != "role" else "italic reverse")
    line.append(after)
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(day(mention.date), style="cyan"),
                 Text(shorten(mention.title or mention.path.name, 80), style="bold"))
    grid.add_row(Text(""), line)
    return grid
