"""The 30/4–1/5 swaps of 2024 and 2025 and their make-up Saturdays.

2024: Công văn 2450/VPCP-KGVX of 12/04/2024 (the Prime Minister agrees to the Ministry of Labour's proposal
1511/LĐTBXH-CATLĐ of 11/04/2024), announced by Thông báo 1570/TB-BLĐTBXH of 12/04/2024: Monday 29/04/2024 is
swapped with Saturday 04/05/2024, so officials are off Sat 27/04 .. Wed 01/05 and work Sat 04/05.
The holidays package cites 2450/VPCP-KGVX for this swap.

2025: Thông báo 6150/TB-BLĐTBXH, after Công văn 8726/VPCP-KGVX of 26/11/2024: Friday 02/05/2025 is swapped
with Saturday 26/04/2025, so officials are off Wed 30/04 .. Sun 04/05 and work Sat 26/04.
"""

from __future__ import annotations

from datetime import date

import pytest

from motcua.workcalendar.selectors import calendar_for, days_off, make_up_days

from .support import cli, cli_due, engine_due

pytestmark = pytest.mark.django_db


def test_swapped_days_are_off_and_make_up_saturdays_are_worked() -> None:
    calendar = calendar_for()
    assert not calendar.is_working_day(date(2024, 4, 29))
    assert calendar.is_working_day(date(2024, 5, 4))
    assert not calendar.is_working_day(date(2025, 5, 2))
    assert calendar.is_working_day(date(2025, 4, 26))


def test_a_make_up_saturday_has_the_hours_of_a_weekday() -> None:
    windows = calendar_for().windows_on(date(2024, 5, 4))
    assert [(start.strftime("%H:%M"), end.strftime("%H:%M")) for start, end in windows] == [
        ("07:30", "11:30"),
        ("13:30", "17:30"),
    ]


def test_2024_due_date_lands_on_the_make_up_saturday() -> None:
    """Received Fri 26/04/2024 09:00, 3 days = 24 h.

    Fri 26/04: 6.5 h (17.5 h left); Sat 27 – Wed 01/05 off (29/04 swapped, 30/04, 01/05 holidays);
    Thu 02/05 and Fri 03/05: 16 h (1.5 h left); Sat 04/05 (làm bù): 07:30 + 1.5 h = 09:00.
    """
    assert cli_due("2024-04-26T09:00", "3d") == "2024-05-04T09:00:00+07:00"
    assert engine_due("2024-04-26 09:00", 3, "day") == "2024-05-04T09:00:00+07:00"


def test_2025_due_date_lands_on_the_make_up_saturday() -> None:
    """Received Thu 24/04/2025 09:00, 2 days = 16 h: Thu 6.5 h, Fri 25/04 8 h (1.5 h left),
    Sat 26/04 (làm bù) 07:30 + 1.5 h = 09:00."""
    assert cli_due("2025-04-24T09:00", "2d") == "2025-04-26T09:00:00+07:00"
    assert engine_due("2025-04-24 09:00", 2, "day") == "2025-04-26T09:00:00+07:00"


def test_2025_the_swapped_friday_is_skipped() -> None:
    """Received Mon 28/04/2025 09:00, 2 days: Mon 6.5 h, Tue 29/04 8 h (1.5 h left); Wed 30/04 – Sun 04/05 off
    (30/04, 01/05 holidays, 02/05 swapped, weekend); Mon 05/05: 07:30 + 1.5 h = 09:00."""
    assert cli_due("2025-04-28T09:00", "2d") == "2025-05-05T09:00:00+07:00"


def test_received_after_hours_on_friday_starts_on_the_make_up_saturday() -> None:
    """Fri 25/04/2025 18:00 is after 17:30: counting starts Sat 26/04 07:30 (làm bù); 1 day ends 17:30."""
    assert cli_due("2025-04-25T18:00", "1d") == "2025-04-26T17:30:00+07:00"


def test_lists_for_display_name_the_swap_and_its_source() -> None:
    off_2024 = {day.date: day for day in days_off(2024)}
    assert off_2024[date(2024, 4, 29)].name == "Ngày nghỉ (thay cho ngày 04/05/2024)"
    assert "2450/VPCP-KGVX" in off_2024[date(2024, 4, 29)].source
    [make_up_2024] = make_up_days(2024)
    assert make_up_2024.date == date(2024, 5, 4)
    assert make_up_2024.name == "Làm bù cho ngày nghỉ Thứ Hai 29/04/2024"
    [make_up_2025] = make_up_days(2025)
    assert make_up_2025.date == date(2025, 4, 26)
    assert "6150/TB-BLĐTBXH" in make_up_2025.source


def test_check_command_explains_the_make_up_saturday() -> None:
    line = cli("check", "2025-04-26").strip()
    assert line.startswith("2025-04-26 (Thứ Bảy): ngày làm việc — Làm bù cho ngày nghỉ Thứ Sáu 02/05/2025")
    assert "6150/TB-BLĐTBXH" in line
    swapped = cli("check", "2024-04-29").strip()
    assert swapped.startswith("2024-04-29 (Thứ Hai): ngày nghỉ — Ngày nghỉ (thay cho ngày 04/05/2024)")


def test_days_command_lists_the_year() -> None:
    lines = cli("days", "2025").splitlines()
    assert any(line.startswith("2025-04-26  Thứ Bảy   làm bù") for line in lines)
    assert any(line.startswith("2025-05-02  Thứ Sáu   nghỉ") for line in lines)
    assert len(lines) == 14  # 13 days off (Saturday 01/02 included) + 1 make-up Saturday
