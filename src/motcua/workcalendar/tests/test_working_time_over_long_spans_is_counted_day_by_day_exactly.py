"""Working time between two moments, counted by whole weeks and exceptions, equals the day-by-day walk:
over spans of minutes to years, on the real national calendar and on calendars with their own weeks,
days off and make-up days (no database)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.workcalendar import holiday_source
from motcua.workcalendar.engine import WorkCalendar


def walked_day_by_day(calendar: WorkCalendar, a: datetime, b: datetime) -> int:
    """The definition: every window of every day from `a` to `b`, clipped to them."""
    a, b = a.astimezone(VN_TZ), b.astimezone(VN_TZ)
    total = timedelta()
    day = a.date()
    while day <= b.date():
        for start, end in calendar.windows_on(day):
            low, high = max(start, a), min(end, b)
            if low < high:
                total += high - low
        day += timedelta(days=1)
    return int(total.total_seconds())


NATIONAL = WorkCalendar(year_source=holiday_source.year_source)

moments = st.datetimes(
    min_value=datetime(2023, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(VN_TZ)
)
dates = st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31))
windows = st.lists(
    st.tuples(st.integers(0, 22), st.integers(1, 4)).map(lambda w: (time(w[0]), time(min(w[0] + w[1], 23)))),
    max_size=3,
)


@st.composite
def calendars(draw: st.DrawFn) -> WorkCalendar:
    week = {weekday: draw(windows) for weekday in range(7)}
    if not any(week.values()):
        week[0] = [(time(8), time(12))]
    return WorkCalendar(
        week,
        days_off=draw(st.sets(dates, max_size=30)),
        extra_days=draw(st.sets(dates, max_size=30)),
        year_source=holiday_source.year_source if draw(st.booleans()) else None,
    )


@settings(max_examples=400, deadline=None)
@given(a=moments, b=moments)
def test_on_the_national_calendar(a: datetime, b: datetime) -> None:
    assert NATIONAL.working_seconds_between(a, b) == walked_day_by_day(NATIONAL, a, b)


@settings(max_examples=300, deadline=None)
@given(calendar=calendars(), a=moments, b=moments)
def test_on_a_calendar_of_its_own(calendar: WorkCalendar, a: datetime, b: datetime) -> None:
    assert calendar.working_seconds_between(a, b) == walked_day_by_day(calendar, a, b)


@settings(max_examples=200, deadline=None)
@given(a=moments, minutes=st.integers(0, 3 * 24 * 60))
def test_within_a_few_days(a: datetime, minutes: int) -> None:
    b = a + timedelta(minutes=minutes)
    assert NATIONAL.working_seconds_between(a, b) == walked_day_by_day(NATIONAL, a, b)
