"""With MOTCUA_CACHE_URL on Redis, sessions are read through Redis and written to the database too
(cached_db): a login holds over many requests, and a Redis that lost its keys (restart, eviction,
flush) costs a database read, never the login (issue 12, item 2)."""

from __future__ import annotations

import pytest
import redis
from django.contrib.sessions.models import Session
from django.test import Client

from motcua.accounts.models import User
from motcua.core.testing import cache_on_redis, forget_keys

pytestmark = pytest.mark.django_db
PASSWORD = "Quang-Tri-2025-an-toan"


@pytest.fixture
def redis_cache(redis_url, settings):  # type: ignore[no-untyped-def]
    """The cache and the sessions configured as production configures them (settings.base), under a
    key prefix of this test's own."""
    prefix = cache_on_redis(settings, redis_url)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield redis.Redis.from_url(redis_url), prefix
    forget_keys(redis_url, f"{prefix}:*")


def test_a_login_holds_over_requests_and_outlives_the_cache(redis_cache):
    server, prefix = redis_cache
    User.objects.create_user("cd1", password=PASSWORD, phone="0905123456", full_name="Phạm Thị Mai")
    browser = Client()

    logged_in = browser.post("/tai-khoan/dang-nhap/", {"identifier": "0905123456", "password": PASSWORD})
    assert logged_in.status_code == 302

    session_key = browser.cookies["sessionid"].value
    cached = [key.decode() for key in server.scan_iter(match=f"{prefix}:*")]
    assert any(session_key in key for key in cached)  # read through Redis...
    assert Session.objects.filter(session_key=session_key).exists()  # ...and kept in the database
    for _ in range(3):
        page = browser.get("/ho-so/")
        assert page.status_code == 200
        assert "Phạm Thị Mai" in page.content.decode()

    server.delete(*server.scan_iter(match=f"{prefix}:*"))  # Redis restarted with nothing in it
    page = browser.get("/ho-so/")
    assert page.status_code == 200
    assert "Phạm Thị Mai" in page.content.decode()
    assert any(session_key in key.decode() for key in server.scan_iter(match=f"{prefix}:*"))

    browser.post("/tai-khoan/dang-xuat/")
    assert not Session.objects.filter(session_key=session_key).exists()
    assert not any(session_key in key.decode() for key in server.scan_iter(match=f"{prefix}:*"))
