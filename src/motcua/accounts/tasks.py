"""Account e-mails (password reset) sent by the task queue."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

try:
    from django.tasks import task  # type: ignore[import-not-found]  # Django >= 6.0
except ImportError:
    from django_tasks import task


@task()
def send_account_mail(subject: str, body: str, to: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
