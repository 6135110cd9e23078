"""Bearer tokens: issued for a password, usable until they expire or are revoked, never stored raw."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from motcua.api.models import ApiToken
from motcua.api.throttles import ClientThrottle
from motcua.api.views.auth import TokenView

from .factories import PASSWORD, UserFactory

URL = "/api/v1/auth/token"


def _login(client: APIClient, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(URL, {"username": username, "password": password}, format="json")


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="nguyenvana", full_name="Nguyễn Văn A")


def test_a_password_buys_a_token_that_is_stored_only_as_a_hash(citizen):
    before = timezone.now()
    response = _login(APIClient(), "nguyenvana")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"token", "expires_at"}
    assert body["expires_at"].endswith("+07:00")
    stored = ApiToken.objects.get(user=citizen)
    assert stored.key_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in {stored.key_hash, stored.name}
    expected = before + timedelta(hours=settings.API_TOKEN_TTL_HOURS)
    assert abs((stored.expires_at - expected).total_seconds()) < 60


def test_the_token_authenticates_requests_and_records_its_use(citizen):
    token = _login(APIClient(), "nguyenvana").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.get("/api/v1/dossiers/").status_code == 200
    assert ApiToken.objects.get(user=citizen).last_used_at is not None


def test_an_expired_token_is_refused_with_401(citizen):
    token = _login(APIClient(), "nguyenvana").json()["token"]
    ApiToken.objects.filter(user=citizen).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = client.get("/api/v1/dossiers/")

    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "not_authenticated",
        "message": "Vui lòng đăng nhập.",
        "details": {"reason": "token_expired"},
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_delete_revokes_the_current_token(citizen):
    token = _login(APIClient(), "nguyenvana").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert client.delete(URL).status_code == 204
    assert not ApiToken.objects.filter(user=citizen).exists()
    assert client.get("/api/v1/dossiers/").status_code == 401


def test_delete_without_a_token_is_401(db):
    response = APIClient().delete(URL)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("username", "password"), [("nguyenvana", "sai-mat-khau"), ("khong-ton-tai", PASSWORD)]
)
def test_wrong_credentials_get_401_and_no_token(citizen, username, password):
    response = _login(APIClient(), username, password)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"
    assert response.json()["error"]["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token_and_loses_the_ones_they_had(citizen):
    token = _login(APIClient(), "nguyenvana").json()["token"]
    citizen.is_active = False
    citizen.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    assert _login(APIClient(), "nguyenvana").status_code == 401
    assert client.get("/api/v1/dossiers/").status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer abc def", "Bearer khong-phai-ma-that"])
def test_malformed_or_unknown_tokens_are_401(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/procedures/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_missing_fields_are_a_validation_error(db):
    response = APIClient().post(URL, {"username": "a"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["details"]["fields"]) == {"password"}


def test_token_requests_are_throttled_by_the_token_scope(citizen):
    # DRF's scoped throttle, on the one client-address rule (test_throttles_key_on_the_real_client).
    assert all(
        issubclass(t, ScopedRateThrottle) and issubclass(t, ClientThrottle)
        for t in TokenView.throttle_classes
    )
    assert TokenView.throttle_scope == "token"
    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"]
    allowed = int(rate.split("/")[0])
    client = APIClient()

    statuses = [_login(client, "nguyenvana", "sai").status_code for _ in range(allowed)]
    blocked = _login(client, "nguyenvana")

    assert set(statuses) == {401}
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert int(blocked["Retry-After"]) > 0
