"""`motcua anchor [--verify | --list]`: checkpoints of every dossier's event chain.

    motcua anchor            make a checkpoint now (daily from cron, before the nightly backup)
    motcua anchor --verify   every checkpoint file, every chain, and every chain against the checkpoints
    motcua anchor --list     the checkpoints, newest first, and the age of the last one

Exit codes. Making: 0 made; 1 made, but some heads could not follow what was recorded (listed);
2 not made (no seal, TSA not answering, a damaged checkpoint folder). Verifying: 0 every check
passed; 1 a check failed; 2 nothing to verify against (no checkpoint yet). docs/operations.md says
what an alarm means and what to do.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.core.errors import DomainError
from motcua.core.time import iso_local
from motcua.dossiers.anchors import conf
from motcua.dossiers.anchors.selectors import checkpoints, freshness
from motcua.dossiers.anchors.services import make_checkpoint
from motcua.dossiers.anchors.verification import verify_history
from motcua.dossiers.models import Dossier

FAILED = 1
CANNOT = 2
SHOWN = 20  # faults printed one by one; the rest are counted


class Command(BaseCommand):
    help = (
        "Tạo điểm neo (checkpoint) đã ký số và gắn dấu thời gian của đầu chuỗi sự kiện mọi hồ sơ; "
        "--verify kiểm tra lịch sử với các điểm neo (mã thoát 0 đạt, 1 không đạt, 2 không kiểm tra được); "
        "--list liệt kê các điểm neo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--verify", action="store_true", help="kiểm tra điểm neo và chuỗi sự kiện")
        group.add_argument("--list", action="store_true", help="liệt kê các điểm neo, mới nhất trước")
        parser.add_argument(
            "--limit", type=int, default=30, help="với --list: số điểm neo hiện (mặc định 30)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            directory = conf.anchor_dir()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc), returncode=CANNOT) from exc
        if options["list"]:
            self._list(options["limit"])
        elif options["verify"]:
            self._verify(directory)
        else:
            self._make()

    def _make(self) -> None:
        try:
            made = make_checkpoint()
        except DomainError as exc:
            raise CommandError(exc.message, returncode=CANNOT) from exc
        row, signed = made.row, made.signature
        stamped = (
            f"dấu thời gian {iso_local(signed.timestamp)}" if signed.timestamp else "không có dấu thời gian"
        )
        self.stdout.write(
            f"Đã tạo điểm neo số {row.seq} lúc {iso_local(row.made_at)}: {row.leaves} hồ sơ có đầu chuỗi "
            f"mới; ký bởi {signed.signer}, {stamped}."
        )
        self.stdout.write(f"Tệp: {made.path}")
        if made.alarms:
            self.stderr.write(
                f"{len(made.alarms)} hồ sơ không được neo vì đầu chuỗi không nối tiếp điểm neo trước:"
            )
            for alarm in made.alarms[:SHOWN]:
                self.stderr.write(
                    f"  {_code(alarm.dossier_id)}: {alarm.reason} (đang ở phiên bản {alarm.version}, "
                    f"đã neo phiên bản {alarm.recorded_version})."
                )
            raise CommandError("Chạy motcua anchor --verify để xem chi tiết.", returncode=FAILED)

    def _verify(self, directory: Any) -> None:
        self.stdout.write(f"Đang kiểm tra các điểm neo trong {directory}…")
        report = verify_history(directory, progress=self._progress)
        files = report.files
        if not files.files and not files.problems:
            raise CommandError(
                "Chưa có điểm neo nào để đối chiếu: chạy motcua anchor để tạo điểm neo đầu tiên.",
                returncode=CANNOT,
            )
        self.stdout.write(
            f"Điểm neo: {len(files.files)} tệp (chữ ký số, dấu thời gian, gốc Merkle, liên kết): "
            f"{len(files.problems)} lỗi."
        )
        for problem in files.problems[:SHOWN]:
            where = f"số {problem.seq}" if problem.seq is not None else problem.name
            self.stderr.write(f"  Điểm neo {where}: {problem.reason}.")
        heads = report.heads
        self.stdout.write(
            f"Đối chiếu lịch sử với điểm neo: {heads.leaves_checked} lá, {heads.mismatch_count} sai khác."
        )
        for mismatch in heads.mismatches[:SHOWN]:
            where = f"điểm neo số {mismatch.checkpoint}"
            self.stderr.write(f"  Hồ sơ {_code(mismatch.dossier_id)}: {mismatch.reason} ({where}).")
        self.stdout.write(f"Chuỗi sự kiện: {report.chains_checked} hồ sơ, {len(report.broken)} bị lỗi.")
        for broken in report.broken[:SHOWN]:
            where = f" tại sự kiện {broken.broken_at}" if broken.broken_at is not None else ""
            self.stderr.write(f"  Hồ sơ {broken.code} (id {broken.dossier_id}): {broken.reason}{where}.")
        if report.unanchored:
            self.stdout.write(
                f"{report.unanchored} hồ sơ có sự kiện sau điểm neo cuối (được neo ở lần tạo sau)."
            )
        if not report.ok:
            raise CommandError(
                "Lịch sử hồ sơ KHÔNG khớp với các điểm neo: xem docs/operations.md, mục báo động.",
                returncode=FAILED,
            )
        self.stdout.write("Mọi kiểm tra đều đạt.")

    def _list(self, limit: int) -> None:
        state = freshness()
        if state.last is None:
            self.stdout.write("Chưa có điểm neo nào.")
            return
        hours = int((state.age.total_seconds() if state.age else 0) // 3600)
        self.stdout.write(f"Điểm neo gần nhất: số {state.last.seq}, {hours} giờ trước.")
        if state.stale:
            self.stderr.write(
                f"Cảnh báo: quá {int(state.max_age.total_seconds() // 3600)} giờ chưa có điểm neo mới."
            )
        for row in checkpoints()[: max(limit, 1)]:
            kind = "" if row.kind == row.Kind.REGULAR else f" [{row.get_kind_display().lower()}]"
            stamped = iso_local(row.timestamped_at) if row.timestamped_at else "không có dấu thời gian"
            self.stdout.write(
                f"{row.seq:>6}  {iso_local(row.made_at)}  {row.leaves:>9} hồ sơ  gốc {row.root[:16]}…  "
                f"{row.signer or row.agency}  ({stamped})  {row.file_name}{kind}"
            )

    def _progress(self, checked: int, total: int) -> None:
        self.stdout.write(f"  đã kiểm tra chuỗi của {checked}/{total} hồ sơ…")


def _code(dossier_id: int) -> str:
    code = Dossier.objects.filter(pk=dossier_id).values_list("code", flat=True).first()
    return f"{code} (id {dossier_id})" if code else f"id {dossier_id}"
