"""/health/ tells a load balancer whether to send traffic (the database answers) and a monitor whether
background tasks are stuck, without any personal data. Anyone gets only "up" or "down"; the details
(database, task queue, version) go to monitoring with the configured token and to administrators."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from motcua.accounts.models import User
from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TOKEN = "k3Jx9-theo-doi-suc-khoe-2025-Qm7"
MONITOR = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _token(settings):
    settings.MOTCUA_HEALTH_TOKEN = TOKEN


def _queue_task(minutes_ago: float) -> None:
    from django_tasks_db.models import DBTaskResult

    from motcua.accounts.tasks import send_account_mail

    send_account_mail.enqueue("Chủ đề", "Nội dung", "a@example.vn")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))


def _refuse_every_query(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)


def test_anyone_learns_up_and_nothing_else(client, settings):
    settings.TASKS = DB_TASKS
    _queue_task(minutes_ago=3)  # stalled: a detail for monitoring, not for anyone

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "up"}
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_anyone_learns_down_with_a_503(client, monkeypatch):
    _refuse_every_query(monkeypatch)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {"status": "down"}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wrong-token",
        f"Bearer {TOKEN}x",
        f"Basic {TOKEN}",
        "Bearer ",
        "Bearer",
    ],
)
def test_a_wrong_token_gets_what_anyone_gets(client, header):
    assert client.get("/health/", HTTP_AUTHORIZATION=header).json() == {"status": "up"}


def test_no_token_configured_means_no_token_opens_the_details(client, settings):
    settings.MOTCUA_HEALTH_TOKEN = ""

    assert client.get("/health/", HTTP_AUTHORIZATION="Bearer ").json() == {"status": "up"}
    assert client.get("/health/", HTTP_AUTHORIZATION="Bearer").json() == {"status": "up"}


def test_monitoring_with_the_token_gets_the_details(client, settings):
    settings.TASKS = DB_TASKS

    response = client.get("/health/", **MONITOR)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] is True
    assert body["tasks"] == {
        "backend": "DatabaseBackend",
        "waiting": 0,
        "oldest_waiting_seconds": 0,
        "failed_last_day": 0,
        "stalled": False,
    }
    assert body["version"]
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_a_task_waiting_a_minute_is_normal_three_minutes_is_a_stalled_worker(client, settings):
    settings.TASKS = DB_TASKS
    _queue_task(minutes_ago=1)
    assert client.get("/health/", **MONITOR).json()["status"] == "ok"

    _queue_task(minutes_ago=3)
    response = client.get("/health/", **MONITOR)
    body = response.json()

    assert response.status_code == 200  # still serving: do not take it out of the pool
    assert body["status"] == "degraded"
    assert body["tasks"]["stalled"] is True
    assert body["tasks"]["waiting"] == 2
    assert body["tasks"]["oldest_waiting_seconds"] >= 180
    assert "a@example.vn" not in response.content.decode()


def test_a_database_that_does_not_answer_is_a_503_for_monitoring_too(client, monkeypatch):
    _refuse_every_query(monkeypatch)

    response = client.get("/health/", **MONITOR)

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["database"] is False


def test_other_task_backends_are_named_not_counted(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    body = client.get("/health/", **MONITOR).json()
    assert body["tasks"]["backend"] == "ImmediateBackend"
    assert body["tasks"]["waiting"] is None
    assert body["status"] == "ok"


def test_an_administrator_after_the_second_factor_gets_the_details(client):
    administrator = User.objects.create_superuser("quantri-test", "qt@example.vn", "mot-mat-khau-dai-2025")

    client.force_login(administrator)  # password only: not yet an administrator's session
    assert client.get("/health/").json() == {"status": "up"}

    staff_login(client, administrator)
    assert client.get("/health/").json()["status"] == "ok"


def test_a_citizen_gets_what_anyone_gets(client):
    client.force_login(UserFactory())

    assert client.get("/health/").json() == {"status": "up"}


def test_only_get(client):
    assert client.post("/health/").status_code == 405
