"""Reads of the working calendar: the merged WorkCalendar of an agency, and day lists for display."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from motcua.agencies.models import Agency

from . import holiday_source
from .engine import DEFAULT_WINDOWS, WorkCalendar
from .models import CalendarOverride, WorkingWindow

AgencyRef = Agency | int | None

ORIGIN_PACKAGE = "national"
ORIGIN_PROVINCE = "province"
ORIGIN_AGENCY = "agency"
ORIGIN_WEEK = "week"
WEEKLY_SOURCE = "Quyết định 188/1999/QĐ-TTg; khung giờ làm việc của cơ quan"


@dataclass(frozen=True)
class CalendarDay:
    """A day off or make-up working day as shown to people, with where it comes from."""

    date: date
    working: bool
    name: str
    source: str
    origin: str  # ORIGIN_*: the national calendar, a province-wide or an agency override, or the weekly hours


# In-process cache: agency id (None = province) -> calendar. Cleared by the post_save/post_delete handlers
# connected in apps.py; `_generation` stops a build that raced with an invalidation from being stored.
_cache: dict[int | None, WorkCalendar] = {}
_generation = 0
_lock = threading.Lock()


def clear_cache(**_: Any) -> None:
    """Forget every merged calendar (signature fits a signal receiver)."""
    global _generation
    with _lock:
        _generation += 1
        _cache.clear()


def _agency_id(agency: AgencyRef) -> int | None:
    return agency.pk if isinstance(agency, Agency) else agency


def _weekly_windows(agency_id: int | None) -> dict[int, list[tuple[time, time]]]:
    rows = []
    if agency_id is not None:
        rows = list(WorkingWindow.objects.filter(agency_id=agency_id).values_list("weekday", "start", "end"))
    if not rows:
        rows = list(WorkingWindow.objects.filter(agency__isnull=True).values_list("weekday", "start", "end"))
    if not rows:
        return {weekday: list(windows) for weekday, windows in DEFAULT_WINDOWS.items()}
    week: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for weekday, start, end in rows:
        week[weekday].append((start, end))
    return dict(week)


def _overrides(agency_id: int | None) -> dict[date, CalendarOverride]:
    """Overrides in force, by date: province-wide rows, replaced by the agency's own for the same date."""
    merged = {row.date: row for row in CalendarOverride.objects.filter(agency__isnull=True)}
    if agency_id is not None:
        merged.update({row.date: row for row in CalendarOverride.objects.filter(agency_id=agency_id)})
    return merged


def _build(agency_id: int | None) -> WorkCalendar:
    overrides = _overrides(agency_id)
    return WorkCalendar(
        _weekly_windows(agency_id),
        days_off={d for d, row in overrides.items() if row.kind == CalendarOverride.Kind.OFF},
        extra_days={d for d, row in overrides.items() if row.kind == CalendarOverride.Kind.WORK},
        year_source=holiday_source.year_source,
    )


def calendar_for(agency: AgencyRef = None) -> WorkCalendar:
    """The working calendar of an agency (or the province): its week, national days, then overrides."""
    agency_id = _agency_id(agency)
    calendar = _cache.get(agency_id)
    if calendar is not None:
        return calendar
    generation = _generation
    calendar = _build(agency_id)
    with _lock:
        if generation == _generation:
            _cache[agency_id] = calendar
    return calendar


def _year_days(year: int, agency: AgencyRef) -> list[CalendarDay]:
    days: dict[date, CalendarDay] = {}
    national_off, national_work = holiday_source.national_year(year)
    for entry in (*national_off, *national_work):
        days[entry.date] = CalendarDay(entry.date, entry.working, entry.name, entry.source, ORIGIN_PACKAGE)
    agency_id = _agency_id(agency)
    for d, row in _overrides(agency_id).items():
        if d.year != year:
            continue
        origin = ORIGIN_PROVINCE if row.agency_id is None else ORIGIN_AGENCY
        days[d] = CalendarDay(d, row.kind == CalendarOverride.Kind.WORK, row.reason, row.source, origin)
    return [days[d] for d in sorted(days)]


def days_off(year: int, agency: AgencyRef = None) -> list[CalendarDay]:
    """National days off of a year after the province's and the agency's corrections, by date."""
    return [day for day in _year_days(year, agency) if not day.working]


def make_up_days(year: int, agency: AgencyRef = None) -> list[CalendarDay]:
    """Make-up working days (làm bù) of a year after corrections, by date."""
    return [day for day in _year_days(year, agency) if day.working]


def explain_day(d: date, agency: AgencyRef = None) -> CalendarDay:
    """Whether `d` is a working day for the agency, and the rule or document that decides it."""
    working = calendar_for(agency).is_working_day(d)
    for day in _year_days(d.year, agency):
        if day.date == d:
            return CalendarDay(d, working, day.name, day.source, day.origin)
    name = "Ngày làm việc theo lịch hằng tuần" if working else "Ngày nghỉ hằng tuần"
    return CalendarDay(d, working, name, WEEKLY_SOURCE, ORIGIN_WEEK)
