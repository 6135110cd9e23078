"""Administrator corrections win over the holidays package, and an agency's over the province's."""

from __future__ import annotations

from datetime import date, time

import pytest

from motcua.workcalendar import services
from motcua.workcalendar.models import CalendarOverride, WorkingWindow
from motcua.workcalendar.selectors import calendar_for, days_off, explain_day, make_up_days

from .support import cli, cli_due, make_agency, make_user

pytestmark = pytest.mark.django_db

OFF, WORK = CalendarOverride.Kind.OFF, CalendarOverride.Kind.WORK


@pytest.fixture
def province():  # type: ignore[no-untyped-def]
    return make_agency("H37", "UBND tỉnh")


@pytest.fixture
def department(province):  # type: ignore[no-untyped-def]
    return make_agency("H37.02", "Sở Tư pháp", parent=province)


@pytest.fixture
def root(province):  # type: ignore[no-untyped-def]
    return make_user("root", superuser=True)


def test_new_year_2026_swap_missing_from_the_package_is_added_by_the_administrator(root) -> None:  # type: ignore[no-untyped-def]
    """Công văn 12729/VPCP-KGVX of 25/12/2025 (as reported by the press): officials are off Thu 01/01 to Sun
    04/01/2026, Friday 02/01/2026 being swapped with Saturday 10/01/2026. holidays 0.109 predates it.

    Received Wed 31/12/2025 09:00, 2 days = 16 h: Wed 6.5 h (9.5 h left); Thu 01/01 holiday;
    without the correction Fri 02/01 8 h (1.5 h left) → Mon 05/01 09:00;
    with it Fri 02/01 is off, Mon 05/01 8 h (1.5 h left) → Tue 06/01 09:00.
    """
    assert cli_due("2025-12-31T09:00", "2d") == "2026-01-05T09:00:00+07:00"
    source = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"
    services.add_override(
        date=date(2026, 1, 2), kind=OFF, reason="Nghỉ Tết Dương lịch (hoán đổi)", source=source, actor=root
    )
    services.add_override(
        date=date(2026, 1, 10), kind=WORK, reason="Làm bù cho ngày 02/01/2026", source=source, actor=root
    )
    assert cli_due("2025-12-31T09:00", "2d") == "2026-01-06T09:00:00+07:00"
    assert calendar_for().is_working_day(date(2026, 1, 10))
    assert [d.date for d in make_up_days(2026)] == [date(2026, 1, 10), date(2026, 8, 22)]
    assert date(2026, 1, 2) in {d.date for d in days_off(2026)}
    assert "12729/VPCP-KGVX" in cli("check", "2026-01-10")


def test_a_work_override_cancels_a_package_day_off(root) -> None:  # type: ignore[no-untyped-def]
    assert not calendar_for().is_working_day(date(2025, 5, 2))
    services.add_override(
        date=date(2025, 5, 2), kind=WORK, reason="Thử nghiệm: làm việc", source="Văn bản thử", actor=root
    )
    assert calendar_for().is_working_day(date(2025, 5, 2))
    assert date(2025, 5, 2) not in {d.date for d in days_off(2025)}


def test_the_agency_override_wins_over_the_province_one(root, department) -> None:  # type: ignore[no-untyped-def]
    monday = date(2025, 3, 10)
    services.add_override(
        date=monday, kind=OFF, reason="Nghỉ toàn tỉnh", source="Quyết định của UBND tỉnh", actor=root
    )
    services.add_override(
        date=monday,
        kind=WORK,
        reason="Sở trực tiếp nhận hồ sơ",
        source="Quyết định của Sở",
        agency=department,
        actor=root,
    )
    assert not calendar_for().is_working_day(monday)
    assert calendar_for(department).is_working_day(monday)
    assert calendar_for(department.pk).is_working_day(monday)
    assert explain_day(monday, department).origin == "agency"
    assert explain_day(monday).origin == "province"
    assert cli_due("2025-03-10T09:00", "1h", "--agency", "H37.02") == "2025-03-10T10:00:00+07:00"
    assert cli_due("2025-03-10T09:00", "1h") == "2025-03-11T08:30:00+07:00"


def test_remove_override_restores_the_national_calendar(root) -> None:  # type: ignore[no-untyped-def]
    override = services.add_override(
        date=date(2025, 3, 10), kind=OFF, reason="Nghỉ", source="Văn bản", actor=root
    )
    assert not calendar_for().is_working_day(date(2025, 3, 10))
    services.remove_override(override_id=override.pk, actor=root)
    assert calendar_for().is_working_day(date(2025, 3, 10))


def test_adding_twice_replaces_the_first_correction(root) -> None:  # type: ignore[no-untyped-def]
    services.add_override(date=date(2025, 3, 10), kind=OFF, reason="Nghỉ", source="Văn bản 1", actor=root)
    services.add_override(
        date=date(2025, 3, 10), kind=WORK, reason="Làm việc", source="Văn bản 2", actor=root
    )
    assert CalendarOverride.objects.get().source == "Văn bản 2"
    assert calendar_for().is_working_day(date(2025, 3, 10))


def test_agency_windows_replace_the_province_week(department) -> None:  # type: ignore[no-untyped-def]
    WorkingWindow.objects.create(weekday=0, start=time(8), end=time(12))
    assert calendar_for().day_seconds == 4 * 3600  # the province week now: Monday mornings only
    assert not calendar_for().is_working_day(date(2025, 3, 11))
    for weekday in range(6):  # the department also works Saturday
        WorkingWindow.objects.create(agency=department, weekday=weekday, start=time(7), end=time(11))
        WorkingWindow.objects.create(agency=department, weekday=weekday, start=time(13), end=time(17))
    agency_calendar = calendar_for(department)
    assert agency_calendar.is_working_day(date(2025, 3, 15))
    assert agency_calendar.windows_on(date(2025, 3, 15))[0][0].time() == time(7)
    # National days off still apply to the agency's own week.
    assert not agency_calendar.is_working_day(date(2025, 9, 1))


def test_deleting_a_window_is_seen_at_once() -> None:
    window = WorkingWindow.objects.create(weekday=0, start=time(8), end=time(9))
    assert calendar_for().day_seconds == 3600
    window.delete()
    assert calendar_for().day_seconds == 8 * 3600
