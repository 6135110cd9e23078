"""`motcua staff_totp USERNAME`: give a staff member an authenticator key, or print the current code.

The otpauth:// URI (and its QR code) holds the key itself: whoever sees it can make the officer's
codes for ever. So it is printed only in demo mode or when the operator asks with --show-secret,
never by habit into a terminal's scroll-back or a log. Officers normally enrol at their first login
with an enrolment code (`motcua staff_enrolment_code`).
"""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.backoffice.auth import confirmed_device, may_log_in
from motcua.backoffice.enrolment import current_code, provision

__all__ = ["Command", "current_code", "provision"]


class Command(BaseCommand):
    help = (
        "In mã 6 số hiện tại của cán bộ (--code), hoặc URI otpauth:// và mã QR chứa khóa bí mật "
        "(chỉ ở chế độ trình diễn hoặc với --show-secret); --reset cấp khóa mới."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="thu hồi khóa cũ, cấp khóa mới")
        parser.add_argument("--qr", action="store_true", help="in mã QR ra terminal")
        parser.add_argument("--code", action="store_true", help="chỉ in mã 6 số đang có hiệu lực")
        parser.add_argument(
            "--show-secret",
            action="store_true",
            help="cho phép in URI otpauth:// chứa khóa bí mật ngoài chế độ trình diễn",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản '{options['username']}'.")
        if not may_log_in(user):
            raise CommandError(
                "Tài khoản này không phải cán bộ (không có vai trò nào ở cơ quan và không quản trị hệ thống)."
            )
        may_show = settings.DEMO_MODE or options["show_secret"]
        enrol_instead = (
            "Để cán bộ tự đăng ký ứng dụng xác thực, hãy cấp mã đăng ký: "
            f"motcua staff_enrolment_code {user.username}"
        )
        if options["code"] and not may_show and (options["reset"] or confirmed_device(user) is None):
            # A key nobody can see would only lock the officer out of enrolling.
            raise CommandError(f"Tài khoản chưa có ứng dụng xác thực. {enrol_instead}")
        if not options["code"] and not may_show:
            raise CommandError(
                "URI otpauth:// chứa khóa bí mật của cán bộ; chỉ in khi chạy ở chế độ trình diễn hoặc với "
                f"--show-secret. {enrol_instead}"
            )
        device = provision(user, reset=options["reset"])
        if options["code"]:
            self.stdout.write(current_code(device))
            return
        self.stdout.write(f"Tài khoản: {user.username} ({user.display_name})")
        self.stdout.write(device.config_url)
        if options["qr"]:
            segno.make(device.config_url, error="m").terminal(compact=True)
