"""Checkpoints made by the task queue (the admin's "make one now"; cron runs `motcua anchor` daily)."""

from __future__ import annotations

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task

from .services import make_checkpoint


@task()
def make_checkpoint_task() -> int:
    """Make a checkpoint now; its number. Failures are recorded by the task backend."""
    return make_checkpoint().row.seq
