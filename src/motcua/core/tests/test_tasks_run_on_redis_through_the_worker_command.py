"""With MOTCUA_TASKS_BACKEND=rq, a task is queued in Redis (nothing runs at enqueue) and `motcua
worker` runs it through RQ with django-tasks-rq's job class; its result is read back from Redis
(issue 12, item 2). The database queue stays the default, worked by the same command."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks import TaskResultStatus, default_task_backend

from motcua.accounts.tasks import send_account_mail
from motcua.core.health import system_health
from motcua.core.testing import forget_keys, in_process_rq_worker_class

pytestmark = pytest.mark.django_db


@pytest.fixture
def rq_queue(redis_url, settings, monkeypatch):  # type: ignore[no-untyped-def]
    """The RQ backend on the machine's Redis, as settings.base sets it for MOTCUA_TASKS_BACKEND=rq.

    RQ's worker forks a work horse per job in production, closing the database connections first;
    here a SimpleWorker runs the job in the test process, inside the test's transaction, which
    must stay open (`in_process_rq_worker_class`).
    """
    monkeypatch.setattr("django_rq.management.commands.rqworker.reset_db_connections", lambda: None)
    forget_keys(redis_url, "rq:*")  # db 5 is the tests' own; a job left by an interrupted run
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    settings.RQ = {"WORKER_CLASS": in_process_rq_worker_class()}
    yield redis_url
    forget_keys(redis_url, "rq:*")


def test_a_task_waits_in_redis_until_the_worker_runs_it(rq_queue, capsys):
    import django_rq

    result = send_account_mail.enqueue("Đặt lại mật khẩu", "Mã của bạn: 123456", "mai@example.vn")

    assert django_rq.get_queue("default").count == 1
    assert mail.outbox == []  # queued, not run
    assert default_task_backend.get_result(result.id).status == TaskResultStatus.READY
    queued = system_health().tasks  # what monitoring reads at /health/
    assert queued is not None
    assert (queued.backend, queued.waiting) == ("RQBackend", 1)

    call_command("worker", burst=True)

    assert "Redis (RQ)" in capsys.readouterr().out
    assert [m.subject for m in mail.outbox] == ["Đặt lại mật khẩu"]
    assert mail.outbox[0].to == ["mai@example.vn"]
    assert default_task_backend.get_result(result.id).status == TaskResultStatus.SUCCESSFUL
    assert django_rq.get_queue("default").count == 0
    assert system_health().tasks.waiting == 0  # type: ignore[union-attr]


def test_a_redis_that_does_not_answer_shows_as_a_stalled_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}

    health = system_health()

    assert health.status == "degraded"


@pytest.mark.django_db(transaction=True)  # db_worker closes the connections between tasks
def test_the_database_queue_is_worked_by_the_same_command(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    result = send_account_mail.enqueue("Đặt lại mật khẩu", "Mã của bạn: 654321", "an@example.vn")
    assert mail.outbox == []

    call_command("worker", burst=True)

    assert [m.to for m in mail.outbox] == [["an@example.vn"]]
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
