"""Guessing one account's password from many addresses: past the free failures, each attempt waits 1 s,
2 s, 4 s… up to a cap, never a lock; and addresses the owner logged in from are spared the wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from motcua.accounts.backends import login_pause
from motcua.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Giam-doc-Quang-Tri-2025"


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch, settings) -> Clock:  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.MOTCUA_LOGIN_MAX_FAILURES = 5
    settings.MOTCUA_LOGIN_SLOWDOWN_AFTER = 20
    settings.MOTCUA_LOGIN_SLOWDOWN_WINDOW_MINUTES = 60
    settings.MOTCUA_LOGIN_SLOWDOWN_MAX_SECONDS = 8
    frozen = Clock()
    monkeypatch.setattr("motcua.accounts.backends.now", frozen)
    return frozen


@pytest.fixture
def director(db) -> User:  # type: ignore[no-untyped-def]
    return User.objects.create_user("giamdoc", password=PASSWORD)


class Botnet:
    """Every attempt from an address never seen before, so no per-address lock ever applies."""

    def __init__(self) -> None:
        self.count = 0

    def request(self):  # type: ignore[no-untyped-def]
        self.count += 1
        return RequestFactory().post(
            "/", REMOTE_ADDR=f"10.{self.count // 65536}.{self.count // 256 % 256}.{self.count % 256}"
        )

    def guess(self) -> None:
        assert authenticate(self.request(), username="giamdoc", password="doan") is None

    def wait(self) -> int | None:
        pause = login_pause(self.request(), "giamdoc")
        return pause.seconds if pause is not None else None


def test_the_wait_doubles_up_to_the_cap_and_never_locks(clock: Clock, director: User):
    botnet = Botnet()
    for _ in range(20):
        botnet.guess()
    assert botnet.wait() is None  # twenty failures are free

    waits = []
    for _ in range(6):
        botnet.guess()
        waits.append(botnet.wait())
        clock.advance(waits[-1])  # an attempt before the wait is over is refused, unchecked
    assert waits == [1, 2, 4, 8, 8, 8]

    # During a wait even the right password is not checked; once it is over, it works.
    botnet.guess()
    assert authenticate(botnet.request(), username="giamdoc", password=PASSWORD) is None
    clock.advance(8)
    assert authenticate(botnet.request(), username="giamdoc", password=PASSWORD) == director


def test_attempts_during_a_wait_do_not_make_it_longer(clock: Clock, director: User):
    botnet = Botnet()
    for _ in range(21):
        botnet.guess()
    for _ in range(50):
        authenticate(botnet.request(), username="giamdoc", password="doan")
    assert botnet.wait() == 1


def test_the_owners_usual_address_is_spared(clock: Clock, director: User):
    office = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    assert authenticate(office, username="giamdoc", password=PASSWORD) == director
    botnet = Botnet()
    for _ in range(30):
        botnet.guess()
        clock.advance(0.5)
    assert botnet.wait() is not None

    assert login_pause(office, "giamdoc") is None
    assert authenticate(office, username="giamdoc", password=PASSWORD) == director


def test_an_unknown_name_slows_down_the_same_way(clock: Clock, db):
    botnet = Botnet()
    for _ in range(21):
        assert authenticate(botnet.request(), username="khong-co-ai", password="doan") is None
    pause = login_pause(botnet.request(), "khong-co-ai")
    assert pause is not None
    assert (pause.account_wide, pause.seconds) == (True, 1)


def test_the_portal_says_how_long_to_wait(clock: Clock, director: User):
    botnet = Botnet()
    for _ in range(21):
        botnet.guess()
    response = Client(REMOTE_ADDR="192.0.2.44").post(
        "/tai-khoan/dang-nhap/", {"identifier": "giamdoc", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "vui lòng chờ 1 giây rồi đăng nhập lại" in response.content.decode()
