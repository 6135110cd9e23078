"""Background tasks that outlive their worker: a task claimed by a worker that then died (kill -9,
power cut, out of memory) stays RUNNING for ever in django-tasks-db; after a lease it runs again."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone


def task_lease() -> timedelta:
    """How long a task may run before it counts as abandoned (MOTCUA_TASK_LEASE_SECONDS)."""
    return timedelta(seconds=settings.MOTCUA_TASK_LEASE_SECONDS)


def requeue_abandoned_tasks(*, lease: timedelta | None = None, at: datetime | None = None) -> int:
    """Put back in the queue every task RUNNING for longer than the lease; the number requeued.

    Tasks therefore run at least once: one cut off after its effect (an e-mail sent) but before its
    result was saved runs again, so tasks are written to be repeatable (see docs/operations.md).
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = (at or timezone.now()) - (lease or task_lease())
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=cutoff)
        .update(status=TaskResultStatus.READY, started_at=None)
    )


def enqueue_with_the_transaction(task: Any, *args: Any) -> None:
    """Enqueue `task(*args)` so that it exists if and only if the caller's transaction commits.

    With the queue in the database (django-tasks-db) the task row is written inside the transaction:
    a process killed between the commit and an `on_commit` callback would otherwise leave a committed
    dossier whose notification was never queued (the kill -9 bench found three in 320). Other
    backends (Redis, the tests' immediate one) run outside the database, so they are called after
    the commit, as before.
    """
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
