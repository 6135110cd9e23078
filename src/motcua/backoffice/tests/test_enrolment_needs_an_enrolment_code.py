"""Enrolling an authenticator needs an enrolment code besides the password: an administrator's, once,
within 72 hours, or one e-mailed on request (15 minutes, rate-limited, revealing nothing)."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, TestCase
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.agencies.models import Role, StaffRole
from motcua.backoffice.enrolment import issue_enrolment_code
from motcua.backoffice.models import EnrolmentCode, LoginAudit
from motcua.dossiers.tests.factories import AgencyFactory, UserFactory

from .support import PASSWORD

LOGIN, ENROL = "/can-bo/dang-nhap/", "/can-bo/dang-ky-xac-thuc/"


@pytest.fixture
def officer(db):  # type: ignore[no-untyped-def]
    user = UserFactory(username="tiepnhan", email="tiepnhan@example.vn")
    StaffRole.objects.create(user=user, agency=AgencyFactory(), role=Role.INTAKE_OFFICER)
    return user


def _password(client, user) -> None:  # type: ignore[no-untyped-def]
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response["Location"].startswith(ENROL)


def _enrol_from_the_qr_page(client) -> int:  # type: ignore[no-untyped-def]
    page = client.get(ENROL).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    code = f"{TOTP(b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"
    return client.post(ENROL, {"token": code}).status_code


def test_the_password_alone_shows_no_key_and_enrols_nothing(client, officer):
    _password(client, officer)

    page = client.get(ENROL).content.decode()
    assert "Mã đăng ký" in page
    assert "totp-secret" not in page
    assert "data:image/svg+xml" not in page
    # Posting a code from some app does not skip the enrolment code.
    response = client.post(ENROL, {"token": "123456"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_an_administrators_code_enrols_once(client, officer):
    code, row = issue_enrolment_code(officer=officer, issued_by=None)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert code.replace("-", "") not in row.code_hash  # stored as an HMAC only
    _password(client, officer)

    assert client.post(ENROL, {"enrolment_code": code.lower().replace("-", " ")}).status_code == 302
    assert _enrol_from_the_qr_page(client) == 302
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert client.get("/can-bo/tiep-nhan/").status_code == 200
    row.refresh_from_db()
    assert row.used_at is not None

    # Reset later (lost phone): the same code does not work a second time.
    TOTPDevice.objects.filter(user=officer).delete()
    client.logout()
    _password(client, officer)
    response = client.post(ENROL, {"enrolment_code": code})
    assert response.status_code == 400
    assert "không đúng, đã được dùng hoặc đã hết hạn" in response.content.decode()


def test_an_expired_code_is_refused(client, officer):
    code, row = issue_enrolment_code(officer=officer, issued_by=None)
    EnrolmentCode.objects.filter(pk=row.pk).update(expires_at=row.created_at - timedelta(seconds=1))
    _password(client, officer)

    assert client.post(ENROL, {"enrolment_code": code}).status_code == 400
    assert LoginAudit.objects.latest("id").reason == "sai mã đăng ký"


def test_a_new_code_replaces_the_unused_one(client, officer):
    first, _row = issue_enrolment_code(officer=officer, issued_by=None)
    second, _row = issue_enrolment_code(officer=officer, issued_by=None)
    _password(client, officer)

    assert client.post(ENROL, {"enrolment_code": first}).status_code == 400
    assert client.post(ENROL, {"enrolment_code": second}).status_code == 302


def test_repeated_wrong_codes_lock_the_enrolment(client, officer):
    code, _row = issue_enrolment_code(officer=officer, issued_by=None)
    _password(client, officer)
    for _ in range(5):
        client.post(ENROL, {"enrolment_code": "AAAA-AAAA-AAAA"})

    response = client.post(ENROL, {"enrolment_code": code})

    assert response.status_code == 400
    assert "nhiều lần" in response.content.decode()


def test_a_code_of_another_officer_does_not_work(client, officer):
    other = UserFactory()
    StaffRole.objects.create(user=other, agency=AgencyFactory(), role=Role.CLERK)
    code, _row = issue_enrolment_code(officer=other, issued_by=None)
    _password(client, officer)

    assert client.post(ENROL, {"enrolment_code": code}).status_code == 400


def test_an_emailed_code_enrols(client, officer):
    _password(client, officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(ENROL, {"action": "gui-ma"})

    assert "Nếu tài khoản của bạn có địa chỉ thư điện tử" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["tiepnhan@example.vn"]]
    assert mail.outbox[0].subject == "Mã đăng ký ứng dụng xác thực – Một cửa điện tử"
    code = re.search(r"^\s+(\d{6})$", mail.outbox[0].body, re.MULTILINE).group(1)
    assert EnrolmentCode.objects.get(user=officer).channel == "email"

    assert client.post(ENROL, {"enrolment_code": code}).status_code == 302
    assert _enrol_from_the_qr_page(client) == 302
    assert TOTPDevice.objects.get(user=officer).confirmed


def test_an_emailed_code_lasts_fifteen_minutes(client, officer):
    _password(client, officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(ENROL, {"action": "gui-ma"})
    code = re.search(r"^\s+(\d{6})$", mail.outbox[0].body, re.MULTILINE).group(1)
    row = EnrolmentCode.objects.get(user=officer)
    assert row.expires_at - row.created_at == timedelta(minutes=15)
    EnrolmentCode.objects.filter(pk=row.pk).update(expires_at=row.created_at)

    assert client.post(ENROL, {"enrolment_code": code}).status_code == 400


def test_asking_for_mail_says_the_same_without_an_address_and_is_rate_limited(client, officer):
    officer.email = ""
    officer.save()
    _password(client, officer)

    pages = []
    for _ in range(3):
        with TestCase.captureOnCommitCallbacks(execute=True):
            pages.append(client.post(ENROL, {"action": "gui-ma"}))
    assert all("Nếu tài khoản của bạn có địa chỉ thư điện tử" in p.content.decode() for p in pages)
    assert mail.outbox == []

    response = client.post(ENROL, {"action": "gui-ma"})
    assert response.status_code == 400
    assert "yêu cầu gửi mã nhiều lần" in response.content.decode()


def test_the_qr_key_shown_in_one_session_never_becomes_the_accounts(client, officer):
    """A key shown in one browser is never the one another browser confirms."""
    code, _row = issue_enrolment_code(officer=officer, issued_by=None)
    _password(client, officer)
    client.post(ENROL, {"enrolment_code": code})
    first_key = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', client.get(ENROL).content.decode()).group(1)

    other = Client()
    _password(other, officer)
    other.post(ENROL, {"enrolment_code": code})
    second_key = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', other.get(ENROL).content.decode()).group(1)

    assert first_key != second_key
