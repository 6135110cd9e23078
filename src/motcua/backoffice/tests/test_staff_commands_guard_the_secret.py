"""`staff_totp` prints a key only in demo mode or with --show-secret; `staff_enrolment_code` prints a code."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.agencies.models import Role, StaffRole
from motcua.backoffice.enrolment import check_enrolment_code, provision
from motcua.backoffice.models import EnrolmentCode
from motcua.dossiers.tests.factories import AgencyFactory, UserFactory


@pytest.fixture
def officer(db):  # type: ignore[no-untyped-def]
    user = UserFactory(username="vanthu")
    StaffRole.objects.create(user=user, agency=AgencyFactory(), role=Role.CLERK)
    return user


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_outside_demo_mode_the_uri_needs_show_secret(officer, settings):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="--show-secret") as refused:
        _run("staff_totp", "vanthu")
    assert "motcua staff_enrolment_code vanthu" in str(refused.value)
    assert not TOTPDevice.objects.exists()  # nothing made that nobody could read
    with pytest.raises(CommandError, match="chưa có ứng dụng xác thực"):
        _run("staff_totp", "vanthu", "--code")

    assert "otpauth://totp/" in _run("staff_totp", "vanthu", "--show-secret")
    assert re.fullmatch(r"\d{6}\n", _run("staff_totp", "vanthu", "--code"))


def test_in_demo_mode_the_uri_is_printed(officer, settings):
    settings.DEMO_MODE = True

    assert "otpauth://totp/" in _run("staff_totp", "vanthu")


def test_the_enrolment_code_command_prints_a_code_that_works_once(officer):
    code = _run("staff_enrolment_code", "vanthu").strip()

    row = check_enrolment_code(user=officer, code=code)
    assert (row.channel, row.issued_by) == ("command", None)
    assert EnrolmentCode.objects.count() == 1


def test_the_enrolment_code_command_refuses_citizens(db):
    UserFactory(username="congdan")

    with pytest.raises(CommandError, match="không phải tài khoản cán bộ"):
        _run("staff_enrolment_code", "congdan")
    with pytest.raises(CommandError, match="Không có tài khoản"):
        _run("staff_enrolment_code", "khong-co")


def test_an_enrolled_officer_still_gets_the_current_code(officer, settings):
    settings.DEMO_MODE = False
    provision(officer)

    assert re.fullmatch(r"\d{6}\n", _run("staff_totp", "vanthu", "--code"))
