"""Every token dies when its user's password changes, by any path; a back-office logout ends an officer's."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from motcua.agencies.models import Role
from motcua.api.models import ApiToken

from .factories import PASSWORD, StaffRoleFactory, UserFactory
from .support import client_for, staff_session

NEW = "Mat-khau-moi-2026-rat-dai"
URL = "/api/v1/auth/tokens"


def _refusal(client: APIClient) -> str | None:
    response = client.get(URL)
    if response.status_code == 200:
        return None
    assert response.status_code == 401
    return response.json()["error"]["details"].get("reason")


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="congdan")


@pytest.fixture
def officer(db):  # type: ignore[no-untyped-def]
    return StaffRoleFactory(role=Role.SPECIALIST, user=UserFactory(username="chuyenvien")).user


def test_set_password_in_a_shell(citizen, officer):
    clients = [client_for(citizen), client_for(officer)]
    assert [_refusal(c) for c in clients] == [None, None]

    for user in (citizen, officer):
        user.set_password(NEW)
        user.save()

    assert [_refusal(c) for c in clients] == ["password_changed", "password_changed"]


def test_the_citizen_password_change_page(citizen, client):
    api = client_for(citizen)
    client.force_login(citizen)

    response = client.post(
        "/tai-khoan/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )

    assert response.status_code == 302
    assert _refusal(api) == "password_changed"
    citizen.refresh_from_db()
    assert _refusal(client_for(citizen)) is None  # a token issued after the change works


def test_the_password_reset_link(citizen, client):
    api = client_for(citizen)
    uid = urlsafe_base64_encode(force_bytes(citizen.pk))
    link = f"/tai-khoan/dat-lai-mat-khau/{uid}/{default_token_generator.make_token(citizen)}/"
    form_url = client.get(link)["Location"]

    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})

    assert response["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"
    assert _refusal(api) == "password_changed"


def test_an_administrator_setting_the_password_in_the_admin(officer):
    api = client_for(officer)
    admin = staff_session(APIClient(), UserFactory(is_staff=True, is_superuser=True))

    response = admin.post(
        f"/admin/accounts/user/{officer.pk}/password/", {"password1": NEW, "password2": NEW}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _refusal(api) == "password_changed"


def test_a_back_office_logout_ends_all_the_officers_tokens(officer, client):
    tokens = [client_for(officer), client_for(officer)]
    other = client_for(StaffRoleFactory(role=Role.SPECIALIST).user)
    staff_session(client, officer)

    response = client.post("/can-bo/dang-xuat/")

    assert [_refusal(t) for t in tokens] == ["invalid_token", "invalid_token"]
    assert _refusal(other) is None
    assert not ApiToken.objects.filter(user=officer).exists()
    notice = client.get(response["Location"]).content.decode()
    assert "Các mã truy cập API của bạn cũng đã hết hiệu lực." in notice


def test_logging_out_of_the_admin_ends_them_too(db):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    api = client_for(administrator)
    browser = staff_session(APIClient(), administrator)

    browser.post("/admin/logout/")

    assert _refusal(api) == "invalid_token"
