"""`motcua dvcqg preview|run|retry|resync|reconcile`: the DVCQG sync from the command line.

motcua dvcqg preview CODE                          the body that would be sent now, as JSON
motcua dvcqg run [--once] [--interval S]           deliver the outbox; loop until stopped (SIGTERM)
motcua dvcqg retry [ID ...]                        put failed rows back in the queue
motcua dvcqg resync --from YYYY-MM-DD --to YYYY-MM-DD   queue a full re-sync of a period
motcua dvcqg reconcile [--date YYYY-MM-DD]         compare local and synced counts of a day (yesterday)
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections

from motcua.core.errors import DomainError
from motcua.core.time import local, now
from motcua.dvcqg import services


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value) if len(value) == 10 else _bad(value)
    except ValueError:
        return _bad(value)


def _bad(value: str) -> date:
    raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD)")


class Command(BaseCommand):
    help = "Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia: xem trước, gửi, gửi lại, đồng bộ lại, đối soát."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{preview,run,retry,resync,reconcile}"
        )
        preview = actions.add_parser("preview", help="In nội dung sẽ gửi cho một hồ sơ (JSON).")
        preview.add_argument("code", help="mã hồ sơ")
        run = actions.add_parser("run", help="Gửi các dòng đến hạn; lặp đến khi dừng.")
        run.add_argument("--once", action="store_true", help="một lượt rồi dừng")
        run.add_argument("--interval", type=float, default=2.0, help="giây giữa hai lượt khi không có việc")
        retry = actions.add_parser("retry", help="Gửi lại các dòng đã lỗi.")
        retry.add_argument("ids", nargs="*", type=int)
        resync = actions.add_parser("resync", help="Đồng bộ lại toàn bộ hồ sơ của một khoảng thời gian.")
        resync.add_argument("--from", dest="start", type=_day, required=True)
        resync.add_argument("--to", dest="end", type=_day, required=True)
        reconcile = actions.add_parser(
            "reconcile", help="Đối soát số hồ sơ tiếp nhận và đã đồng bộ của một ngày."
        )
        reconcile.add_argument("--date", dest="day", type=_day, default=None, help="mặc định: hôm qua")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, "_" + options["action"])(**options)

    def _preview(self, *, code: str, **_: Any) -> None:
        try:
            body = services.preview(code)
        except DomainError as exc:
            # A mistyped code is no bug: one Vietnamese line and exit status 1, never a traceback.
            self.stderr.write(exc.message)
            sys.exit(1)
        self.stdout.write(json.dumps(body, ensure_ascii=False, indent=2))

    def _run(self, *, once: bool, interval: float, **_: Any) -> None:
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        first = True
        while not stopping:
            if not first:
                close_old_connections()
            first = False
            report = services.deliver_due()
            if report.sent or report.failed or report.retried:
                self.stdout.write(
                    f"đã đồng bộ {report.sent} hồ sơ ({report.closed} sự kiện), "
                    f"gửi lại sau {report.retried}, lỗi {report.failed}"
                )
                for error in report.errors[:10]:
                    self.stderr.write(f"  {error}")
            if once:
                return
            if not report.sent:
                time.sleep(interval)

    def _retry(self, *, ids: list[int], **_: Any) -> None:
        count = services.retry_failed(ids=ids or None)
        self.stdout.write(f"Đã đưa {count} dòng vào hàng đợi gửi lại.")

    def _resync(self, *, start: date, end: date, **_: Any) -> None:
        if end < start:
            raise CommandError("Ngày kết thúc (--to) phải không trước ngày bắt đầu (--from).")
        count = services.resync(start=start, end=end)
        self.stdout.write(
            f"Đã đưa {count} hồ sơ từ {start:%d/%m/%Y} đến {end:%d/%m/%Y} vào hàng đợi đồng bộ lại."
        )

    def _reconcile(self, *, day: date | None, **_: Any) -> None:
        day = day or (local(now()).date() - timedelta(days=1))
        row = services.reconcile(day=day)
        self.stdout.write(
            f"Ngày {row.day:%d/%m/%Y}: tiếp nhận {row.local_count} hồ sơ, đã đồng bộ {row.synced_count}."
        )
        if row.missing:
            self.stdout.write("Chưa đồng bộ: " + ", ".join(row.missing[:50]))
