"""/health/ tells a load balancer whether to send traffic (the database answers) and a monitor whether
background tasks are stuck, without a login and without any personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queue_task(minutes_ago: float) -> None:
    from django_tasks_db.models import DBTaskResult

    from motcua.accounts.tasks import send_account_mail

    send_account_mail.enqueue("Chủ đề", "Nội dung", "a@example.vn")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))


def test_all_well(client, settings):
    settings.TASKS = DB_TASKS

    response = client.get("/health/")

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
    assert "no-cache" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_a_task_waiting_a_minute_is_normal_three_minutes_is_a_stalled_worker(client, settings):
    settings.TASKS = DB_TASKS
    _queue_task(minutes_ago=1)
    assert client.get("/health/").json()["status"] == "ok"

    _queue_task(minutes_ago=3)
    body = client.get("/health/").json()

    assert client.get("/health/").status_code == 200  # still serving: do not take it out of the pool
    assert body["status"] == "degraded"
    assert body["tasks"]["stalled"] is True
    assert body["tasks"]["waiting"] == 2
    assert body["tasks"]["oldest_waiting_seconds"] >= 180
    assert "a@example.vn" not in client.get("/health/").content.decode()


def test_a_database_that_does_not_answer_is_a_503(client, settings, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["database"] is False


def test_other_task_backends_are_named_not_counted(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    body = client.get("/health/").json()
    assert body["tasks"]["backend"] == "ImmediateBackend"
    assert body["tasks"]["waiting"] is None
    assert body["status"] == "ok"


def test_only_get(client):
    assert client.post("/health/").status_code == 405
