"""`motcua demo`: migrate, load the demo province and serve it, with its task worker and its PKI.

Stopping the demo (Ctrl+C, or SIGTERM to its process) stops the worker and the PKI too; the worker
also ends by itself if the demo process dies without a word (SIGKILL).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.agencies.models import Role, StaffRole
from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.seed import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    ensure_agency_staff,
    ensure_demo_accounts,
    seed_dossiers,
)
from motcua.demo.stories import WorkPlan, seed_worklists

# How far past a busy port the demo looks for a free one.
PORT_TRIES = 20


def port_is_free(host: str, port: int) -> bool:
    """Nothing listens on host:port (a bind succeeds)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_site_port(host: str, wanted: int) -> int | None:
    """`wanted` if free, else the next free port after it (a few tries), else None."""
    for port in range(wanted, wanted + PORT_TRIES):
        if port_is_free(host, port):
            return port
    return None


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # SIGTERM ends the demo like Ctrl+C does: the `finally` in handle() stops the worker and the PKI.
    raise KeyboardInterrupt


def _die_with_parent() -> None:
    """In the worker, before exec: Linux sends it SIGTERM when the demo process dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: Ctrl+C and SIGTERM still stop it
        pass


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
        parser.add_argument(
            "--national-catalogue",
            action="store_true",
            help="nạp thêm danh mục thủ tục thật của Cổng DVC quốc gia (2.395 thủ tục)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Chỉ chạy được ở chế độ trình diễn (MOTCUA_DEMO=1).")
        host, port = options["host"], options["port"]
        if not options["no_serve"]:
            # Before the minutes of loading: a busy port is said at once, not after.
            free = free_site_port(host, port)
            if free is None:
                raise CommandError(
                    f"Cổng {port} đến {port + PORT_TRIES - 1} trên {host} đều đang bận. "
                    "Hãy dừng chương trình đang dùng cổng hoặc chọn cổng khác: motcua demo --port 8100"
                )
            if free != port:
                self.stdout.write(
                    self.style.WARNING(
                        f"Cổng {port} đang bận (có thể một bản trình diễn khác đang chạy): dùng cổng {free}."
                    )
                )
                port = free
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        # Ctrl+C even when started from a script that ignores SIGINT for its background jobs.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        pki = None
        gateway: Any = None
        sandbox = None
        idp: Any = None
        sms: Any = None
        worker: subprocess.Popen[bytes] | None = None
        try:
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(f"Đã cập nhật cơ sở dữ liệu. Dữ liệu trình diễn: {settings.DATA_DIR}")
            load_agencies()
            procedures = load_catalogue()
            if options["national_catalogue"]:
                procedures = self._load_national_catalogue()
            users = ensure_demo_accounts()
            ensure_agency_staff()
            pki = self._start_pki() if options["signed"] else None
            signed = options["signed"] if pki is not None else 0
            made = seed_dossiers(options["dossiers"], signed_results=signed)
            if made:
                # Work waiting in each demo officer's lists (the history above is the background staff's).
                seed_worklists(users, WorkPlan(to_approve=options["to_approve"]), signed=pki is not None)
            from motcua.demo.documents import seed_clerk_work

            seed_clerk_work()
            from motcua.demo.feedback import seed_feedback

            seed_feedback()

            from motcua.demo.news import seed_news

            seed_news()
            self.stdout.write(f"Danh mục: {procedures} thủ tục hành chính; hồ sơ mẫu mới tạo: {made}.")
            self._print_accounts()
            from motcua.backoffice.demo import enrol_demo_officers, totp_instructions

            enrol_demo_officers(username for username, *_ in DEMO_ACCOUNTS)
            base_url = f"http://{host}:{port}"
            for line in totp_instructions([username for username, *_ in DEMO_ACCOUNTS], base_url=base_url):
                self.stdout.write(line)
            from motcua.demo.news import news_instructions

            for line in news_instructions(base_url):
                self.stdout.write(line)
            if options["no_serve"]:
                return
            if host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
                settings.ALLOWED_HOSTS.append(host)
            self.stdout.write(self.style.SUCCESS(f"\nmotcua đang chạy tại {base_url}/"))
            self.stdout.write("  Tài liệu API: /api/docs/   Trang quản trị: /admin/   Dừng: Ctrl+C")
            # WhiteNoise serves the apps' static files (finders); an absent STATIC_ROOT only makes it warn.
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
            gateway = self._start_payment_sandbox(base_url)
            sandbox = self._start_dvcqg_sandbox()
            idp = self._start_identity_provider()
            sms = self._start_sms_sandbox()
            worker = self._start_worker(sandbox)
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        except KeyboardInterrupt:
            pass  # Ctrl+C or SIGTERM while loading; while serving, runserver turns it into SystemExit
        finally:
            if worker is not None:
                _stop(worker)
            if pki is not None:
                pki.stop()
            if gateway is not None:
                gateway.stop()
            for service in (sandbox, idp, sms):
                if service is not None:
                    service.stop()
            if worker is not None or pki is not None:
                self.stdout.write("Đã dừng bản trình diễn (máy chủ, tiến trình xử lý nền, hạ tầng ký số).")

    def _start_worker(self, sandbox: Any = None) -> subprocess.Popen[bytes]:
        """The task worker (it signs batch approvals and syncs dossiers), with the demo PKI's and the
        DVCQG sandbox's settings made at run time."""
        from motcua.signatures import conf

        worker_env = {
            **os.environ,
            **conf.overrides_as_environment(),
            **(sandbox.settings() if sandbox is not None else {}),
            # `motcua` alone would start on the production settings.
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
        }
        return subprocess.Popen(
            [sys.executable, "-m", "motcua.cli", "worker"],
            env=worker_env,
            preexec_fn=_die_with_parent,
        )

    def _start_payment_sandbox(self, base_url: str) -> Any:
        """The payment gateway's sandbox on loopback, unless a real gateway is configured."""
        from motcua.payments import conf
        from motcua.payments.sandbox import CALLBACK_PATH, start_sandbox

        if os.environ.get("MOTCUA_PAYMENT_GATEWAY_URL"):
            self.stdout.write(f"Nền tảng thanh toán: {conf.gateway_url()}")
            return None
        sandbox = start_sandbox(callback_url=base_url + CALLBACK_PATH)
        conf.override(gateway_url=sandbox.url, secret=sandbox.secret, public_url=base_url)
        conf.override(partner_code=sandbox.partner_code)
        self.stdout.write(f"Nền tảng thanh toán (thử nghiệm): {sandbox.url}/thanh-toan")
        return sandbox

    def _start_identity_provider(self) -> Any:
        """VNeID's sandbox on loopback (demo citizens), unless a real provider is configured."""
        from motcua.accounts.idp import start_idp

        if os.environ.get("MOTCUA_OIDC_CLIENT_ID"):
            self.stdout.write(f"Đăng nhập VNeID: {settings.OIDC_OP_AUTHORIZATION_ENDPOINT}")
            return None
        idp = start_idp()
        for name, value in idp.settings().items():
            setattr(settings, name, value)
        self.stdout.write(f"VNeID (thử nghiệm): {idp.url}/authorize — công dân mẫu:")
        for citizen in idp.citizens.values():
            self.stdout.write(f"  {citizen['name']:<24} số định danh {citizen['national_id']}")
        return idp

    def _start_sms_sandbox(self) -> Any:
        """The SMS gateway's sandbox on loopback (it records messages), unless a real one is configured."""
        from motcua.accounts import sms
        from motcua.accounts.sms_sandbox import start_sms_sandbox

        if os.environ.get("MOTCUA_SMS_GATEWAY_URL"):
            self.stdout.write(f"Tổng đài tin nhắn: {sms.gateway_url()}")
            return None
        sandbox = start_sms_sandbox()
        # Through the environment, so that the task worker started next sends there too.
        os.environ["MOTCUA_SMS_GATEWAY_URL"] = sandbox.url + "/gui"
        os.environ["MOTCUA_SMS_API_KEY"] = sandbox.api_key
        self.stdout.write(f"Tổng đài tin nhắn (thử nghiệm): tin đã gửi tại {sandbox.url}/tin-nhan")
        return sandbox

    def _load_national_catalogue(self) -> int:
        from motcua.catalog.models import Procedure
        from motcua.demo.national import load_national_catalogue

        report = load_national_catalogue()
        self.stdout.write(
            f"Danh mục quốc gia: {len(report.new)} thủ tục mới, {len(report.changed)} cập nhật, "
            f"{len(report.unchanged)} không đổi."
        )
        return Procedure.objects.count()

    def _start_pki(self) -> Any:
        """The demo PKI (CA, OCSP, CRL, timestamps on loopback) so that demo results are really signed."""
        from motcua.signatures.demo import ensure_demo_pki

        try:
            pki = ensure_demo_pki(settings.DATA_DIR)
        except Exception as exc:  # the demo still runs, only without signed results
            self.stderr.write(f"Không khởi động được hạ tầng ký số trình diễn: {exc}")
            return None
        if not pki.started:
            self.stderr.write(
                f"Cổng {pki.pki.port} của hạ tầng ký số trình diễn đang bận (các chứng thư số đã ghi cổng "
                "này): kết quả sẽ không được ký số. Dừng chương trình đang dùng cổng, hoặc xóa thư mục "
                f"{pki.pki.directory} để tạo lại hạ tầng trên một cổng trống."
            )
            return None
        self.stdout.write(f"Hạ tầng ký số trình diễn: dấu thời gian tại {pki.tsa_url}")
        return pki

    def _start_dvcqg_sandbox(self) -> Any:
        """The national portal's sync endpoint on loopback, unless a real one is configured."""
        from motcua.dvcqg import conf as dvcqg_conf
        from motcua.dvcqg.demo import start_sandbox

        if dvcqg_conf.url():
            self.stdout.write(f"Đồng bộ Cổng DVC quốc gia: {dvcqg_conf.url()}")
            return None
        sandbox = start_sandbox()
        self.stdout.write(
            f"Cổng DVC quốc gia (hộp cát trên máy): {sandbox.url}; "
            "nhật ký đồng bộ tại /admin/dvcqg/syncoutbox/"
        )
        return sandbox

    def _print_accounts(self) -> None:
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu '{DEMO_PASSWORD}', chỉ có ở chế độ trình diễn):")
        posts: dict[str, list[str]] = {}
        rows = (
            StaffRole.objects.filter(user__username__in=[u for u, *_ in DEMO_ACCOUNTS])
            .select_related("user", "agency", "unit")
            .order_by("agency__code")
        )
        for row in rows:
            place = row.agency.short_name or row.agency.name
            if row.unit is not None and not row.unit.is_one_stop:
                place = f"{place} ({row.unit.name})"
            posts.setdefault(row.user.username, []).append(place)
        for username, full_name, role, _agencies in DEMO_ACCOUNTS:
            label = str(Role(role).label) if role else "Công dân"
            where = "; ".join(posts.get(username, [])) or "Cổng dịch vụ công"
            self.stdout.write(f"  {username:<11} {full_name:<22} {label:<18} {where}")


def _stop(worker: subprocess.Popen[bytes]) -> None:
    """SIGTERM, a few seconds to finish the task at hand, then SIGKILL."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
