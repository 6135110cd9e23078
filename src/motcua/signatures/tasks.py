"""Signature work done by the task queue, away from the web request."""

from __future__ import annotations

import uuid

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task

from .approval import run_batch_approval


@task()
def approve_batch(batch_id: str) -> None:
    run_batch_approval(uuid.UUID(batch_id))
