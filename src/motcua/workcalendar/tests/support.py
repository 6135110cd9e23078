"""Helpers shared by the calendar tests: run the real command, read the engine, write local moments."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

from django.core.management import call_command

from motcua.core.time import VN_TZ, iso_local
from motcua.workcalendar.selectors import calendar_for


def vn(text: str) -> datetime:
    """'2025-01-24 09:00' as a Vietnamese local moment."""
    return datetime.fromisoformat(text).replace(tzinfo=VN_TZ)


def cli(*args: str) -> str:
    """Run `motcua calendar ...` in-process and return what it printed."""
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


def cli_due(start: str, amount: str, *options: str) -> str:
    """The one line `motcua calendar due` prints, without the newline."""
    output = cli("due", start, amount, *options)
    assert output.count("\n") == 1, output
    return output.strip()


def engine_due(start: str, amount: int, unit: str, **options: object) -> str:
    return iso_local(calendar_for().add(vn(start), amount, unit, **options))  # type: ignore[arg-type]


def make_agency(code: str, name: str, parent: object = None) -> object:
    from motcua.agencies.models import Agency

    kind = Agency.Kind.PROVINCE if parent is None else Agency.Kind.DEPARTMENT
    return Agency.objects.create(code=code, name=name, parent=parent, kind=kind)


def make_user(username: str, *, superuser: bool = False, admin_of: object = None) -> object:
    from motcua.accounts.models import User
    from motcua.agencies.models import Role, StaffRole

    user = User.objects.create_user(username=username, password="x", is_superuser=superuser)
    if admin_of is not None:
        StaffRole.objects.create(user=user, agency=admin_of, role=Role.ADMINISTRATOR)
    return user
