"""Where the body ends and the site footer begins: a footer marker ("Related news", "Tags: ...",
"Share"), the headline printed again, or the outlet's contact lines (address, telephone, e-mail)
closing the page. The footer only ever follows running text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from articles.folding import fold

FOOTER_MARKER = re.compile(
    r"^(?:Featured\b.*|Latest(?: news| articles)?|Related(?: news| articles| posts| stories)?:?|"
    r"Read more:?|See also:?|Most (?:read|viewed|popular)|Hot news|Other (?:news|stories)|"
    r"More news|"
    r"Tags?:.*|Keywords?:.*|POWERED BY.*|Copyright\b.*|©.*|"
    r"(?:Deputy )?Editors?[- ]in[- ][Cc]hief\s*:.*|Licen[cs]e\s*(?:No\b|number|:).*|"
    r"Address\s*:.*|Tel(?:ephone)?\s*:.*|Hotline\s*:.*|E-?mail\s*:.*|Follow us\b.*|"
    r"Share(?: this(?: article)?)?:?|Print|Back to top|Comments?(?:\s*\(\d+\))?|Your comment.*|"
    r"(?:Legal )?Disclaimers?\s*:.*|"
    r"Responsible for (?:the )?content.*)$",
    re.IGNORECASE,
)
"""A line that opens the site footer."""

CONTACT_LABEL = re.compile(
    r"^(?:Address|Add|Head office|Office|Tel(?:ephone)?|Phone|Fax|Hotline|E-?mail|Website|"
    r"Contact|Địa chỉ|Điện thoại)\b[^:]{0,24}:",
    re.IGNORECASE,
)
"""A contact line's label ("Office: ...", "Tel: ...")."""
PHONE = re.compile(r"(?<![\w/])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?(?:[\s.-]\d{2,4}){2,4}(?![\w/])")
"""A telephone number ("+84 24 3831 0000", "(024) 3943 1234")."""
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
STREET_ADDRESS = re.compile(
    r"(?:^|,\s*)\d{1,4}[A-Za-z]?(?:/\d{1,4})?\s+[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*)*,"
)
"""A house number and a street, then a comma ("43 Nguyen Chi Thanh, Ba Dinh, Hanoi")."""
CONTACT_GROUP = 2
"""How many lines of a contact block may stand above its first address or number line."""


def contact_line(text: str) -> bool:
    """A line of the outlet's contact block: a labelled line, a telephone number, an e-mail
    address or a street address, in a short line that is not a sentence."""
    if len(text.split()) > 16 or text.endswith((".", "!", "?")):
        return False
    if CONTACT_LABEL.match(text) or EMAIL.search(text):
        return True
    phone = PHONE.search(text)
    if phone is not None and sum(c.isdigit() for c in phone.group()) >= 8:
        return True
    return text.count(",") >= 2 and STREET_ADDRESS.search(text) is not None


def footer_start(
    texts: Sequence[str], blank_before: Sequence[bool], first_body: int, title: str
) -> int:
    """Index of the first footer line among the non-blank lines `texts` (`blank_before[i]`: a
    blank line stands above line i), or len(texts) when the article has no footer."""
    folded_title = fold(title)
    prose = False  # the footer follows running text: no footer before a first sentence
    end = len(texts)
    for i in range(first_body, len(texts)):
        text = texts[i]
        if prose and len(text) <= 160 and FOOTER_MARKER.match(text):
            end = i
            break
        if prose and folded_title and fold(text) == folded_title:
            end = i
            break
        prose = prose or running_text(text)
    return _contact_block(texts, blank_before, first_body, end) if prose else end


def _contact_block(
    texts: Sequence[str], blank_before: Sequence[bool], first_body: int, end: int
) -> int:
    """Where the outlet's contact lines just before `end` begin (`end` when there are none),
    with the lines of their block above them ("VTV News welcomes your feedback ..." over its
    address and telephone lines); running text stays above them."""
    start = end
    while start - 1 > first_body and contact_line(texts[start - 1]):
        start -= 1
    if start == end or not any(running_text(t) for t in texts[first_body:start]):
        return end
    above = start
    while above - 1 > first_body and not blank_before[above] and start - above < CONTACT_GROUP:
        above -= 1
    if blank_before[above] and any(running_text(t) for t in texts[first_body:above]):
        return above
    return start


def running_text(text: str) -> bool:
    """A line of sentences: long, or several words ending with a full stop."""
    words = len(text.split())
    return words >= 25 or (words >= 6 and text.rstrip("”\"'’)").endswith((".", "!", "?", ":")))
