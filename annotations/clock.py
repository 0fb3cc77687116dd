"""Timestamps of annotations: aware UTC datetimes, written as ISO 8601 with a trailing "Z"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_ZERO = timedelta(0)


def utc_now() -> datetime:
    """The current time in UTC, to the millisecond (so it survives a round trip unchanged)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond - now.microsecond % 1000)


def format_time(value: datetime) -> str:
    """`2024-05-01T12:34:56.789Z` (milliseconds when they are all the precision there is)."""
    value = value.astimezone(UTC)
    spec = "milliseconds" if value.microsecond % 1000 == 0 else "microseconds"
    return value.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


def parse_time(text: str) -> datetime:
    """An ISO 8601 timestamp with an explicit UTC offset ("Z" or "+00:00"; other offsets are
    converted to UTC). Raises ValueError for anything else, including a time with no offset."""
    if not isinstance(text, str) or not 10 <= len(text) <= 40:
        raise ValueError("not an ISO 8601 timestamp")
    value = datetime.fromisoformat(text)
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("an ISO 8601 timestamp needs a UTC offset (for example a trailing Z)")
    return value if offset == _ZERO and value.tzinfo is UTC else value.astimezone(UTC)


def is_utc(value: datetime) -> bool:
    """Whether `value` is timezone-aware with a zero offset."""
    return value.tzinfo is not None and value.utcoffset() == timedelta(0)
