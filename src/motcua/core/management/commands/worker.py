"""`motcua worker`: the background task worker of whichever queue the settings choose.

The database queue (default) is worked by django-tasks-db's `db_worker`; the Redis queue
(MOTCUA_TASKS_BACKEND=rq) by RQ's worker with django-tasks-rq's job class, which runs the same task
functions. Deployments run `motcua worker` and switch queues by configuration alone.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from motcua.core.tasks import requeue_abandoned_tasks, task_lease

RQ_BACKEND = "django_tasks_rq.RQBackend"
logger = logging.getLogger("motcua.tasks")


def requeue_abandoned_tasks_now() -> None:
    try:
        if count := requeue_abandoned_tasks():
            logger.warning("%d task(s) abandoned by a dead worker put back in the queue", count)
    except Exception:  # a database hiccup must not stop the worker; the next round retries
        logger.exception("requeue of abandoned tasks failed")
    finally:
        close_old_connections()


def _requeue_forever(every: float, stop: threading.Event) -> None:
    while not stop.wait(every):
        requeue_abandoned_tasks_now()


def db_options(options: dict[str, Any]) -> dict[str, Any]:
    """`--interval` for db_worker when given (the kill -9 test polls fast)."""
    return {"interval": options["interval"]} if options.get("interval") is not None else {}


def queue_backend() -> str:
    return str(settings.TASKS["default"]["BACKEND"])


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý tác vụ nền (hàng đợi trong cơ sở dữ liệu hoặc trên Redis, theo cấu hình)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Xử lý hết các tác vụ đang chờ rồi dừng (dùng cho kiểm thử và chạy theo lịch).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Hàng đợi trong cơ sở dữ liệu: số giây chờ giữa hai lần tìm tác vụ mới (mặc định 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = queue_backend()
        verbosity = options["verbosity"]
        if backend == RQ_BACKEND:
            queues = sorted(settings.RQ_QUEUES)
            self.stdout.write(f"Hàng đợi tác vụ trên Redis (RQ): {', '.join(queues)}")
            from django_rq.management.commands.rqworker import Command as RQWorker

            # The scheduler moves tasks enqueued with run_after onto the queue when they are due. The
            # command object rather than its name: it runs whether or not django_rq's app is listed.
            call_command(
                RQWorker(),
                *queues,
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=options["burst"],
                verbosity=verbosity,
            )
        else:
            # django-tasks-db leaves a task RUNNING for ever when its worker is killed; put such tasks
            # back in the queue at start and every half lease (motcua.core.tasks).
            stop = threading.Event()
            requeue_abandoned_tasks_now()
            every = min(task_lease().total_seconds() / 2, 60.0)
            threading.Thread(target=_requeue_forever, args=(every, stop), daemon=True).start()
            try:
                call_command("db_worker", batch=options["burst"], verbosity=verbosity, **db_options(options))
            finally:
                stop.set()
