"""The admin shows who has an authenticator, never its key, QR code or otpauth:// URI; a reset there
removes it and leads to issuing a new enrolment code, which is shown once."""

from __future__ import annotations

import re
from base64 import b32encode

import pytest
from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.agencies.models import Role, StaffRole
from motcua.api.models import ApiToken
from motcua.api.tokens import issue_token
from motcua.backoffice.enrolment import provision
from motcua.backoffice.models import EnrolmentCode
from motcua.dossiers.tests.factories import AgencyFactory, UserFactory

from .support import staff_login

DEVICES = "/admin/otp_totp/totpdevice/"
CODES = "/admin/backoffice/enrolmentcode/"


@pytest.fixture
def officer(db):  # type: ignore[no-untyped-def]
    user = UserFactory(username="lanhdao", full_name="Hoàng Đức Thắng")
    StaffRole.objects.create(user=user, agency=AgencyFactory(), role=Role.LEADER)
    return user


@pytest.fixture
def admin_client(db):  # type: ignore[no-untyped-def]
    return staff_login(Client(), UserFactory(username="quantri", is_staff=True, is_superuser=True))


def _secrets(device: TOTPDevice) -> list[str]:
    return [device.key, b32encode(device.bin_key).decode().rstrip("="), "otpauth://", "qrcode", "config"]


def test_no_page_of_the_admin_shows_a_key(admin_client, officer):
    device = provision(officer)

    pages = [
        admin_client.get(DEVICES),
        admin_client.get(f"{DEVICES}{device.pk}/change/"),
        admin_client.get(f"{DEVICES}?q=lanhdao"),
    ]

    assert [p.status_code for p in pages] == [200, 200, 200]
    assert "Hoàng Đức Thắng" in pages[0].content.decode()
    for page in pages:
        text = page.content.decode()
        for secret in _secrets(device):
            assert secret not in text, secret
    # django-otp's own pages of the key and its QR code are gone; adding a device (and a key) by hand too.
    assert admin_client.get(f"{DEVICES}add/").status_code == 403
    for url in (f"{DEVICES}{device.pk}/config/", f"{DEVICES}{device.pk}/qrcode/"):
        response = admin_client.get(url, follow=True)  # the admin takes them for unknown objects
        assert response["Content-Type"].startswith("text/html"), url
        for secret in _secrets(device)[:3]:
            assert secret not in response.content.decode(), url


def test_a_reset_removes_the_authenticator_and_asks_for_a_new_code(admin_client, officer):
    device = provision(officer)
    issue_token(user=officer)

    response = admin_client.post(DEVICES, {"action": "reset", "_selected_action": [device.pk]})

    assert response.status_code == 302
    assert response["Location"] == f"{CODES}add/?user={officer.pk}"
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not ApiToken.objects.filter(user=officer).exists()
    assert LogEntry.objects.get(action_flag=DELETION).change_message == "Đặt lại ứng dụng xác thực"

    form = admin_client.get(response["Location"]).content.decode()
    assert 'value="lanhdao"' in form
    issued = admin_client.post(f"{CODES}add/", {"username": "lanhdao"})
    text = issued.content.decode()
    code = re.search(r'id="enrolment-code"[^>]*>([A-Z2-9-]+)<', text).group(1)
    assert "no-cache" in issued["Cache-Control"]
    row = EnrolmentCode.objects.get(user=officer)
    assert (row.channel, row.issued_by.username) == ("admin", "quantri")
    assert code not in admin_client.get(CODES).content.decode()
    assert code not in admin_client.get(f"{CODES}{row.pk}/change/").content.decode()
    assert LogEntry.objects.get(action_flag=ADDITION).change_message == "Cấp mã đăng ký"


def test_only_a_superuser_resets_a_superuser(db):
    agency_admin = UserFactory(username="quantri-so", is_staff=True)
    StaffRole.objects.create(user=agency_admin, agency=AgencyFactory(), role=Role.ADMINISTRATOR)
    root = UserFactory(is_staff=True, is_superuser=True)
    device = provision(root)
    client = staff_login(Client(), agency_admin)

    response = client.post(DEVICES, {"action": "reset", "_selected_action": [device.pk]}, follow=True)

    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    assert "superuser" in response.content.decode()
    assert "superuser" in client.post(f"{CODES}add/", {"username": root.username}).content.decode()
    assert not EnrolmentCode.objects.exists()


def test_staff_without_administrator_rights_see_none_of_it(officer):
    clerk = UserFactory(is_staff=True)
    StaffRole.objects.create(user=clerk, agency=AgencyFactory(), role=Role.CLERK)
    client = staff_login(Client(), clerk)

    assert client.get(DEVICES).status_code == 403
    assert client.get(f"{CODES}add/").status_code == 403
