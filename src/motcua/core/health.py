"""Can this installation serve? The database answers, and background tasks are being picked up.

For load balancers and monitoring (`GET /health/`). Background tasks matter here because e-mails to
applicants, password resets and batch approvals all wait on the task worker (`motcua db_worker`):
if none runs, the site still answers but that work piles up unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import metadata

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Count, Min

from . import time as core_time

# A task waiting longer than this means no worker is taking tasks (they are normally picked up
# within a second or two).
STALLED_AFTER = timedelta(minutes=2)
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.RQBackend"


@dataclass(frozen=True)
class TaskQueue:
    backend: str
    # Known for the database queue and the Redis (RQ) one; None for others (immediate, in tests).
    waiting: int | None = None
    oldest_waiting_seconds: int | None = None
    failed_last_day: int | None = None

    @property
    def stalled(self) -> bool:
        return (self.oldest_waiting_seconds or 0) > STALLED_AFTER.total_seconds()


@dataclass(frozen=True)
class Health:
    database: bool
    tasks: TaskQueue | None
    version: str

    @property
    def status(self) -> str:
        if not self.database:
            return "down"
        return "degraded" if self.tasks is not None and self.tasks.stalled else "ok"


def database_answers() -> bool:
    """One trivial query: all a load balancer needs to know. Never raises."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def system_health(at: datetime | None = None) -> Health:
    """Two or three small queries; never raises for a database that does not answer."""
    moment = at or core_time.now()
    if not database_answers():
        return Health(database=False, tasks=None, version=_version())
    try:
        tasks = _task_queue(moment)
    except DatabaseError:
        return Health(database=False, tasks=None, version=_version())
    return Health(database=True, tasks=tasks, version=_version())


def _task_queue(at: datetime) -> TaskQueue:
    backend = str(settings.TASKS["default"]["BACKEND"])
    if backend == RQ_BACKEND:
        return _redis_queue(at)
    if backend != DATABASE_BACKEND:
        return TaskQueue(backend=backend.rsplit(".", 1)[-1])
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().aggregate(count=Count("pk"), oldest=Min("enqueued_at"))
    failed = DBTaskResult.objects.failed().filter(finished_at__gte=at - timedelta(days=1)).count()
    oldest = waiting["oldest"]
    return TaskQueue(
        backend="DatabaseBackend",
        waiting=waiting["count"],
        oldest_waiting_seconds=max(0, int((at - oldest).total_seconds())) if oldest else 0,
        failed_last_day=failed,
    )


def _redis_queue(at: datetime) -> TaskQueue:
    """The same figures for the RQ queues: waiting jobs, the oldest one's age, failures kept by RQ
    (a day by default). A Redis that does not answer is reported as a stalled queue."""
    import django_rq
    from redis.exceptions import RedisError

    try:
        waiting, oldest, failed = 0, None, 0
        for name in settings.RQ_QUEUES:
            queue = django_rq.get_queue(name)
            waiting += queue.count
            failed += queue.failed_job_registry.count
            first = queue.get_jobs(0, 0)
            if first and first[0].enqueued_at:
                stamp = first[0].enqueued_at
                stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
                oldest = stamp if oldest is None else min(oldest, stamp)
    except (RedisError, OSError):
        return TaskQueue(backend="RQBackend", oldest_waiting_seconds=int(STALLED_AFTER.total_seconds()) + 1)
    return TaskQueue(
        backend="RQBackend",
        waiting=waiting,
        oldest_waiting_seconds=max(0, int((at - oldest).total_seconds())) if oldest else 0,
        failed_last_day=failed,
    )


def _version() -> str:
    try:
        return metadata.version("motcua")
    except metadata.PackageNotFoundError:
        return "unknown"
