"""`motcua restore ARCHIVE [--replace] [--no-safety-backup] [--skip-chain-check] [--allow-unsigned]`.

Everything is checked before anything changes: the archive (manifest signature, every member's
checksum), then a scratch copy of its database (migrate, counts, every event chain, the chains
against the checkpoints). Exit codes: 0 restored and checked; 1 a check failed (nothing changed) or
the restore failed half-way (the safety backup undoes it); 2 refused, nothing changed (damaged,
unsafe or unsigned archive, another database engine, a non-empty database without --replace).
Stop the web processes and the task worker first (docs/operations.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.backups.errors import BackupError, RestoreFailed, RestoreRefused
from motcua.backups.services import RestoreResult, restore_backup
from motcua.core.time import iso_local

from .backup import human_size

REFUSED = 2
FAILED = 1
SHOWN = 20  # faults listed one by one; the rest are counted


class Command(BaseCommand):
    help = (
        "Phục hồi từ một bản sao lưu của motcua backup: kiểm tra chữ ký và toàn bộ tệp, phục hồi vào bản "
        "sao tạm để chạy migrate và kiểm tra số lượng, chuỗi sự kiện và điểm neo; chỉ khi mọi kiểm tra đạt "
        "mới thay thế dữ liệu đang chạy."
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
            "--skip-chain-check", action="store_true", help="không tính lại chuỗi sự kiện của từng hồ sơ"
        )
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="vẫn phục hồi bản sao lưu chưa ký hoặc chữ ký không được tin cậy trên máy này",
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
                allow_unsigned=options["allow_unsigned"],
                progress=self._progress,
            )
        except RestoreRefused as exc:
            raise CommandError(exc.message, returncode=REFUSED) from exc
        except (RestoreFailed, BackupError) as exc:
            raise CommandError(exc.message, returncode=FAILED) from exc

        self._seal(result)
        manifest = result.manifest
        counts = result.counts
        self.stdout.write(
            f"Bản sao lưu lúc {manifest.created_at} (motcua {manifest.motcua_version or '?'}, "
            f"{manifest.engine}): {counts['dossiers']} hồ sơ, {counts['dossier_events']} sự kiện, "
            f"{counts['users']} người dùng; {result.migrations_applied} migration mới được áp dụng."
        )
        if not result.counts_match:
            self.stderr.write(f"Số lượng KHÔNG khớp với bản sao lưu: {manifest.counts}.")
        if result.chains_checked is None:
            self.stdout.write("Bỏ qua kiểm tra chuỗi sự kiện (--skip-chain-check).")
        else:
            self.stdout.write(
                f"Đã kiểm tra chuỗi sự kiện của {result.chains_checked} hồ sơ: {len(result.broken)} bị lỗi."
            )
        for broken in result.broken[:SHOWN]:
            where = f" tại sự kiện {broken.broken_at}" if broken.broken_at is not None else ""
            self.stderr.write(f"  Hồ sơ {broken.code} (id {broken.dossier_id}): {broken.reason}{where}.")
        self._anchors(result)
        if not result.restored:
            raise CommandError(
                "Kiểm tra bản sao lưu không đạt: KHÔNG phục hồi, dữ liệu đang chạy giữ nguyên.",
                returncode=FAILED,
            )
        if result.safety_backup:
            self.stdout.write(f"Bản sao lưu an toàn của dữ liệu bị thay thế: {result.safety_backup.path}")
        self.stdout.write(f"Đã phục hồi: {result.files} tệp lưu trữ, {result.keys} tệp khóa.")
        anchors = result.anchors
        behind = len(anchors.heads.behind) if anchors is not None else 0
        if anchors is not None and anchors.restore_checkpoint is not None:
            self.stdout.write(
                f"Đã tạo điểm neo phục hồi số {anchors.restore_checkpoint}: {behind} hồ sơ trở về phiên bản "
                "trong bản sao lưu."
            )
        if anchors is not None and anchors.restore_checkpoint_problem:
            self.stderr.write(
                f"CẢNH BÁO: chưa tạo được điểm neo phục hồi ({anchors.restore_checkpoint_problem}); "
                f"motcua anchor --verify sẽ báo {behind} hồ sơ cũ hơn điểm neo cho đến khi phục hồi lại "
                "sau khi sửa con dấu."
            )
        self.stdout.write("Phục hồi xong, mọi kiểm tra đều đạt.")

    def _seal(self, result: RestoreResult) -> None:
        seal = result.seal
        if seal.ok:
            stamped = f", dấu thời gian {iso_local(seal.timestamp)}" if seal.timestamp else ""
            self.stdout.write(f"Chữ ký của bản sao lưu hợp lệ: {seal.signer}{stamped}.")
        else:
            self.stderr.write(f"CẢNH BÁO: {seal.warning}")

    def _anchors(self, result: RestoreResult) -> None:
        anchors = result.anchors
        if anchors is None:
            return
        files, heads = anchors.files, anchors.heads
        self.stdout.write(
            f"Điểm neo (của bản sao lưu và của máy này): {len(files.files)} tệp, {len(files.problems)} lỗi; "
            f"đối chiếu {heads.leaves_checked} lá: {heads.mismatch_count} sai khác."
        )
        for problem in files.problems[:SHOWN]:
            where = f"số {problem.seq}" if problem.seq is not None else problem.name
            self.stderr.write(f"  Điểm neo {where}: {problem.reason}.")
        for mismatch in heads.mismatches[:SHOWN]:
            self.stderr.write(
                f"  Hồ sơ id {mismatch.dossier_id}: {mismatch.reason} (điểm neo số {mismatch.checkpoint})."
            )
        if heads.behind:
            self.stdout.write(
                f"{len(heads.behind)} hồ sơ trong bản sao lưu cũ hơn điểm neo tạo sau lúc sao lưu "
                "(các sự kiện sau đó sẽ mất khi phục hồi)."
            )

    def _progress(self, checked: int, total: int) -> None:
        self.stdout.write(f"  đã kiểm tra {checked}/{total} hồ sơ…")
