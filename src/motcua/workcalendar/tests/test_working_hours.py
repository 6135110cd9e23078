"""The default week (Decision 188/1999/QĐ-TTg, 8 hours a day) and how working time is walked."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from motcua.workcalendar.engine import CalendarError, WorkCalendar

from .support import vn


@pytest.fixture
def week() -> WorkCalendar:
    """The default week with no holidays, so only the windows matter."""
    return WorkCalendar()


def test_default_day_is_eight_hours_in_two_windows(week: WorkCalendar) -> None:
    assert week.day_seconds == 8 * 3600
    assert week.windows_on(date(2025, 3, 3)) == [
        (vn("2025-03-03 07:30"), vn("2025-03-03 11:30")),
        (vn("2025-03-03 13:30"), vn("2025-03-03 17:30")),
    ]
    assert week.windows_on(date(2025, 3, 8)) == []  # Saturday


def test_the_lunch_break_is_not_working_time(week: WorkCalendar) -> None:
    assert week.add(vn("2025-03-03 11:00"), 1, "hour") == vn("2025-03-03 14:00")
    assert week.working_seconds_between(vn("2025-03-03 11:00"), vn("2025-03-03 14:00")) == 3600


def test_a_walk_ending_on_a_window_end_stays_there(week: WorkCalendar) -> None:
    assert week.add(vn("2025-03-03 09:30"), 2, "hour") == vn("2025-03-03 11:30")
    assert week.add(vn("2025-03-07 09:30"), 8, "hour") == vn("2025-03-10 09:30")  # Friday → Monday
    assert week.add(vn("2025-03-03 07:30"), 1, "day") == vn("2025-03-03 17:30")


def test_a_start_outside_the_windows_moves_to_the_next_window(week: WorkCalendar) -> None:
    assert week.add(vn("2025-03-03 06:00"), 1, "hour") == vn("2025-03-03 08:30")
    assert week.add(vn("2025-03-03 12:00"), 1, "hour") == vn("2025-03-03 14:30")
    assert week.add(vn("2025-03-03 18:00"), 1, "hour") == vn("2025-03-04 08:30")
    assert week.add(vn("2025-03-08 10:00"), 1, "hour") == vn("2025-03-10 08:30")  # Saturday → Monday


def test_amount_zero_returns_the_effective_start(week: WorkCalendar) -> None:
    assert week.add(vn("2025-03-03 09:00"), 0, "day") == vn("2025-03-03 09:00")
    assert week.add(vn("2025-03-03 12:00"), 0, "hour") == vn("2025-03-03 13:30")
    assert week.add(vn("2025-03-08 12:00"), 0, "day") == vn("2025-03-10 07:30")


def test_results_are_in_vietnamese_time_whatever_the_input_zone(week: WorkCalendar) -> None:
    from datetime import UTC

    start_utc = vn("2025-03-03 09:00").astimezone(UTC)
    due = week.add(start_utc, 1, "hour")
    assert due == vn("2025-03-03 10:00")
    assert due.utcoffset() == timedelta(hours=7)


def test_working_seconds_between(week: WorkCalendar) -> None:
    assert week.working_seconds_between(vn("2025-03-07 09:00"), vn("2025-03-10 09:00")) == 8 * 3600
    assert week.working_seconds_between(vn("2025-03-03 09:00"), vn("2025-03-03 09:00")) == 0
    assert week.working_seconds_between(vn("2025-03-04 09:00"), vn("2025-03-03 09:00")) == 0
    assert week.working_seconds_between(vn("2025-03-03 00:00"), vn("2025-03-10 00:00")) == 40 * 3600


def test_pause_and_resume_keep_the_remaining_working_time(week: WorkCalendar) -> None:
    """The dossier clock: a supplement request pauses, the citizen's reply resumes with the time left."""
    due = week.add(vn("2025-03-03 09:00"), 3, "day")  # Thu 06/03 09:00
    # Paused Tue 04/03 10:00: Tue 1.5 + 4 h, Wed 8 h, Thu 07:30–09:00 1.5 h = 15 h left.
    remaining = week.working_seconds_between(vn("2025-03-04 10:00"), due)
    assert remaining == 15 * 3600
    # Resumed Mon 10/03 10:00: Mon 5.5 h, Tue 8 h, Wed 12/03 07:30 + 1.5 h = 09:00.
    assert week.add_seconds(vn("2025-03-10 10:00"), remaining) == vn("2025-03-12 09:00")


def test_custom_windows_and_a_saturday_morning() -> None:
    hours = {d: [(time(8), time(12)), (time(13), time(17))] for d in range(5)} | {5: [(time(8), time(11))]}
    calendar = WorkCalendar(hours)
    assert calendar.day_seconds == 8 * 3600
    assert calendar.is_working_day(date(2025, 3, 8))
    assert calendar.add(vn("2025-03-07 16:00"), 2, "hour") == vn("2025-03-08 09:00")


def test_a_make_up_day_on_a_weekday_without_hours_uses_monday() -> None:
    calendar = WorkCalendar(extra_days={date(2025, 3, 9)})  # a Sunday
    assert calendar.windows_on(date(2025, 3, 9))[0] == (vn("2025-03-09 07:30"), vn("2025-03-09 11:30"))


def test_overlapping_windows_are_counted_once() -> None:
    calendar = WorkCalendar({0: [(time(8), time(12)), (time(11), time(13))]})
    assert calendar.day_seconds == 5 * 3600


def test_bad_input_is_refused(week: WorkCalendar) -> None:
    from datetime import datetime

    with pytest.raises(CalendarError):
        week.add(datetime(2025, 3, 3, 9), 1, "hour")  # naive
    with pytest.raises(CalendarError):
        week.add(vn("2025-03-03 09:00"), 1, "week")
    with pytest.raises(CalendarError):
        week.add(vn("2025-03-03 09:00"), -1, "day")
    with pytest.raises(CalendarError):
        WorkCalendar({})
