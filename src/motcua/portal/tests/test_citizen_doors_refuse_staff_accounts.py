"""The citizen's doors never let a staff account in on a password: login, registration, password reset."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase

from motcua.accounts.models import User
from motcua.agencies.models import Role, StaffRole
from motcua.agencies.selectors import is_staff_account
from motcua.dossiers.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Quang-Tri-2025-an-toan"
LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture
def officer():  # type: ignore[no-untyped-def]
    user = User.objects.create_user(
        "tiepnhan", password=PASSWORD, email="tiepnhan@example.vn", phone="0905111222"
    )
    StaffRole.objects.create(user=user, agency=AgencyFactory(), role=Role.INTAKE_OFFICER)
    return user


@pytest.mark.parametrize("identifier", ["tiepnhan", "tiepnhan@example.vn", "0905111222"])
def test_an_officer_with_the_right_password_is_sent_to_the_staff_login(client, officer, identifier):
    response = client.post(LOGIN, {"identifier": identifier, "password": PASSWORD})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Đây là tài khoản cán bộ, không đăng nhập tại Cổng dịch vụ công." in page
    assert 'href="/can-bo/dang-nhap/"' in page
    assert "_auth_user_id" not in client.session


def test_a_system_administrator_is_refused_too(client):
    User.objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)

    response = client.post(LOGIN, {"identifier": "quantri", "password": PASSWORD})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_reveals_nothing_about_the_account(client, officer):
    response = client.post(LOGIN, {"identifier": "tiepnhan", "password": "sai-mat-khau"})

    assert "tài khoản cán bộ" not in response.content.decode()
    assert "không đúng" in response.content.decode()


def test_the_message_is_in_english_too(client, officer):
    client.cookies["django_language"] = "en"

    page = client.post(LOGIN, {"identifier": "tiepnhan", "password": PASSWORD}).content.decode()

    assert "This is a staff account" in page


def test_no_reset_mail_for_a_staff_address_and_the_same_answer(client, officer):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/tai-khoan/quen-mat-khau/", {"email": "tiepnhan@example.vn"})

    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mail.outbox == []


def test_registration_makes_citizens_only(client):
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": "Phạm Thị Mai",
            "email": "mai@example.vn",
            "phone": "",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "is_staff": "on",
            "is_superuser": "on",
        },
    )

    assert response.status_code == 302
    assert not is_staff_account(User.objects.get(email="mai@example.vn"))
