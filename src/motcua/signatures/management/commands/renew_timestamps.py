"""`motcua renew_timestamps [--within-days 180] [--dry-run]`: renew archive timestamps due soon.

Every latest signed result whose last document timestamp's TSA certificate expires within the
horizon gets a new document timestamp, stored as a new version. Exit status 1 when any renewal
failed (all are tried first). Run it monthly from cron.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.core.time import VN_TZ
from motcua.signatures.archive import (
    archive_timestamp_expiry,
    renew_archive_timestamp,
    results_due_for_renewal,
)


class Command(BaseCommand):
    help = "Gia hạn dấu thời gian lưu trữ (B-LTA) của các kết quả sắp hết hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--within-days", type=int, default=180, help="chứng thư TSA hết hạn trong số ngày này (180)"
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gia hạn")

    def handle(self, *args: Any, **options: Any) -> None:
        due = results_due_for_renewal(within=timedelta(days=options["within_days"]))
        dry_run = options["dry_run"]
        renewed = failed = 0
        for result in due:
            with result.file.open("rb") as handle:
                expiry = archive_timestamp_expiry(handle.read())
            when = expiry.astimezone(VN_TZ).strftime("%Y-%m-%d") if expiry else "—"
            code = result.dossier.code
            if dry_run:
                self.stdout.write(f"{code}\t{when}\tsẽ gia hạn")
                continue
            try:
                renew_archive_timestamp(result_id=result.pk)
            except Exception as exc:  # report it and go on with the others
                failed += 1
                self.stderr.write(f"{code}\t{when}\tlỗi: {exc}")
                continue
            renewed += 1
            self.stdout.write(f"{code}\t{when}\tđã gia hạn")
        if dry_run:
            self.stdout.write(f"{len(due)} kết quả cần gia hạn (chạy thử, không thay đổi gì).")
        else:
            self.stdout.write(f"Đã gia hạn {renewed}/{len(due)} kết quả; lỗi: {failed}.")
        if failed:
            sys.exit(1)
