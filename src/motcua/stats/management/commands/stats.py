"""`motcua stats rebuild [--from YYYY-MM-DD]`: recompute the summary tables from the dossiers.

Without --from, the whole tables; with it, the days from the first of that month on (the dossiers
that can still add to them are read again). On PostgreSQL set-based, elsewhere in Python
(`stats.rebuild`). A progress bar per phase is drawn on a terminal.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.catalog.management.commands.catalogue import ProgressBar
from motcua.stats.digital import rebuild as rebuild_digital
from motcua.stats.rebuild import rebuild


class PhaseBars:
    """One progress bar per phase of the rebuild, each on its own line."""

    def __init__(self) -> None:
        self.bars: dict[str, ProgressBar] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase not in self.bars:
            self.bars[phase] = ProgressBar(sys.stderr, f"Đang tổng hợp: {phase}")
        self.bars[phase](done, total)


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
        bars = PhaseBars()
        done = rebuild(since=since, progress=bars)
        bars("Chỉ số số hóa", 0, 1)
        rebuild_digital(since=since)  # the scorecard's table (indices 4.1, 4.2, 4.5): set-based
        bars("Chỉ số số hóa", 1, 1)
        self.stdout.write(f"Đã tổng hợp lại {done} hồ sơ trong {time.monotonic() - started:.1f} giây.")
