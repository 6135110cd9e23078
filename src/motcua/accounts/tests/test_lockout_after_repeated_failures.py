"""Five wrong passwords from one address lock the login there for a while, with a clear message; then
it opens again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.accounts.models import FailureCounter, User

pytestmark = pytest.mark.django_db
PASSWORD = "Quang-Tri-2025-an-toan"


@pytest.fixture
def citizen():  # type: ignore[no-untyped-def]
    return User.objects.create_user(
        "cd1", password=PASSWORD, phone="0905123456", email="mai@example.vn", full_name="Phạm Thị Mai"
    )


def log_in(client, identifier: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/tai-khoan/dang-nhap/", {"identifier": identifier, "password": password})


def test_lockout_counts_every_name_of_the_account(client, citizen, settings):
    settings.MOTCUA_LOGIN_MAX_FAILURES = 5
    for identifier in ("0905123456", "mai@example.vn", "+84905123456", "MAI@example.vn"):
        assert log_in(client, identifier, "sai").status_code == 400
    response = log_in(client, "0905123456", "sai")
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = log_in(client, "mai@example.vn", PASSWORD)
    assert response.status_code == 400
    assert "Tài khoản tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_ends(client, citizen):
    for _ in range(5):
        log_in(client, "0905123456", "sai")
    # The lock is on this address and this account (see test_lockout_cannot_lock_the_owner_out).
    pair = f"login:pair:127.0.0.1:user:{citizen.pk}"
    counter = FailureCounter.objects.get(key=pair)
    counter.locked_until -= timedelta(minutes=16)
    counter.save()
    assert log_in(client, "0905123456", PASSWORD).status_code == 302
    assert not FailureCounter.objects.filter(key=pair).exists()


def test_an_unknown_name_locks_the_same_way(client):
    for _ in range(5):
        log_in(client, "0999888777", "sai")
    assert "Tài khoản tạm thời bị khóa" in log_in(client, "0999888777", "sai").content.decode()


def test_the_api_shares_the_lockout(client, citizen):
    for _ in range(5):
        log_in(client, "0905123456", "sai")
    response = client.post(
        "/api/v1/auth/token",
        {"username": "0905123456", "password": PASSWORD, "name": "thu"},
        content_type="application/json",
    )
    assert response.status_code == 401
