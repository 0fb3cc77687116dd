"""Known outlets, agencies and the words of site furniture: what a masthead, a navigation bar or a
letterhead is made of. Entries are folded (no diacritics, lower case) to compare with `fold`."""

from __future__ import annotations

import re

from articles.folding import fold


def _phrases(listing: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in listing.split("|") if p.strip())


OUTLETS: frozenset[str] = _phrases(
    """
    nhan dan|nhan dan online|viet nam news|nhandan|nhandan.vn|vietnamplus|vietnam plus|vietnam news|
    vietnamnews|vietnam news agency|vnexpress|vnexpress international|e.vnexpress.net|
    tuoi tre|tuoi tre news|tuoitrenews|sggp|sggp news|sggp english|sggp english edition|
    saigon giai phong|saigon giai phong online|hanoi times|the hanoi times|hanoitimes|
    nghe an newspaper|bao nghe an|baonghean|baonghean.vn|nghe an online|binh dinh online|
    binh dinh newspaper|baobinhdinh|binh dinh portal|hoa binh online|hoa binh newspaper|
    baohoabinh|hbo|quang ninh newspaper|quang ninh portal|baoquangninh|quang ninh online|
    government news|vgp news|vietnam government portal|chinhphu.vn|baochinhphu.vn|
    people's army newspaper|people's army|quan doi nhan dan|qdnd|qdnd.vn|vietnamnet|
    vietnamnet global|dan tri|vov|vov world|voice of vietnam|lao dong|thanh nien|
    the investor|vietnam investment review|vir|vnnow|vietnam.vn|dang cong san|
    communist party of vietnam online newspaper|kinhtedothi|kinh te do thi|hanoimoi|
    hanoi moi|vna|vns|vtv|ttxvn|tto|hnp|ndo|vgp|sggp online|nld|nguoi lao dong
    """
)
"""Outlets and agencies, by name, domain or short name: a masthead, or a credit that is nobody."""

AGENCY_PREFIXES = (
    "NDO|VNA|VOV|VTV|SGGP|VGP|VNS|HBO|HNP|TTO|QĐND|QDND|BNA|BĐO|BDO|QNP|VNP|NLĐO|TTXVN|VnExpress"
)
"""Short outlet names that open a lead ("VNA - ", "HBO-A delegation ...")."""

DATELINE_PLACES: frozenset[str] = frozenset({"hcmc", "hcm", "tphcm", "sg"})
"""Short place names that open a dateline in capitals ("HCMC – "), besides the places of
`articles.parsing.lexicon.PLACES`: never an outlet's short name."""

NAV_WORDS: frozenset[str] = frozenset(
    """
    home news vietnam politics business economy society world sports sport culture travel
    lifestyle life health education science technology tech digital law opinion video videos
    photo photos multimedia english vietnamese tieng viet viet 中文 chinese french russian
    spanish japanese korean lao khmer bao in print e-paper epaper search login sign register
    menu contact about rss site subscribe eng china national international local provinces
    province national-news environment entertainment automobiles auto more all topics podcast
    infographics emagazine magazine trends feature features interview interviews hot latest
    trở lại the of and in & party building government defence defense security foreign affairs
    """.split()
)
"""Words of a navigation bar or breadcrumb ("Home News Vietnam", "Vietnamese | English")."""

FURNITURE_LINE = re.compile(
    r"^(?:Print(?: article| this article| page)?|Share(?: this)?|Font size.*|A\+?\s*A-?|"
    r"Listen(?: to (?:the )?article)?|Zoom|Enlarge|Back|Comments?\s*\(?\d*\)?|"
    r"Skip to (?:main )?content|Toggle navigation|Menu|Search|Trang chủ|Home|"
    r"leftcenterrightdel|Go back|Email|Save|Copy link|Follow|Like|Tweet|"
    r"\{[\w.-]{1,30}\})$",
    re.IGNORECASE,
)
"""A whole line that is a page control, not text ("Print article", "Share"), or a template's
unrendered placeholder ("{title}", "{publish}")."""

LETTERHEAD = re.compile(
    r"^(?:Independence\s*[-–—]\s*Freedom\s*[-–—]\s*Happiness|"
    r"(?:THE\s+)?SOCIALIST\s+REPUBLIC\s+OF\s+VIET\s*NAM|"
    r"C[ỘO]NG\s+H[ÒO]A\s+X[ÃA]\s+H[ỘO]I.*|Đ[ộo]c l[ậa]p\s*[-–—]\s*T[ựu] do.*|"
    r"No\.?\s*:?\s*\d+[-/][\w/.-]+|Số\s*:?\s*\d+[-/][\w/.-]+|"
    r"[-–—_=*.~]{3,}|THE\s+GOVERNMENT|THE\s+PRIME\s+MINISTER|"
    r"(?:Ha\s*Noi|Hanoi|Hà Nội|(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
    r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}),\s+"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|"
    r"(?:ngày\s+)?\d{1,2}[/\s]+(?:tháng\s+)?\d{1,2}[/\s]+(?:năm\s+)?\d{4}))$",
    re.IGNORECASE,
)
"""A state document's letterhead line: motto, country, number, issuer, place and date."""

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def outlet_in(line: str) -> str | None:
    """The outlet a masthead line names ("Nghe An Newspaper - ...", "VietnamPlus"), as written,
    or None. The line must be the name, perhaps followed by a slogan after a separator."""
    head = re.split(r"\s+[-–—|:·•]\s+|\s*[|·•]\s*", line.strip(), maxsplit=1)[0].strip(" .")
    if not head or len(head) > 60:
        return None
    folded = fold(head)
    if folded in OUTLETS:
        return head
    if folded.startswith("the ") and folded[4:] in OUTLETS:
        return head
    if _NAMED_OUTLET.match(head):
        return head
    return None


_NAMED_OUTLET = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s){1,3}(?:Newspaper|Online Newspaper|Electronic Newspaper|Online|"
    r"Portal|News Agency)$"
)
"""An outlet's name of a known shape ("Lang Son Newspaper", "Dak Lak Online")."""
