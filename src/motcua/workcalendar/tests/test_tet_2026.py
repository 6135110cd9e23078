"""Tết Bính Ngọ 2026.

Official schedule: Thông báo 9441/TB-BNV of 16/10/2025 of the Ministry of Home Affairs, issued after the Prime
Minister's approval in Công văn 9859/VPCP-KGVX (October 2025): officials are off from Saturday 14/02/2026
(27 tháng Chạp) to Sunday 22/02/2026 (mùng 6), i.e. the five Tết days Monday 16/02 .. Friday 20/02 plus two
weekends. The holidays package (0.109) gives the same five weekdays.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from motcua.workcalendar.selectors import calendar_for

from .support import cli_due, engine_due

pytestmark = pytest.mark.django_db


def test_monday_16_to_friday_20_february_are_off() -> None:
    calendar = calendar_for()
    assert calendar.is_working_day(date(2026, 2, 13))
    for offset in range(9):  # Sat 14/02 .. Sun 22/02
        assert not calendar.is_working_day(date(2026, 2, 14) + timedelta(days=offset))
    assert calendar.is_working_day(date(2026, 2, 23))


def test_five_days_received_friday_afternoon_before_tet() -> None:
    """Received Fri 13/02/2026 14:00, 5 days = 40 h.

    Fri 13/02: 14:00–17:30 = 3.5 h (36.5 h left); 14/02–22/02 off; Mon 23 .. Thu 26/02: 4 × 8 h (4.5 h left);
    Fri 27/02: 07:30–11:30 = 4 h, then 13:30 + 0.5 h = 14:00.
    """
    assert cli_due("2026-02-13T14:00", "5d") == "2026-02-27T14:00:00+07:00"
    assert engine_due("2026-02-13 14:00", 5, "day") == "2026-02-27T14:00:00+07:00"


def test_ten_days_from_the_last_morning_before_tet() -> None:
    """Fri 13/02/2026 09:00 + 10 days: the 10th working day after is Fri 06/03 (23–27/02, 02–06/03), 09:00."""
    assert cli_due("2026-02-13T09:00", "10d") == "2026-03-06T09:00:00+07:00"
