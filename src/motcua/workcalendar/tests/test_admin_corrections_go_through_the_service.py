"""The admin's calendar corrections are the calendar service's: the same rule on who may correct
which agency's calendar, the same validation, the same replacing of a date's earlier correction."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from motcua.api.tests.support import staff_session
from motcua.workcalendar import services
from motcua.workcalendar.models import CalendarOverride

from .support import make_agency, make_user

pytestmark = pytest.mark.django_db

ADD = "/admin/workcalendar/calendaroverride/add/"
DAY = date(2025, 3, 10)


@pytest.fixture
def agencies():  # type: ignore[no-untyped-def]
    province = make_agency("H37", "UBND tỉnh")
    department = make_agency("H37.02", "Sở Tư pháp", parent=province)
    other = make_agency("H37.03", "Sở Xây dựng", parent=province)
    return province, department, other


def _department_admin(department):  # type: ignore[no-untyped-def]
    admin = make_user("admin-stp", admin_of=department)
    admin.is_staff = True
    admin.save()
    admin.user_permissions.set(Permission.objects.filter(codename__endswith="calendaroverride"))
    return admin


def _form(agency, **fields):  # type: ignore[no-untyped-def]
    return {
        "date": "10/03/2025",
        "kind": CalendarOverride.Kind.OFF,
        "agency": agency.pk if agency else "",
        "reason": "Nghỉ bù",
        "source": "Công văn 12/UBND",
    } | fields


def test_an_administrator_corrects_their_agency_and_is_recorded(agencies):
    _, department, _ = agencies
    admin = _department_admin(department)
    browser = staff_session(APIClient(), admin)

    response = browser.post(ADD, _form(department))

    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get()
    assert (override.date, override.agency, override.created_by) == (DAY, department, admin)


def test_another_agency_or_the_province_is_refused_with_the_reason(agencies):
    _, department, other = agencies
    browser = staff_session(APIClient(), _department_admin(department))

    for agency in (other, None):
        page = browser.post(ADD, _form(agency)).content.decode()
        assert "không được sửa lịch làm việc" in page or "Chỉ quản trị hệ thống của tỉnh" in page

    assert not CalendarOverride.objects.exists()


def test_a_second_correction_of_the_date_replaces_the_first(agencies):
    _, department, _ = agencies
    browser = staff_session(APIClient(), _department_admin(department))

    browser.post(ADD, _form(department))
    response = browser.post(ADD, _form(department, kind=CalendarOverride.Kind.WORK, reason="Làm bù"))

    assert response.status_code == 302
    override = CalendarOverride.objects.get()
    assert (override.kind, override.reason) == (CalendarOverride.Kind.WORK, "Làm bù")


def test_another_agencys_correction_can_be_neither_changed_nor_deleted(agencies):
    _, department, other = agencies
    theirs = services.add_override(
        date=DAY,
        kind=CalendarOverride.Kind.OFF,
        reason="Nghỉ",
        source="Văn bản",
        agency=other,
        actor=make_user("root", superuser=True),  # type: ignore[arg-type]
    )
    browser = staff_session(APIClient(), _department_admin(department))
    base = f"/admin/workcalendar/calendaroverride/{theirs.pk}"

    assert browser.post(f"{base}/delete/", {"post": "yes"}).status_code == 403
    browser.post(f"{base}/change/", {"kind": CalendarOverride.Kind.WORK, "reason": "x", "source": "y"})

    theirs.refresh_from_db()
    assert theirs.kind == CalendarOverride.Kind.OFF
