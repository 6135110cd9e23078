"""With the queue in the database, a task enqueued by a service is written in the service's own
transaction: it exists exactly when the transaction commits, with no `on_commit` callback that a
process killed right after the commit would never run. Other backends keep the after-commit call."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from motcua.core.tasks import enqueue_with_the_transaction
from motcua.dossiers.notifications import notify_applicant


class Rollback(Exception):
    pass


def test_the_task_row_is_part_of_the_transaction(db, settings, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def rolled_back() -> None:
        with transaction.atomic():
            enqueue_with_the_transaction(notify_applicant, 1, 1)
            raise Rollback

    with pytest.raises(Rollback):
        rolled_back()
    assert not DBTaskResult.objects.exists()

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_with_the_transaction(notify_applicant, 1, 2)
    assert callbacks == []
    assert DBTaskResult.objects.get().args_kwargs["args"] == [1, 2]


def test_other_backends_are_called_after_the_commit(db, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        enqueue_with_the_transaction(notify_applicant, 1, 1)
    assert len(callbacks) == 1
