"""Dates and timestamps of edXML: read in both orders seen in real traffic, always written yyyy/MM/dd.

Pure functions. An impossible date (2014/02/30) is an error, never rolled over to 2 March as
Java's lenient parsing does; the caller decides whether that refuses the message or only the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from motcua.core.time import VN_TZ

DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"

_TIME = r"(?:[ T](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})" + _TIME + "$", re.ASCII)
_DAY_FIRST = re.compile(r"^(?P<day>\d{2})/(?P<month>\d{2})/(?P<year>\d{4})" + _TIME + "$", re.ASCII)


class DateForm(Enum):
    YEAR_FIRST = "yyyy/MM/dd"
    DAY_FIRST = "dd/MM/yyyy"


class InvalidDate(ValueError):
    """The text is no date: `impossible` when it has the shape of one (2014/02/30)."""

    def __init__(self, text: str, *, impossible: bool) -> None:
        self.text = text
        self.impossible = impossible
        super().__init__(text)


@dataclass(frozen=True)
class ParsedDate:
    value: date
    form: DateForm
    had_time: bool


@dataclass(frozen=True)
class ParsedTimestamp:
    value: datetime  # aware, Asia/Ho_Chi_Minh
    form: DateForm
    had_time: bool


def _match(text: str) -> tuple[re.Match[str], DateForm]:
    value = text.strip()
    if match := _YEAR_FIRST.match(value):
        return match, DateForm.YEAR_FIRST
    if match := _DAY_FIRST.match(value):
        return match, DateForm.DAY_FIRST
    raise InvalidDate(text, impossible=False)


def parse_date(text: str) -> ParsedDate:
    """`yyyy/MM/dd` or `dd/MM/yyyy`, optionally followed by a time (which is dropped)."""
    match, form = _match(text)
    try:
        value = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        raise InvalidDate(text, impossible=True) from None
    return ParsedDate(value, form, had_time=match["hour"] is not None)


def parse_timestamp(text: str) -> ParsedTimestamp:
    """`yyyy/MM/dd HH:mm:ss` (or day first), Vietnamese local time; a bare date means midnight."""
    match, form = _match(text)
    try:
        value = datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
            tzinfo=VN_TZ,
        )
    except ValueError:
        raise InvalidDate(text, impossible=True) from None
    return ParsedTimestamp(value, form, had_time=match["hour"] is not None)


def format_date(value: date) -> str:
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def format_timestamp(value: datetime) -> str:
    """Local time of Vietnam; a naive value is taken as already local."""
    local = value.astimezone(VN_TZ) if value.tzinfo is not None else value
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}:{local.second:02d}"
