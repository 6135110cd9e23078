"""`motcua demo`: migrate, load the demo province and serve it."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.seed import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    ensure_agency_staff,
    ensure_demo_accounts,
    seed_dossiers,
)
from motcua.demo.testing import waiting_for_approval


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn (tỉnh Quảng Trị) và chạy hệ thống tại http://127.0.0.1:PORT"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--dossiers", type=int, default=300, help="số hồ sơ mẫu")
        parser.add_argument("--no-serve", action="store_true", help="chỉ nạp dữ liệu, không chạy máy chủ")
        parser.add_argument("--signed", type=int, default=12, help="số hồ sơ có kết quả được ký số")
        parser.add_argument(
            "--to-approve", type=int, default=8, help="số hồ sơ có kết quả chờ lãnh đạo phê duyệt"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Chỉ chạy được ở chế độ trình diễn (MOTCUA_DEMO=1).")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Đã cập nhật cơ sở dữ liệu.")
        load_agencies()
        procedures = load_catalogue()
        users = ensure_demo_accounts()
        ensure_agency_staff()
        signed = options["signed"] if options["signed"] and self._start_pki() else 0
        made = seed_dossiers(options["dossiers"], signed_results=signed)
        if made and signed and options["to_approve"]:
            # Results for lanhdao to approve and sign, one by one or ticked together.
            waiting_for_approval(users, options["to_approve"])
        from motcua.demo.documents import seed_clerk_work

        seed_clerk_work()
        self.stdout.write(f"Danh mục: {procedures} thủ tục hành chính; hồ sơ mẫu mới tạo: {made}.")
        self._print_accounts()
        from motcua.backoffice.demo import enrol_demo_officers, totp_instructions

        enrol_demo_officers(username for username, *_ in DEMO_ACCOUNTS)
        base_url = f"http://{options['host']}:{options['port']}"
        for line in totp_instructions([username for username, *_ in DEMO_ACCOUNTS], base_url=base_url):
            self.stdout.write(line)
        if options["no_serve"]:
            return
        self.stdout.write(
            self.style.SUCCESS(f"\nmotcua đang chạy tại http://{options['host']}:{options['port']}/")
        )
        self.stdout.write("  Tài liệu API: /api/docs/   Trang quản trị: /admin/   Dừng: Ctrl+C")
        from motcua.signatures import conf

        # The worker signs batch approvals: it needs the demo PKI's settings made at run time above.
        worker_env = {
            **os.environ,
            **conf.overrides_as_environment(),
            # `motcua` alone would start on the production settings.
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
        }
        worker = subprocess.Popen([sys.executable, "-m", "motcua.cli", "db_worker"], env=worker_env)
        try:
            call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False)
        finally:
            worker.terminate()

    def _start_pki(self) -> bool:
        """The demo PKI (CA, OCSP, CRL, timestamps on loopback) so that demo results are really signed."""
        from motcua.signatures.demo import ensure_demo_pki

        try:
            pki = ensure_demo_pki(settings.DATA_DIR)
        except Exception as exc:  # the demo still runs, only without signed results
            self.stderr.write(f"Không khởi động được hạ tầng ký số trình diễn: {exc}")
            return False
        self.stdout.write(f"Hạ tầng ký số trình diễn: dấu thời gian tại {pki.tsa_url}")
        return True

    def _print_accounts(self) -> None:
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu '{DEMO_PASSWORD}', chỉ có ở chế độ trình diễn):")
        for username, full_name, role, agencies in DEMO_ACCOUNTS:
            where = ", ".join(agencies) or "công dân"
            self.stdout.write(f"  {username:<11} {full_name:<24} {role or 'citizen':<11} {where}")
