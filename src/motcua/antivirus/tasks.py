"""The rescan of files accepted while clamd was down (also run by cron: `motcua rescan_uploads`)."""

from __future__ import annotations

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task

from .services import rescan_pending


@task()
def rescan_pending_task() -> dict[str, int]:
    return rescan_pending()
