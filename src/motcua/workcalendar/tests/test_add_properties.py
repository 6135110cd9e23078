"""Properties of the working-time walk, over the real national calendar of 2023–2027 (no database)."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.workcalendar import holiday_source
from motcua.workcalendar.engine import WorkCalendar

CALENDAR = WorkCalendar(year_source=holiday_source.year_source)

moments = st.datetimes(
    min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(VN_TZ)
).map(lambda moment: moment.replace(microsecond=0))
hours = st.integers(min_value=0, max_value=400)
positive_hours = st.integers(min_value=1, max_value=200)
seconds = st.integers(min_value=0, max_value=60 * 8 * 3600)


@st.composite
def moments_inside_a_window(draw: st.DrawFn) -> datetime:
    start = CALENDAR.add_seconds(draw(moments), 0)  # the start of working time at or after the draw
    span_end = next(end for begin, end in CALENDAR.windows_on(start.date()) if begin <= start < end)
    offset = draw(st.integers(min_value=0, max_value=int((span_end - start).total_seconds()) - 1))
    return start + timedelta(seconds=offset)


@settings(max_examples=300, deadline=None)
@given(start=moments, a=hours, b=hours, unit=st.sampled_from(["hour", "day"]))
def test_add_is_monotonic_in_the_amount(start: datetime, a: int, b: int, unit: str) -> None:
    low, high = sorted((a, b))
    assert CALENDAR.add(start, low, unit) <= CALENDAR.add(start, high, unit)


@settings(max_examples=300, deadline=None)
@given(start=moments, a=positive_hours, b=positive_hours)
def test_adding_hours_in_two_steps_is_adding_them_at_once(start: datetime, a: int, b: int) -> None:
    # Amounts start at 1: a zero step from a window end would move to the next window start.
    assert CALENDAR.add(start, a + b, "hour") == CALENDAR.add(CALENDAR.add(start, a, "hour"), b, "hour")


@settings(max_examples=300, deadline=None)
@given(start=moments_inside_a_window(), amount=seconds)
def test_working_seconds_between_inverts_add_seconds(start: datetime, amount: int) -> None:
    assert CALENDAR.working_seconds_between(start, CALENDAR.add_seconds(start, amount)) == amount


@settings(max_examples=300, deadline=None)
@given(start=moments, amount=st.integers(min_value=0, max_value=60), unit=st.sampled_from(["hour", "day"]))
def test_a_due_moment_is_inside_a_window_of_a_working_day(start: datetime, amount: int, unit: str) -> None:
    due = CALENDAR.add(start, amount, unit)
    assert due.utcoffset() == timedelta(hours=7)
    assert CALENDAR.is_working_day(due.date())
    assert any(span_start <= due <= span_end for span_start, span_end in CALENDAR.windows_on(due.date()))
    assert due >= start
