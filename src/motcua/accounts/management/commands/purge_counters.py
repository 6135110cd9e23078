"""`motcua purge_counters`: forget login and rate-limit counters that no longer limit anything.

Counters (`FailureCounter`) whose window and lock ended more than a day ago, and addresses an account
has not logged in from for MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS. Meant to run daily, like purge_drafts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand

from motcua.accounts import throttling
from motcua.accounts.backends import forget_old_addresses
from motcua.core.time import now

# The longest window of any counter (the daily submission limits).
LONGEST_WINDOW = timedelta(days=1)


class Command(BaseCommand):
    help = "Xóa các bộ đếm đăng nhập và giới hạn tần suất đã hết hiệu lực (chạy hằng ngày)."

    def handle(self, *args: Any, **options: Any) -> None:
        counters = throttling.purge(before=now() - LONGEST_WINDOW)
        addresses = forget_old_addresses()
        self.stdout.write(f"Đã xóa {counters} bộ đếm hết hiệu lực và {addresses} địa chỉ đăng nhập cũ.")
