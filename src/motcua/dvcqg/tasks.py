"""The delivery task: enqueued after the commit of every queued event; it re-enqueues itself for the
next retry while rows are pending, so the task worker alone keeps the sync going."""

from __future__ import annotations

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task


@task()
def deliver_sync() -> int:
    """One delivery pass; the number of dossiers sent."""
    from .services import _enqueue_delivery, deliver_due, next_due

    report = deliver_due()
    due = next_due()
    if due is not None and (report.retried or report.failed or report.sent):
        _enqueue_delivery(run_after=due)
    return report.sent
