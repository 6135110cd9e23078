"""`motcua calendar due|days|check`: the working calendar from the command line.

motcua calendar due 2025-01-24T09:00 5d [--agency CODE] [--cut-off 15:00]
motcua calendar days 2025 [--agency CODE]
motcua calendar check 2025-04-26 [--agency CODE]
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import Agency
from motcua.core.time import aware, iso_local
from motcua.workcalendar import selectors
from motcua.workcalendar.engine import CalendarError
from motcua.workcalendar.holiday_source import WEEKDAY_NAMES

_AMOUNT = re.compile(r"^\s*(\d+)\s*([dDhH])\s*$")
_UNITS = {"d": "day", "h": "hour"}


def parse_moment(text: str) -> datetime:
    """ISO 8601 date or date-time; without an offset it is Vietnamese local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"Thời điểm '{text}' không hợp lệ: dùng dạng 2025-01-24T09:00 (giờ Việt Nam) "
            "hoặc có múi giờ, ví dụ 2025-01-24T02:00+00:00."
        ) from None
    return aware(moment)


def parse_amount(text: str) -> tuple[int, str]:
    """'5d' -> (5, 'day'); '16h' -> (16, 'hour')."""
    match = _AMOUNT.match(text)
    if not match:
        raise CommandError(
            f"Thời hạn '{text}' không hợp lệ: dùng dạng 5d (5 ngày làm việc) hoặc 16h (16 giờ làm việc)."
        )
    return int(match.group(1)), _UNITS[match.group(2).lower()]


def parse_cut_off(text: str | None) -> time | None:
    if text is None:
        return None
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"Giờ chốt '{text}' không hợp lệ: dùng dạng HH:MM, ví dụ 15:00.") from None


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"Ngày '{text}' không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ 2025-04-26.") from None


def find_agency(code: str | None) -> Agency | None:
    if not code:
        return None
    agency = Agency.objects.filter(code=code.strip()).first()
    if agency is None:
        raise CommandError(f"Không tìm thấy cơ quan có mã định danh '{code}'.")
    return agency


class Command(BaseCommand):
    help = "Lịch làm việc: tính hạn xử lý (due), liệt kê ngày nghỉ, ngày làm bù (days), tra một ngày (check)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{due,days,check}")

        due = actions.add_parser("due", help="Hạn xử lý: thời điểm nhận + thời hạn theo ngày/giờ làm việc.")
        due.add_argument("start", help="Thời điểm tiếp nhận, ví dụ 2025-01-24T09:00 (giờ Việt Nam).")
        due.add_argument("amount", help="Thời hạn: 5d = 5 ngày làm việc, 16h = 16 giờ làm việc.")
        due.add_argument("--agency", help="Mã định danh cơ quan (mặc định: lịch chung toàn tỉnh).")
        due.add_argument("--cut-off", dest="cut_off", help="Giờ chốt nhận trong ngày, ví dụ 15:00.")

        days = actions.add_parser("days", help="Các ngày nghỉ và ngày làm bù của một năm.")
        days.add_argument("year", type=int, help="Năm, ví dụ 2025.")
        days.add_argument("--agency", help="Mã định danh cơ quan.")

        check = actions.add_parser("check", help="Một ngày có phải ngày làm việc không, và vì sao.")
        check.add_argument("day", help="Ngày, ví dụ 2025-04-26.")
        check.add_argument("--agency", help="Mã định danh cơ quan.")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = find_agency(options.get("agency"))
        try:
            getattr(self, f"handle_{options['action']}")(agency, options)
        except CalendarError as error:
            raise CommandError(str(error)) from error

    def handle_due(self, agency: Agency | None, options: dict[str, Any]) -> None:
        start = parse_moment(options["start"])
        amount, unit = parse_amount(options["amount"])
        cut_off = parse_cut_off(options.get("cut_off"))
        due = selectors.calendar_for(agency).add(start, amount, unit, cut_off=cut_off)
        self.stdout.write(iso_local(due) or "")

    def handle_days(self, agency: Agency | None, options: dict[str, Any]) -> None:
        year = options["year"]
        if not 1995 <= year <= 2100:
            raise CommandError(f"Năm {year} nằm ngoài phạm vi hỗ trợ (1995–2100).")
        days = selectors.days_off(year, agency) + selectors.make_up_days(year, agency)
        for day in sorted(days, key=lambda day: day.date):
            kind = "làm bù" if day.working else "nghỉ"
            weekday = WEEKDAY_NAMES[day.date.weekday()]
            self.stdout.write(f"{day.date.isoformat()}  {weekday:<8}  {kind:<6}  {day.name} — {day.source}")

    def handle_check(self, agency: Agency | None, options: dict[str, Any]) -> None:
        day = selectors.explain_day(parse_date(options["day"]), agency)
        verdict = "ngày làm việc" if day.working else "ngày nghỉ"
        weekday = WEEKDAY_NAMES[day.date.weekday()]
        self.stdout.write(f"{day.date.isoformat()} ({weekday}): {verdict} — {day.name} — {day.source}")
