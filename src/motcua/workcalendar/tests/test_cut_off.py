"""A procedure's intra-day cut-off ("received after 15:00 counts from the next working day").

Dates use Tết 2025 (Thông báo 6150/TB-BLĐTBXH after Công văn 8726/VPCP-KGVX of 26/11/2024: Mon 27/01 ..
Fri 31/01/2025 off) so "the next working day" after Fri 24/01/2025 is Mon 03/02/2025.
"""

from __future__ import annotations

from datetime import time

import pytest

from motcua.core.time import iso_local
from motcua.workcalendar.selectors import calendar_for

from .support import cli_due, vn

pytestmark = pytest.mark.django_db


def test_at_the_cut_off_counting_starts_next_working_day() -> None:
    """Fri 24/01/2025 15:00 with cut-off 15:00: counting starts Mon 03/02 07:30; 1 day ends 17:30."""
    assert cli_due("2025-01-24T15:00", "1d", "--cut-off", "15:00") == "2025-02-03T17:30:00+07:00"
    due = calendar_for().add(vn("2025-01-24 15:00"), 1, "day", cut_off=time(15))
    assert iso_local(due) == "2025-02-03T17:30:00+07:00"


def test_before_the_cut_off_the_day_counts() -> None:
    """Fri 24/01 14:59: 2 h 31 min on Friday (5 h 29 min left); Mon 03/02 07:30–11:30 (1 h 29 min left);
    13:30 + 1 h 29 min = 14:59."""
    assert cli_due("2025-01-24T14:59", "1d", "--cut-off", "15:00") == "2025-02-03T14:59:00+07:00"


def test_without_cut_off_the_afternoon_counts() -> None:
    """Fri 24/01 15:30, 1 day, no cut-off: 2 h on Friday; Mon 03/02 07:30–11:30 + 13:30–15:30 = 6 h."""
    assert cli_due("2025-01-24T15:30", "1d") == "2025-02-03T15:30:00+07:00"


def test_same_day_hours_procedure() -> None:
    """4 hours, cut-off 15:00, received Thu 24/04/2025 15:30: counting starts Fri 25/04 07:30 → 11:30."""
    assert cli_due("2025-04-24T15:30", "4h", "--cut-off", "15:00") == "2025-04-25T11:30:00+07:00"


def test_cut_off_does_not_apply_on_a_day_off() -> None:
    """Sunday 27/04/2025 16:00 is not a working day: counting starts Mon 28/04 07:30 as usual; 2 h → 09:30."""
    assert cli_due("2025-04-27T16:00", "2h", "--cut-off", "15:00") == "2025-04-28T09:30:00+07:00"


def test_received_after_hours_and_on_weekends() -> None:
    """After 17:30 or on a weekend, the count starts at the next working morning."""
    assert cli_due("2025-03-06T18:00", "1d") == "2025-03-07T17:30:00+07:00"  # Thu evening → Fri
    assert cli_due("2025-03-08T10:00", "1d") == "2025-03-10T17:30:00+07:00"  # Saturday → Monday
