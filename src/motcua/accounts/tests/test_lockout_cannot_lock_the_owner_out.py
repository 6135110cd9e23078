"""Failing logins for somebody else's account locks the one who fails, where they are: the owner,
elsewhere, still logs in. At every door (portal, back office, API token), since all go through the
same backend with the request."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Giam-doc-Quang-Tri-2025"
ATTACKER, OWNER = "198.51.100.7", "203.0.113.9"


@dataclass(frozen=True)
class Door:
    url: str
    name_field: str
    succeeded: int
    staff: bool = False
    json: bool = False

    def attempt(self, address: str, username: str, password: str) -> int:
        body = {self.name_field: username, "password": password}
        client = Client(REMOTE_ADDR=address)
        if self.json:
            return client.post(self.url, {**body, "name": "thu"}, content_type="application/json").status_code
        return client.post(self.url, body).status_code


DOORS = {
    "portal": Door("/tai-khoan/dang-nhap/", "identifier", 302),
    "backoffice": Door("/can-bo/dang-nhap/", "username", 302, staff=True),
    "api": Door("/api/v1/auth/token", "username", 201, json=True),
}


@pytest.mark.parametrize("door", DOORS.values(), ids=DOORS.keys())
def test_an_attacker_at_one_address_does_not_keep_the_owner_out(door: Door, settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.MOTCUA_LOGIN_MAX_FAILURES = 5
    User.objects.create_user("giamdoc", password=PASSWORD, full_name="Giám đốc Sở", is_staff=door.staff)

    failures = [door.attempt(ATTACKER, "giamdoc", f"doan-{i}") for i in range(5)]
    assert door.succeeded not in failures
    # Locked where the attacker is: even the right password is refused there now...
    assert door.attempt(ATTACKER, "giamdoc", PASSWORD) != door.succeeded
    # ...while the owner, elsewhere, logs in as usual.
    assert door.attempt(OWNER, "giamdoc", PASSWORD) == door.succeeded


def test_behind_a_proxy_the_attackers_address_is_the_one_locked(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 1
    User.objects.create_user("giamdoc", password=PASSWORD)
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    login = "/tai-khoan/dang-nhap/"
    for i in range(5):
        proxy.post(login, {"identifier": "giamdoc", "password": f"doan-{i}"}, HTTP_X_FORWARDED_FOR=ATTACKER)

    locked = proxy.post(login, {"identifier": "giamdoc", "password": PASSWORD}, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert "Tài khoản tạm thời bị khóa" in locked.content.decode()
    owner = proxy.post(login, {"identifier": "giamdoc", "password": PASSWORD}, HTTP_X_FORWARDED_FOR=OWNER)
    assert owner.status_code == 302
