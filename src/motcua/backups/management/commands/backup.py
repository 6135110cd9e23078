"""`motcua backup [--output DIR]`: one archive of the database, the stored files, the key files and
the checkpoints, its manifest signed with the installation's seal.

The archive (motcua-backup-YYYYMMDD-HHMMSS.tar.gz, mode 0600) holds citizens' personal data:
keep copies off the machine, on encrypted storage. The runbook is docs/operations.md.
Exit codes: 0 written (signed, or unsigned because no seal is configured: said loudly); 1 written
but unsigned because the seal could not sign (fix it: restores will need --allow-unsigned), or not
written at all.
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
            f"{counts['users']} người dùng; {result.files} tệp lưu trữ, {result.keys} tệp khóa, "
            f"{result.anchors} điểm neo."
        )
        signature = result.signature
        if result.signed and signature is not None:
            stamped = (
                "có dấu thời gian" if signature.timestamped else "KHÔNG có dấu thời gian (TSA không trả lời)"
            )
            self.stdout.write(f"Manifest đã được ký bằng con dấu '{signature.signer}', {stamped}.")
            return
        why = signature.seal.get("unsigned", "") if signature else ""
        self.stderr.write(f"CẢNH BÁO: bản sao lưu CHƯA ĐƯỢC KÝ. {why}")
        self.stderr.write("Phục hồi bản sao lưu này sẽ cần --allow-unsigned (docs/operations.md).")
        if signature is not None and signature.problem:
            raise CommandError(
                "Bản sao lưu đã được ghi nhưng chưa ký được: sửa con dấu (tệp khóa, mật khẩu, thiết bị ký) "
                "rồi sao lưu lại.",
                returncode=1,
            )
