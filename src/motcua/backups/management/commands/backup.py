"""`motcua backup [--output DIR]`: one archive of the database, the stored files and the key files.

The archive (motcua-backup-YYYYMMDD-HHMMSS.tar.gz, mode 0600) holds citizens' personal data:
keep copies off the machine, on encrypted storage. The runbook is docs/operations.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.backups.errors import BackupError
from motcua.backups.services import create_backup, default_output_dir


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            break
    return f"{value:.1f} {unit}"


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu, các tệp đã lưu (đính kèm, kết quả, PDF đã ký) và tệp khóa chữ ký số "
        "vào một tệp nén motcua-backup-YYYYMMDD-HHMMSS.tar.gz."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=f"thư mục ghi bản sao lưu (mặc định {default_output_dir()})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_backup(output_dir=options["output"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        counts = result.counts
        self.stdout.write(f"Đã sao lưu vào {result.path} ({human_size(result.size)}).")
        self.stdout.write(
            f"Cơ sở dữ liệu {result.engine}: {counts['dossiers']} hồ sơ, {counts['dossier_events']} sự kiện, "
            f"{counts['users']} người dùng; {result.files} tệp lưu trữ, {result.keys} tệp khóa."
        )
