"""Only administrators may correct the calendar; the province-wide one needs the province's administrator."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.workcalendar import services
from motcua.workcalendar.models import CalendarOverride

from .support import make_agency, make_user

pytestmark = pytest.mark.django_db

DAY = date(2025, 3, 10)


def add(actor, agency=None, **fields):  # type: ignore[no-untyped-def]
    values = {"kind": CalendarOverride.Kind.OFF, "reason": "Nghỉ", "source": "Văn bản"} | fields
    return services.add_override(date=DAY, agency=agency, actor=actor, **values)


@pytest.fixture
def agencies():  # type: ignore[no-untyped-def]
    province = make_agency("H37", "UBND tỉnh")
    department = make_agency("H37.02", "Sở Tư pháp", parent=province)
    other = make_agency("H37.03", "Sở Xây dựng", parent=province)
    return province, department, other


def test_a_plain_user_may_not(agencies) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        add(make_user("citizen"))
    with pytest.raises(PermissionDenied):
        add(make_user("citizen2"), agencies[1])


def test_an_agency_administrator_may_correct_only_their_agency(agencies) -> None:  # type: ignore[no-untyped-def]
    _, department, other = agencies
    admin = make_user("admin-stp", admin_of=department)
    assert add(admin, department).agency == department
    with pytest.raises(PermissionDenied):
        add(admin, other)
    with pytest.raises(PermissionDenied):
        add(admin)  # province-wide


def test_the_province_administrator_may_correct_everything(agencies) -> None:  # type: ignore[no-untyped-def]
    province, department, _ = agencies
    admin = make_user("admin-tinh", admin_of=province)
    assert add(admin).agency is None
    override = add(admin, department)
    services.remove_override(override_id=override.pk, actor=admin)


def test_removal_is_checked_too(agencies) -> None:  # type: ignore[no-untyped-def]
    override = add(make_user("root", superuser=True))
    with pytest.raises(PermissionDenied):
        services.remove_override(override_id=override.pk, actor=make_user("admin-stp", admin_of=agencies[1]))
    with pytest.raises(NotFound):
        services.remove_override(override_id=override.pk + 1000, actor=make_user("root2", superuser=True))


def test_reason_source_and_kind_are_required(agencies) -> None:  # type: ignore[no-untyped-def]
    root = make_user("root", superuser=True)
    with pytest.raises(ValidationFailed):
        add(root, reason=" ")
    with pytest.raises(ValidationFailed):
        add(root, source="")
    with pytest.raises(ValidationFailed):
        add(root, kind="holiday")
