"""`motcua stats rebuild [--from YYYY-MM-DD]`: recompute the summary table from the dossiers.

Without --from, the whole table; with it, the days from that date on (the dossiers that can still
add to them are read again). A progress bar is drawn on a terminal.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.management.commands.catalogue import ProgressBar
from motcua.stats.services import rebuild


class Command(BaseCommand):
    help = "Thống kê: dựng lại bảng số liệu tổng hợp (stats rebuild [--from NGÀY])."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rb = sub.add_parser("rebuild", help="Dựng lại bảng số liệu tổng hợp từ hồ sơ.")
        rb.add_argument("--from", dest="since", default=None, help="Từ ngày (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        since = None
        if options["since"]:
            try:
                since = date.fromisoformat(options["since"])
            except ValueError:
                raise CommandError("Ngày không hợp lệ, cần dạng YYYY-MM-DD (ví dụ 2026-01-01).") from None
        started = time.monotonic()
        done = rebuild(since=since, progress=ProgressBar(sys.stderr, "Đang tổng hợp"))
        self.stdout.write(f"Đã tổng hợp lại {done} hồ sơ trong {time.monotonic() - started:.1f} giây.")
