"""Online submission over the API: limited per client address (hour, day) and per account (day), or
closed to anonymous clients; a refusal is a 429 in the error shape with Retry-After, and creates nothing."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from motcua.dossiers.models import Dossier

from .factories import Province
from .support import Clock, application, client_for, multipart, pdf, submit_online, vn


@pytest.fixture
def limits(settings, monkeypatch):  # type: ignore[no-untyped-def]
    """Small limits, and a clock for the counters that tests move forward."""
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.MOTCUA_ANONYMOUS_SUBMISSION = "throttle"
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR = 2
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY = 3
    settings.MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY = 0
    clock = Clock(vn(2025, 3, 3, 9, 0))
    monkeypatch.setattr("motcua.dossiers.submission_limits.now", clock)
    return clock


def anonymous(address: str) -> APIClient:
    return APIClient(REMOTE_ADDR=address)


def test_an_address_files_so_many_per_hour_and_per_day(world: Province, limits: Clock):
    client = anonymous("198.51.100.7")
    assert [submit_online(client, world).status_code for _ in range(2)] == [201, 201]

    refused = submit_online(client, world)
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "throttled"
    assert "Đã đạt số hồ sơ được nộp trực tuyến tối đa" in error["message"]
    assert int(refused["Retry-After"]) == error["details"]["wait_seconds"] == 3600
    assert Dossier.objects.count() == 2
    # Another client is not held back by this one.
    assert submit_online(anonymous("203.0.113.9"), world).status_code == 201

    limits.advance(hours=1)
    assert submit_online(client, world).status_code == 201  # the third of the day
    limits.advance(hours=1)
    refused = submit_online(client, world)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 22 * 3600  # the day's window opened at 09:00
    assert Dossier.objects.count() == 4


def test_a_forged_forwarded_header_is_the_same_client(world: Province, limits: Clock):
    client = anonymous("198.51.100.7")
    statuses = []
    for i in range(3):
        files = {f"document_{world.mandatory_document.pk}": pdf()}
        response = client.post(
            "/api/v1/dossiers/",
            multipart(application(world), files),
            format="multipart",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )
        statuses.append(response.status_code)
    assert statuses == [201, 201, 429]


def test_a_refused_application_does_not_count(world: Province, limits: Clock):
    client = anonymous("198.51.100.7")
    incomplete = application(world)
    del incomplete["applicant"]
    for _ in range(5):
        assert client.post("/api/v1/dossiers/", incomplete, format="json").status_code == 400
    assert [submit_online(client, world).status_code for _ in range(3)] == [201, 201, 429]


def test_an_account_files_so_many_per_day_from_any_address(world: Province, limits, settings):
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR = 0
    settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY = 0
    settings.MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY = 2
    statuses = []
    for i in range(3):
        client = client_for(world.citizen)
        client.defaults["REMOTE_ADDR"] = f"203.0.113.{i}"
        statuses.append(submit_online(client, world).status_code)

    assert statuses == [201, 201, 429]
    assert submit_online(client_for(world.other_citizen), world).status_code == 201


def test_account_mode_refuses_anonymous_submission(world: Province, limits, settings):
    settings.MOTCUA_ANONYMOUS_SUBMISSION = "account"
    refused = submit_online(anonymous("198.51.100.7"), world)

    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "not_authenticated"
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert not Dossier.objects.exists()
    assert submit_online(client_for(world.citizen), world).status_code == 201
