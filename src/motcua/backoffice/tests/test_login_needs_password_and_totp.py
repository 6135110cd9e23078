"""Staff enter with a password and a TOTP code; citizens never; idle sessions end; every try is audited."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.backoffice.auth import LAST_SEEN, PENDING_AT
from motcua.backoffice.enrolment import issue_enrolment_code
from motcua.backoffice.management.commands.staff_totp import provision
from motcua.backoffice.models import LoginAudit

from .support import PASSWORD, staff_login, totp_code

LOGIN, TOTP_URL, ENROL = "/can-bo/dang-nhap/", "/can-bo/xac-thuc/", "/can-bo/dang-ky-xac-thuc/"


def _password(client, user, password=PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": user.username, "password": password})


def test_password_alone_does_not_log_in_the_code_does(client, world):
    device = provision(world.intake)
    response = _password(client, world.intake)
    assert response.status_code == 302
    assert response["Location"].startswith(TOTP_URL)
    # Between the two steps the session is not authenticated: the back office sends us back.
    assert client.get("/can-bo/tiep-nhan/").status_code == 302
    response = client.post(TOTP_URL, {"token": totp_code(device)})
    assert response.status_code == 302
    assert client.get("/can-bo/tiep-nhan/").status_code == 200
    stages = list(LoginAudit.objects.filter(user=world.intake).order_by("id").values_list("stage", "success"))
    assert stages == [("password", True), ("totp", True)]
    last = LoginAudit.objects.filter(user=world.intake).latest("id")
    assert last.ip == "127.0.0.1"


def test_a_wrong_code_is_refused_and_audited(client, world):
    device = provision(world.intake)
    _password(client, world.intake)
    good = totp_code(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post(TOTP_URL, {"token": wrong})
    assert response.status_code == 400
    assert "Mã xác thực không đúng" in response.content.decode()
    assert client.get("/can-bo/tiep-nhan/").status_code == 302
    audit = LoginAudit.objects.filter(user=world.intake).latest("id")
    assert (audit.stage, audit.success, audit.reason) == ("totp", False, "sai mã xác thực")


def test_a_wrong_password_is_audited_with_the_name_typed(client, world):
    response = client.post(LOGIN, {"username": world.intake.username, "password": "sai-mat-khau"})
    assert response.status_code == 400
    assert "không đúng" in response.content.decode()
    audit = LoginAudit.objects.latest("id")
    assert (audit.username, audit.success, audit.stage) == (world.intake.username, False, "password")
    response = client.post(LOGIN, {"username": "khong-ton-tai", "password": "x"})
    assert LoginAudit.objects.latest("id").username == "khong-ton-tai"


def test_first_login_enrols_an_authenticator_from_the_qr_code(client, world):
    code, _row = issue_enrolment_code(officer=world.specialist, issued_by=None)
    _password(client, world.specialist)
    response = client.post(ENROL, {"enrolment_code": code})  # the enrolment code comes first
    assert response.status_code == 302
    response = client.get(ENROL)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'src="data:image/svg+xml' in page  # the QR code of the otpauth:// URI
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    code = f"{TOTP(key).token():06d}"
    response = client.post(ENROL, {"token": code})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=world.specialist).confirmed
    assert client.get("/can-bo/danh-sach/can-xu-ly/").status_code == 200
    assert LoginAudit.objects.latest("id").stage == "enrolment"


def test_a_citizen_cannot_enter(client, world):
    response = _password(client, world.citizen)
    assert response.status_code == 400
    assert "không phải tài khoản cán bộ" in response.content.decode()
    assert LoginAudit.objects.latest("id").reason == "không phải cán bộ"
    # Logged in elsewhere (the portal), still not in.
    client.force_login(world.citizen)
    assert client.get("/can-bo/tiep-nhan/").status_code == 403
    assert client.get(TOTP_URL).status_code == 302


def test_staff_logged_in_by_password_elsewhere_still_need_the_code(client, world):
    provision(world.leader)
    client.force_login(world.leader)
    response = client.get("/can-bo/dieu-hanh/")
    assert response.status_code == 302
    assert response["Location"].startswith(TOTP_URL)


def test_an_idle_session_ends(client, world, settings):
    settings.MOTCUA_STAFF_IDLE_SECONDS = 1800
    staff_login(client, world.intake)
    session = client.session
    session[LAST_SEEN] = time.time() - 1801
    session.save()
    response = client.get("/can-bo/tiep-nhan/")
    assert response.status_code == 302
    assert "het-phien" in response["Location"]
    assert "_auth_user_id" not in client.session
    assert LoginAudit.objects.latest("id").stage == "timeout"
    assert "Phiên làm việc đã kết thúc" in client.get(response["Location"]).content.decode()


def test_the_password_step_expires(client, world):
    provision(world.intake)
    _password(client, world.intake)
    session = client.session
    session[PENDING_AT] = time.time() - 3600
    session.save()
    assert client.get(TOTP_URL)["Location"] == "/can-bo/dang-nhap/"


def test_logout_is_audited(client, world):
    staff_login(client, world.clerk)
    assert client.post("/can-bo/dang-xuat/").status_code == 302
    assert LoginAudit.objects.latest("id").stage == "logout"
    assert client.get("/can-bo/").status_code == 302


def test_staff_totp_command_prints_the_uri_and_the_code(world):
    out = StringIO()
    call_command("staff_totp", world.intake.username, "--show-secret", stdout=out)
    assert "otpauth://totp/motcua%3A" in out.getvalue()
    out = StringIO()
    call_command("staff_totp", world.intake.username, "--code", stdout=out)
    assert re.fullmatch(r"\d{6}\n", out.getvalue())
    with pytest.raises(CommandError, match="không phải cán bộ"):
        call_command("staff_totp", world.citizen.username)


def test_english_is_available(client, world):
    client.cookies["django_language"] = "en"
    page = client.get(LOGIN).content.decode()
    assert "Staff login" in page
    staff_login(client, world.intake)
    page = client.get("/can-bo/tiep-nhan/").content.decode()
    assert "Intake counter" in page
    assert "Online submissions to check" in page
