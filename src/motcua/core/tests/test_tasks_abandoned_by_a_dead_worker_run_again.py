"""A task left RUNNING by a worker killed mid-task goes back to the queue once its lease is over,
and only then: a task that is merely slow keeps running where it is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core.tasks import requeue_abandoned_tasks
from motcua.dossiers.notifications import notify_applicant


@pytest.fixture
def _database_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.usefixtures("_database_tasks")
def test_only_tasks_running_past_their_lease_are_queued_again(db: None) -> None:
    now = timezone.now()
    abandoned, slow = (DBTaskResult.objects.get(id=notify_applicant.enqueue(1, 1).id) for _ in range(2))
    for result, started in ((abandoned, now - timedelta(minutes=20)), (slow, now - timedelta(minutes=1))):
        result.claim("worker-1")
        DBTaskResult.objects.filter(pk=result.pk).update(started_at=started)

    assert requeue_abandoned_tasks(lease=timedelta(minutes=15), at=now) == 1

    abandoned.refresh_from_db()
    slow.refresh_from_db()
    assert abandoned.status == TaskResultStatus.READY
    assert abandoned.started_at is None
    assert abandoned.worker_ids == ["worker-1"]  # who had it stays on record
    assert slow.status == TaskResultStatus.RUNNING
    assert list(DBTaskResult.objects.ready()) == [abandoned]
