"""`motcua staff_totp USERNAME`: give a staff member an authenticator key, and print how to add it."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.backoffice.auth import may_log_in


class Command(BaseCommand):
    help = (
        "In URI otpauth:// (và mã QR trên terminal) để cán bộ thêm tài khoản vào ứng dụng xác thực; "
        "--reset cấp khóa mới, --code in mã 6 số hiện tại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="thu hồi khóa cũ, cấp khóa mới")
        parser.add_argument("--qr", action="store_true", help="in mã QR ra terminal")
        parser.add_argument("--code", action="store_true", help="chỉ in mã 6 số đang có hiệu lực")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản '{options['username']}'.")
        if not may_log_in(user):
            raise CommandError(
                "Tài khoản này không phải cán bộ (không có vai trò nào ở cơ quan và không quản trị hệ thống)."
            )
        device = provision(user, reset=options["reset"])
        if options["code"]:
            self.stdout.write(current_code(device))
            return
        self.stdout.write(f"Tài khoản: {user.username} ({user.display_name})")
        self.stdout.write(device.config_url)
        if options["qr"]:
            segno.make(device.config_url, error="m").terminal(compact=True)


def provision(user: Any, *, reset: bool = False) -> TOTPDevice:
    """The user's confirmed device, created (or replaced, with `reset`) when needed."""
    devices = TOTPDevice.objects.filter(user=user)
    if reset:
        devices.delete()
    device = devices.filter(confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="motcua", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
