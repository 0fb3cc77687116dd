"""Dates and times as articles write them: "April 12, 2023 17:14", "02-01-2020 | 15:51:02"."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_MINUTE_MARK = "['’′]?"
"""A minute mark some pages print after the time ("09:25’")."""
_TIME = (
    r"(?:\s*(?:[-|,•]|at)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    rf"{_MINUTE_MARK}(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?)?"
)

MONTH_FIRST = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b{_TIME}"
)
MONTH_GLUED = re.compile(
    rf"\b(?P<month>{_MONTH})\.?,?\s+(?P<day>[0-3]?\d)(?P<year>(?:19|20)\d{{2}})\b{_TIME}"
)
"""A month-first date whose day and year are printed without a space ("March, 142025")."""
DAY_FIRST_WORDS = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\b{_TIME}"
)
NUMERIC_DAY_FIRST = re.compile(
    rf"(?<!\d)(?P<day>\d{{1,2}})[-/.](?P<month>\d{{1,2}})[-/.](?P<year>\d{{4}})\b{_TIME}"
)
ISO = re.compile(
    r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\b"
)
TIME_FIRST = re.compile(
    r"\b(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    rf"{_MINUTE_MARK}(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
    r"\s*(?:[-|,•]\s*)?(?:(?:GMT|UTC)[+-]\d{1,2}\s*[-|,]?\s*)?(?:[A-Za-z]+,\s*)?"
    r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})\b"
)
WEEKDAY_TAIL = re.compile(
    r",?\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,?|"
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?\s*,)\s*$",
    re.IGNORECASE,
)
"""A weekday ending a byline's text before its date ("Saturday, " before "15/06/2024")."""
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    TIME_FIRST, MONTH_FIRST, DAY_FIRST_WORDS, ISO, NUMERIC_DAY_FIRST, MONTH_GLUED
)


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def match_to_datetime(m: re.Match[str]) -> tuple[datetime, bool] | None:
    """The datetime a date match stands for, and whether it gave a time of day."""
    groups = m.groupdict()
    try:
        d, month = int(groups["day"]), _month(groups["month"])
        if month > 12 >= d and groups["month"].isdigit():
            d, month = month, d  # "09/20/2024": month first when the month cannot be one
        day = date(int(groups["year"]), month, d)
    except (ValueError, KeyError):
        return None
    hour = groups.get("hour")
    if hour is None:
        return datetime(day.year, day.month, day.day), False
    h, minute = int(hour), int(groups["minute"])
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    second = int(groups["second"]) if groups.get("second") else 0
    try:
        return datetime(day.year, day.month, day.day, h, minute, second), True
    except ValueError:
        return datetime(day.year, day.month, day.day), False


DNUM = re.compile(
    r"\bDNUM_(?P<day>[A-J]{1,2})Z(?P<month>[A-J]{1,2})Z(?P<year>[A-J]{4})\b"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
)
"""An unrendered date: letters A–J stand for digits 0–9, Z separates day, month and year."""


def _dnum(m: re.Match[str]) -> tuple[datetime, bool] | None:
    def number(letters: str) -> int:
        return int("".join(str(ord(c) - ord("A")) for c in letters))

    try:
        day = datetime(number(m["year"]), number(m["month"]), number(m["day"]))
        if m["hour"] is None:
            return day, False
        return day.replace(hour=int(m["hour"]), minute=int(m["minute"])), True
    except ValueError:
        return None


def find_datetime(text: str) -> tuple[re.Match[str], datetime, bool] | None:
    """The earliest date (with its time, if given) in `text`."""
    best: tuple[re.Match[str], datetime, bool] | None = None
    if "DNUM_" in text:
        m = DNUM.search(text)
        parsed = _dnum(m) if m else None
        if m is not None and parsed is not None:
            best = (m, parsed[0], parsed[1])
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            parsed = match_to_datetime(m)
            if parsed is None:
                continue
            if best is None or m.start() < best[0].start():
                best = (m, parsed[0], parsed[1])
            break
    return best


def parse_date_at(text: str, pos: int) -> tuple[date, int] | None:
    """A date starting exactly at `pos` in `text`: the date and the offset just after it."""
    for pattern in DATE_PATTERNS:
        m = pattern.match(text, pos)
        if m is None:
            continue
        groups = m.groupdict()
        try:
            found = date(int(groups["year"]), _month(groups["month"]), int(groups["day"]))
        except (ValueError, KeyError):
            continue
        return found, max(m.end("year"), m.end("day"))
    return None
