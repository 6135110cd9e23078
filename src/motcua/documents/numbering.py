"""Numbers and notations of Decree 30/2020 App. I, and the dates the clerk must keep. Pure.

"Số: 05/QĐ-STP": the number (zero-padded below 10), then the notation: the abbreviation of the
document type and of the issuing body, joined by "-" without spaces. A letter (công văn) has no type
abbreviation: "Số: 12/STP-HCTP" (issuing body, then the drafting unit when there is one).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Protocol

DOC_NUMBER = re.compile(r"^(?P<number>\d{2,})/(?P<notation>[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*)$")

# Abbreviations of the document types a result may be (Decree 30/2020 App. III); "" for a letter.
TYPE_ABBREVIATIONS = {
    "decision": "QĐ",
    "licence": "GP",
    "certificate": "GCN",
    "reply": "",
    "refusal": "",
}
# The line the document type prints as (a letter has none: its summary starts with "V/v").
TYPE_TITLES = {
    "decision": "QUYẾT ĐỊNH",
    "licence": "GIẤY PHÉP",
    "certificate": "GIẤY CHỨNG NHẬN",
    "reply": "",
    "refusal": "",
}
TYPE_NAMES = {
    "decision": "Quyết định",
    "licence": "Giấy phép",
    "certificate": "Giấy chứng nhận",
    "reply": "Công văn",
    "refusal": "Công văn",
}


def _plain(letter: str) -> str:
    """The letter without its accents, keeping Đ (an abbreviation writes "QĐ", not "QD")."""
    if letter in "Đđ":
        return "Đ"
    decomposed = unicodedata.normalize("NFD", letter)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").upper()


def abbreviate(name: str) -> str:
    """The initials of a body's name: "Sở Tư pháp" -> "STP", "Ủy ban nhân dân" -> "UBND"."""
    words = re.findall(r"[^\W\d_]+|\d+", name)
    return clean_group("".join(w if w.isdigit() else _plain(w[0]) for w in words)) or "CQ"


GROUP_CHAR = re.compile(r"[A-Z0-9Đ]")


def clean_group(text: str) -> str:
    """One notation group: Latin capitals (accents dropped, Đ kept) and ASCII digits only."""
    return "".join(c for c in (_plain(ch) for ch in text if ch.isalnum()) if GROUP_CHAR.fullmatch(c))


def format_number(number: int) -> str:
    if number < 1:
        raise ValueError("a document number starts at 1")
    return f"{number:02d}"


def notation(number: int, *, kind: str, body: str, unit: str = "") -> str:
    """The full "number/notation": `123/QĐ-STP`, `05/QĐ-STP`, a letter `12/STP-HCTP`."""
    groups = [TYPE_ABBREVIATIONS.get(kind, ""), clean_group(body)]
    if not groups[0] and unit:
        groups.append(clean_group(unit))
    return f"{format_number(number)}/" + "-".join(g for g in groups if g)


class Calendar(Protocol):
    def is_working_day(self, day: date) -> bool: ...


def next_working_day(day: date, calendar: Calendar) -> date:
    """The first working day after `day`."""
    candidate = day + timedelta(days=1)
    for _ in range(60):  # the longest run of days off (Tết) is far shorter
        if calendar.is_working_day(candidate):
            return candidate
        candidate += timedelta(days=1)
    raise ValueError("no working day within 60 days")


def issue_due(signed_on: date, calendar: Calendar) -> date:
    """Art. 18: issue on the day of signing, or the next working day at the latest."""
    return next_working_day(signed_on, calendar)


def presentation_due(arrived_at: datetime, calendar: Calendar, *, urgent: bool) -> datetime:
    """Art. 23: present on the day of arrival, the next working day at the latest; urgent ones at once.

    The moment is the end of that day (the same time zone as `arrived_at`); an urgent one is due now.
    """
    if urgent:
        return arrived_at
    day = next_working_day(arrived_at.date(), calendar)
    return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=arrived_at.tzinfo)
