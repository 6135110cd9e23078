from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.antivirus.services import rescan_pending


class Command(BaseCommand):
    help = "Quét lại các tệp đã nhận khi máy quét mã độc tạm ngừng (MOTCUA_SCAN_WHEN_DOWN=queue)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rescan_pending()
        self.stdout.write(
            f"sạch: {counts['released']}, nhiễm mã độc: {counts['infected']}, "
            f"còn chờ: {counts['still_pending']}"
        )
