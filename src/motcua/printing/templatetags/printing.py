"""The official forms' wording of dates and times, and the marks of the processing control form."""

from __future__ import annotations

from datetime import datetime

from django import template

from motcua.core.time import local

register = template.Library()

TIMELINESS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


def _month(m: datetime) -> str:
    return f"{m.month:02d}" if m.month < 3 else str(m.month)


@register.filter
def timeliness_text(value: str | None) -> str:
    return TIMELINESS.get(value or "", "")


@register.filter
def form_time(moment: datetime | None) -> str:
    """The official forms' wording: '09 giờ 30 phút, ngày 03 tháng 3 năm 2025'."""
    if moment is None:
        return "…"
    m = local(moment)
    return f"{m:%H} giờ {m:%M} phút, ngày {m:%d} tháng {_month(m)} năm {m.year}"


@register.filter
def form_date(moment: datetime | None) -> str:
    """'ngày 03 tháng 3 năm 2025' (Decree 30/2020: day and month below 10 with a leading zero
    for the day, months 1 and 2 with a zero too: 'tháng 01', 'tháng 02')."""
    if moment is None:
        return "ngày … tháng … năm …"
    m = local(moment)
    return f"ngày {m:%d} tháng {_month(m)} năm {m.year}"
