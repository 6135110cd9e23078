"""National Day 2025: Monday 1 and Tuesday 2 September are off.

Labour Code 2019 Art. 112(1)(đ) gives 2/9 and one adjacent day; Thông báo 6150/TB-BLĐTBXH (after
Công văn 8726/VPCP-KGVX of 26/11/2024) fixes them for officials as Mon 01/09 and Tue 02/09/2025:
off from Saturday 30/08 to Tuesday 02/09/2025.
"""

from __future__ import annotations

from datetime import date

import pytest

from motcua.workcalendar.selectors import calendar_for

from .support import cli_due, engine_due

pytestmark = pytest.mark.django_db


def test_first_and_second_of_september_are_off() -> None:
    calendar = calendar_for()
    assert calendar.is_working_day(date(2025, 8, 29))
    assert not calendar.is_working_day(date(2025, 9, 1))
    assert not calendar.is_working_day(date(2025, 9, 2))
    assert calendar.is_working_day(date(2025, 9, 3))


def test_one_day_received_friday_before_national_day() -> None:
    """Fri 29/08/2025 09:00 + 1 day: Fri 6.5 h (1.5 h left); 30/08–02/09 off;
    Wed 03/09 07:30 + 1.5 h = 09:00."""
    assert cli_due("2025-08-29T09:00", "1d") == "2025-09-03T09:00:00+07:00"
    assert engine_due("2025-08-29 09:00", 1, "day") == "2025-09-03T09:00:00+07:00"


def test_sixteen_hours_received_friday_afternoon() -> None:
    """Fri 29/08 16:00 + 16 h: Fri 1.5 h (14.5 h left); Wed 03/09 8 h (6.5 h left);
    Thu 04/09: 07:30–11:30 = 4 h, then 13:30 + 2.5 h = 16:00."""
    assert cli_due("2025-08-29T16:00", "16h") == "2025-09-04T16:00:00+07:00"
