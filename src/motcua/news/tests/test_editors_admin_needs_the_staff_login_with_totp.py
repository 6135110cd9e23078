"""The editors' Wagtail admin (/can-bo/bien-tap/) opens only after the staff login's two steps, like
the back office and the Django admin; it has no password form of its own, and speaks Vietnamese."""

from __future__ import annotations

import time

from django.test import Client

from motcua.backoffice.auth import LAST_SEEN
from motcua.backoffice.tests.support import PASSWORD, staff_login
from motcua.dossiers.tests.factories import UserFactory
from motcua.news.tests.factories import editor

ADMIN = "/can-bo/bien-tap/"
LOGIN = "/can-bo/dang-nhap/"


def test_nobody_enters_without_logging_in(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    response = client.get(ADMIN + "pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "next=%2Fcan-bo%2Fbien-tap%2Fpages%2F" in response["Location"]


def test_a_password_alone_is_sent_to_the_totp_step(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    client.force_login(editor())
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(("/can-bo/xac-thuc/", "/can-bo/dang-ky-xac-thuc/", "/can-bo/"))
    assert "bien-tap" in response["Location"]


def test_wagtails_login_form_is_not_a_way_in(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    user = editor()
    user.set_password(PASSWORD)
    user.save()
    response = client.post(ADMIN + "login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_a_citizen_is_turned_away(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    client.force_login(UserFactory())
    assert client.get(ADMIN).status_code == 403


def test_an_editor_after_totp_works_in_vietnamese_until_idle(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    staff_login(client, editor())
    response = client.get(ADMIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Trang" in html  # Wagtail's own Vietnamese ("Trang" = pages)
    session = client.session
    session[LAST_SEEN] = time.time() - 3600
    session.save()
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert "het-phien" in response["Location"]


def test_wagtails_front_end_login_is_not_a_way_in_either(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    user = editor()
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/tin-tuc/_util/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code in (301, 302)
    assert response["Location"].startswith("/tai-khoan/")
    assert "_auth_user_id" not in client.session
