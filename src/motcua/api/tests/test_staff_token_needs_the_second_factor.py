"""A staff account gets an API token for its password and the current TOTP code, never the password alone."""

from __future__ import annotations

import pytest
from freezegun import freeze_time
from rest_framework.test import APIClient

from motcua.agencies.models import Role
from motcua.api.models import ApiToken
from motcua.backoffice.enrolment import current_code, provision
from motcua.backoffice.models import LoginAudit
from motcua.core.time import now

from .factories import PASSWORD, StaffRoleFactory, UserFactory

URL = "/api/v1/auth/token"


def _ask(username: str, password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return APIClient().post(URL, {"username": username, "password": password, **extra}, format="json")


def _fresh(device):  # type: ignore[no-untyped-def]
    """The code the officer's app shows now, as `staff_totp --code` prints it (not yet used)."""
    device.refresh_from_db()
    device.last_t = -1
    device.save(update_fields=["last_t"])
    return current_code(device)


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def leader(db):  # type: ignore[no-untyped-def]
    return StaffRoleFactory(role=Role.LEADER, user=UserFactory(username="lanhdao")).user


@pytest.fixture
def superuser(db):  # type: ignore[no-untyped-def]
    """An administrator with no post at any agency (made with createsuperuser)."""
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def _audits(user) -> list[tuple[str, bool, str]]:  # type: ignore[no-untyped-def]
    rows = LoginAudit.objects.filter(user=user).order_by("id")
    return list(rows.values_list("stage", "success", "reason"))


@pytest.mark.parametrize("who", ["leader", "superuser"])
def test_the_password_alone_is_refused_with_otp_required(request, who):
    user = request.getfixturevalue(who)
    provision(user)

    response = _ask(user.username)

    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "otp_required"
    assert "mã xác thực" in error["message"]
    assert not ApiToken.objects.exists()
    assert _audits(user) == [("api", False, "thiếu mã xác thực")]


def test_a_wrong_code_is_refused_with_otp_invalid(leader):
    device = provision(leader)

    response = _ask("lanhdao", otp=_wrong(_fresh(device)))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "otp_invalid"
    assert not ApiToken.objects.exists()
    assert _audits(leader) == [("api", False, "sai mã xác thực")]


def test_without_an_authenticator_the_officer_is_told_to_enrol_first(leader):
    response = _ask("lanhdao", otp="123456")

    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "otp_not_enrolled"
    assert "/can-bo/" in error["message"]
    assert _audits(leader) == [("api", False, "chưa đăng ký ứng dụng xác thực")]


def test_the_current_code_buys_a_staff_token(leader):
    device = provision(leader)
    code = _fresh(device)

    response = _ask("lanhdao", otp=code, name="phần mềm thống kê")

    assert response.status_code == 201, response.content
    token = ApiToken.objects.get(user=leader)
    assert token.for_staff
    assert token.name == "phần mềm thống kê"
    assert _audits(leader) == [("api", True, "cấp mã truy cập")]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['token']}")
    assert client.get("/api/v1/dossiers/").status_code == 200
    # A code works once: replaying it gets nothing. The very code sent, not the app's code of the
    # moment: a 30-second step may have turned since, and a new code is not a replay.
    assert _ask("lanhdao", otp=code).json()["error"]["code"] == "otp_invalid"


def test_repeated_wrong_codes_lock_the_authenticator(leader):
    device = provision(leader)
    # The clock is the test's: each wrong code comes after the lock the one before set (1 s, then
    # 2 s) has ended, so that all three count however slowly the machine hashes passwords.
    with freeze_time(now()) as clock:
        for wait in (0.0, 1.5, 2.5):
            clock.tick(wait)
            _ask("lanhdao", otp=_wrong(_fresh(device)))

        response = _ask("lanhdao", otp=_fresh(device))  # even the right code waits for the lock

    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "otp_locked"
    assert error["details"]["wait_seconds"] >= 1
    assert int(response["Retry-After"]) >= 1
    assert _audits(leader)[-1] == ("api", False, "tạm khóa do nhập sai nhiều lần")


def test_a_wrong_password_for_a_staff_account_is_audited_too(leader):
    response = _ask("lanhdao", "sai-mat-khau", otp="123456")

    assert response.json()["error"]["code"] == "invalid_credentials"
    assert _audits(leader) == [("api", False, "sai thông tin")]


def test_citizens_keep_the_password_alone_and_leave_no_staff_audit(db):
    citizen = UserFactory(username="congdan")

    response = _ask("congdan")

    assert response.status_code == 201
    assert not ApiToken.objects.get(user=citizen).for_staff
    assert not LoginAudit.objects.exists()


def test_the_schema_documents_the_otp_field_and_the_error_codes(db):
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/auth/token"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    component = schema["components"]["schemas"][ref]

    assert "TOTP" in component["properties"]["otp"]["description"]
    assert "otp" not in component.get("required", [])  # citizens do without
    for code in ("invalid_credentials", "otp_required", "otp_invalid", "otp_not_enrolled", "otp_locked"):
        assert f"`{code}`" in operation["description"]
