"""The Django admin is entered only through the back office's login: password, then TOTP, and not for ever."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from motcua.backoffice.auth import LAST_SEEN
from motcua.backoffice.management.commands.staff_totp import provision
from motcua.backoffice.models import LoginAudit
from motcua.dossiers.tests.factories import UserFactory

from .support import PASSWORD, staff_login, totp_code

LOGIN, TOTP_URL = "/can-bo/dang-nhap/", "/can-bo/xac-thuc/"
ADMIN_PAGE = "/admin/agencies/agency/"


@pytest.fixture
def administrator(db):  # type: ignore[no-untyped-def]
    """A system administrator made with `createsuperuser`: no post at any agency."""
    user = UserFactory(username="quantri-he-thong", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_password_session_alone_is_sent_to_the_staff_login(client: Client, administrator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(administrator)
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].startswith(LOGIN)
    assert "next=%2Fadmin%2Fagencies%2Fagency%2F" in login["Location"]
    page = client.get(login["Location"]).content.decode()
    assert "Trang quản trị hệ thống dùng chung đăng nhập này" in page


def test_the_admin_login_form_is_not_a_way_in(client: Client, administrator) -> None:  # type: ignore[no-untyped-def]
    response = client.post("/admin/login/", {"username": administrator.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_password_and_code_open_the_admin_where_the_user_was_going(client: Client, administrator) -> None:  # type: ignore[no-untyped-def]
    device = provision(administrator)
    response = client.post(
        LOGIN, {"username": administrator.username, "password": PASSWORD, "next": ADMIN_PAGE}
    )
    assert response["Location"].startswith(TOTP_URL)
    assert client.get(ADMIN_PAGE).status_code == 302  # between the two steps: still outside
    response = client.post(response["Location"], {"token": totp_code(device)})
    assert response["Location"] == ADMIN_PAGE
    assert client.get(ADMIN_PAGE).status_code == 200
    stages = list(
        LoginAudit.objects.filter(user=administrator).order_by("id").values_list("stage", flat=True)
    )
    assert stages == ["password", "totp"]


def test_an_administrator_without_a_post_lands_in_the_admin(client: Client, administrator) -> None:  # type: ignore[no-untyped-def]
    device = provision(administrator)
    client.post(LOGIN, {"username": administrator.username, "password": PASSWORD})
    response = client.post(TOTP_URL, {"token": totp_code(device)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_idle_admin_session_ends(client: Client, administrator, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_STAFF_IDLE_SECONDS = 1800
    staff_login(client, administrator)
    assert client.get(ADMIN_PAGE).status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - 1801
    session.save()
    assert client.get(ADMIN_PAGE).status_code == 302
    assert "_auth_user_id" not in client.session
    assert LoginAudit.objects.latest("id").stage == "timeout"


def test_a_verified_officer_without_admin_rights_gets_no_admin(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    from motcua.dossiers.tests.factories import build_world

    world = build_world()
    staff_login(client, world.intake)
    response = client.get(ADMIN_PAGE, follow=True)
    assert response.status_code == 403
    assert "không có quyền quản trị hệ thống" in response.content.decode()
    assert client.get("/can-bo/tiep-nhan/").status_code == 200  # still at work in the back office
    client.cookies["django_language"] = "en"
    assert "has no system administration rights" in client.get(ADMIN_PAGE, follow=True).content.decode()


def test_next_never_leaves_the_site(client: Client, administrator) -> None:  # type: ignore[no-untyped-def]
    device = provision(administrator)
    client.post(
        LOGIN, {"username": administrator.username, "password": PASSWORD, "next": "//evil.example/admin/"}
    )
    response = client.post(TOTP_URL, {"token": totp_code(device), "next": "https://evil.example/admin/"})
    assert response["Location"] == "/admin/"


def test_logging_out_of_the_admin_is_audited(client: Client, administrator) -> None:  # type: ignore[no-untyped-def]
    staff_login(client, administrator)
    response = client.post("/admin/logout/")
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session
    assert LoginAudit.objects.latest("id").stage == "logout"
