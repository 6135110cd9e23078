"""`motcua restore ARCHIVE [--replace] [--no-safety-backup] [--skip-chain-check]`.

Exit codes: 0 restored and checked; 1 restored but a check failed (counts, a broken event chain)
or the restore failed half-way; 2 refused, nothing changed (damaged or unsafe archive, another
database engine, a non-empty database without --replace). Stop the web processes and the task
worker first (docs/operations.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.backups.errors import BackupError, RestoreFailed, RestoreRefused
from motcua.backups.services import restore_backup

from .backup import human_size

REFUSED = 2
FAILED = 1


class Command(BaseCommand):
    help = (
        "Phục hồi từ một bản sao lưu của motcua backup: kiểm tra toàn bộ tệp trước, rồi phục hồi cơ sở "
        "dữ liệu, tệp lưu trữ, tệp khóa, chạy migrate và kiểm tra chuỗi sự kiện của từng hồ sơ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="tệp motcua-backup-….tar.gz")
        parser.add_argument(
            "--replace", action="store_true", help="thay thế dữ liệu đang có (sao lưu an toàn trước)"
        )
        parser.add_argument(
            "--no-safety-backup", action="store_true", help="với --replace: không tạo bản sao lưu an toàn"
        )
        parser.add_argument(
            "--skip-chain-check", action="store_true", help="không kiểm tra chuỗi sự kiện của từng hồ sơ"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"Không tìm thấy tệp {archive}.", returncode=REFUSED)
        self.stdout.write(f"Đang kiểm tra {archive} ({human_size(archive.stat().st_size)})…")
        try:
            result = restore_backup(
                archive,
                replace=options["replace"],
                safety_backup=not options["no_safety_backup"],
                check_chains=not options["skip_chain_check"],
                progress=self._progress,
            )
        except RestoreRefused as exc:
            raise CommandError(exc.message, returncode=REFUSED) from exc
        except (RestoreFailed, BackupError) as exc:
            raise CommandError(exc.message, returncode=FAILED) from exc

        manifest = result.manifest
        if result.safety_backup:
            self.stdout.write(f"Bản sao lưu an toàn của dữ liệu bị thay thế: {result.safety_backup.path}")
        self.stdout.write(
            f"Đã phục hồi bản sao lưu lúc {manifest.created_at} (motcua {manifest.motcua_version or '?'}, "
            f"{manifest.engine}): {result.files} tệp lưu trữ, {result.keys} tệp khóa; "
            f"{result.migrations_applied} migration mới được áp dụng."
        )
        counts = result.counts
        self.stdout.write(
            f"Số lượng: {counts['dossiers']} hồ sơ, {counts['dossier_events']} sự kiện, "
            f"{counts['users']} người dùng."
        )
        if not result.counts_match:
            self.stderr.write(f"Số lượng KHÔNG khớp với bản sao lưu: {manifest.counts}.")
        if result.chains_checked is None:
            self.stdout.write("Bỏ qua kiểm tra chuỗi sự kiện (--skip-chain-check).")
        else:
            self.stdout.write(
                f"Đã kiểm tra chuỗi sự kiện của {result.chains_checked} hồ sơ: {len(result.broken)} bị lỗi."
            )
        for broken in result.broken:
            where = f" tại sự kiện {broken.broken_at}" if broken.broken_at is not None else ""
            self.stderr.write(f"  Hồ sơ {broken.code} (id {broken.dossier_id}): {broken.reason}{where}.")
        if not result.ok:
            raise CommandError("Phục hồi xong nhưng kiểm tra sau phục hồi không đạt.", returncode=FAILED)
        self.stdout.write("Phục hồi xong, mọi kiểm tra đều đạt.")

    def _progress(self, checked: int, total: int) -> None:
        self.stdout.write(f"  đã kiểm tra {checked}/{total} hồ sơ…")
