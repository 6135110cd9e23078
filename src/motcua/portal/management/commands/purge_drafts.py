"""`motcua purge_drafts [--dry-run]`: delete online applications abandoned before submission.

Drafts never submitted and untouched for MOTCUA_DRAFT_RETENTION_DAYS (default 90) go, with the
files uploaded to them. Meant to run daily (cron, a systemd timer).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.portal.drafts import abandoned_drafts, purge_abandoned_drafts


class Command(BaseCommand):
    help = (
        "Xóa hồ sơ nháp chưa nộp và không được cập nhật quá MOTCUA_DRAFT_RETENTION_DAYS ngày, "
        "cùng các tệp đã tải lên; --dry-run chỉ đếm, không xóa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="chỉ in số hồ sơ nháp sẽ bị xóa")

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.MOTCUA_DRAFT_RETENTION_DAYS
        try:
            if options["dry_run"]:
                count = abandoned_drafts().count()
                self.stdout.write(
                    f"Chạy thử: {count} hồ sơ nháp bỏ dở quá {days} ngày sẽ bị xóa (chưa xóa gì)."
                )
                return
            count = purge_abandoned_drafts()
        except ImproperlyConfigured as exc:
            raise CommandError(f"MOTCUA_DRAFT_RETENTION_DAYS = {days}: phải từ 1 ngày trở lên.") from exc
        self.stdout.write(f"Đã xóa {count} hồ sơ nháp bỏ dở quá {days} ngày.")
