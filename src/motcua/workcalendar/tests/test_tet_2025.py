"""Tết Ất Tỵ 2025 stops the clock for nine days.

Official schedule: Thông báo 6150/TB-BLĐTBXH of the Ministry of Labour, Invalids and Social Affairs, issued
after Công văn 8726/VPCP-KGVX of 26/11/2024 (the Prime Minister's approval): officials are off from Saturday
25/01/2025 to Sunday 02/02/2025, i.e. the five Tết days Monday 27/01 .. Friday 31/01 plus two weekends.
The holidays package cites the same announcement (thuvienphapluat "Announcement-6150-TB-BLDTBXH-2024").
"""

from __future__ import annotations

from datetime import date

import pytest

from motcua.workcalendar.selectors import calendar_for

from .support import cli_due, engine_due

pytestmark = pytest.mark.django_db


def test_the_five_tet_weekdays_are_off_and_the_week_after_works() -> None:
    calendar = calendar_for()
    assert calendar.is_working_day(date(2025, 1, 24))  # Fri 24/01: the last working day before Tết
    # Sat 25, Sun 26, then Mon 27 (29 Tết) .. Fri 31 (mùng 3)
    assert not any(calendar.is_working_day(date(2025, 1, day)) for day in range(25, 32))
    assert not calendar.is_working_day(date(2025, 2, 1))
    assert not calendar.is_working_day(date(2025, 2, 2))
    assert calendar.is_working_day(date(2025, 2, 3))


def test_five_days_received_the_working_day_before_tet() -> None:
    """Received Fri 24/01/2025 09:00, 5 working days = 40 working hours.

    Fri 24/01: 09:00–11:30 + 13:30–17:30 = 6.5 h (33.5 h left); 27/01–02/02 off;
    Mon 03/02, Tue 04/02, Wed 05/02, Thu 06/02: 4 × 8 h (1.5 h left); Fri 07/02: 07:30 + 1.5 h = 09:00.
    """
    assert cli_due("2025-01-24T09:00", "5d") == "2025-02-07T09:00:00+07:00"
    assert engine_due("2025-01-24 09:00", 5, "day") == "2025-02-07T09:00:00+07:00"


def test_sixteen_hours_across_tet() -> None:
    """Fri 24/01 09:00 + 16 h: 6.5 h on Friday, 8 h on Mon 03/02, 1.5 h on Tue 04/02 → 09:00."""
    assert cli_due("2025-01-24T09:00", "16h") == "2025-02-04T09:00:00+07:00"
    assert engine_due("2025-01-24 09:00", 16, "hour") == "2025-02-04T09:00:00+07:00"


def test_received_during_tet_counts_from_the_first_working_morning() -> None:
    """Submitted online on mùng 1 (Wed 29/01 10:00): counting starts Mon 03/02 07:30; 1 day ends 17:30."""
    assert cli_due("2025-01-29T10:00", "1d") == "2025-02-03T17:30:00+07:00"
