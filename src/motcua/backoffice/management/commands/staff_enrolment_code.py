"""`motcua staff_enrolment_code USERNAME`: a one-time code with which the officer enrols an authenticator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.backoffice.enrolment import issue_enrolment_code
from motcua.core.errors import DomainError
from motcua.core.time import local


class Command(BaseCommand):
    help = (
        "Cấp mã đăng ký (dùng một lần, hiệu lực 72 giờ) để cán bộ đăng ký ứng dụng xác thực ở lần đăng "
        "nhập đầu tiên hoặc sau khi được đặt lại; mã cũ chưa dùng hết hiệu lực."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản '{options['username']}'.")
        try:
            code, row = issue_enrolment_code(officer=user, issued_by=None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(code)
        self.stderr.write(
            f"Mã đăng ký của {user.username} ({user.display_name}), dùng một lần, "
            f"hết hạn lúc {local(row.expires_at):%H:%M %d/%m/%Y}. Trao trực tiếp cho cán bộ."
        )
