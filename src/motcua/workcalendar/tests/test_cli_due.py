"""`motcua calendar due START AMOUNT`: one ISO 8601 line, or a Vietnamese error and a non-zero exit."""

from __future__ import annotations

from datetime import time

import pytest
from django.core.management import CommandError

from motcua.cli import main
from motcua.workcalendar.models import WorkingWindow

from .support import cli, cli_due, make_agency

pytestmark = pytest.mark.django_db


def test_prints_exactly_one_line_with_the_offset() -> None:
    # Tết 2025 (Thông báo 6150/TB-BLĐTBXH, Công văn 8726/VPCP-KGVX of 26/11/2024): see test_tet_2025.py.
    assert cli("due", "2025-01-24T09:00", "5d") == "2025-02-07T09:00:00+07:00\n"


def test_a_moment_with_an_offset_is_converted_to_vietnamese_time() -> None:
    assert cli_due("2025-01-24T02:00+00:00", "5d") == "2025-02-07T09:00:00+07:00"
    assert cli_due("2025-01-24T02:00Z", "5d") == "2025-02-07T09:00:00+07:00"


def test_a_date_alone_starts_at_the_first_window() -> None:
    assert cli_due("2025-03-03", "1d") == "2025-03-03T17:30:00+07:00"


def test_hours_and_days_units() -> None:
    assert (
        cli_due("2025-03-03T09:00", "16h") == cli_due("2025-03-03T09:00", "2d") == "2025-03-05T09:00:00+07:00"
    )
    assert cli_due("2025-03-03T09:00", "0d") == "2025-03-03T09:00:00+07:00"


def test_agency_option_uses_the_agency_week() -> None:
    department = make_agency("H37.02", "Sở Tư pháp")
    WorkingWindow.objects.create(agency=department, weekday=5, start=time(8), end=time(12))
    WorkingWindow.objects.create(agency=department, weekday=0, start=time(8), end=time(12))
    # Saturday 08/03/2025 08:00 + 4 h: the department's Saturday morning.
    assert cli_due("2025-03-08T08:00", "4h", "--agency", "H37.02") == "2025-03-08T12:00:00+07:00"
    assert cli_due("2025-03-08T08:00", "4h") == "2025-03-10T11:30:00+07:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2025-13-40T09:00", "5d"), "Thời điểm '2025-13-40T09:00' không hợp lệ"),
        (("hôm nay", "5d"), "không hợp lệ"),
        (("2025-01-24T09:00", "5x"), "Thời hạn '5x' không hợp lệ"),
        (("2025-01-24T09:00", "1.5d"), "Thời hạn '1.5d' không hợp lệ"),
        (("2025-01-24T09:00", "5d", "--agency", "Z99"), "Không tìm thấy cơ quan có mã định danh 'Z99'"),
        (("2025-01-24T09:00", "5d", "--cut-off", "3pm"), "Giờ chốt '3pm' không hợp lệ"),
    ],
)
def test_bad_input_is_a_vietnamese_command_error(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        cli("due", *args)


def test_from_the_shell_bad_input_exits_non_zero_with_the_message_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["calendar", "due", "2025-01-24T09:00", "5x"])
    assert exit_info.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Thời hạn '5x' không hợp lệ" in captured.err
