"""Enrolling an authenticator app: the one-time enrolment code it needs, and the devices themselves.

The password alone never attaches a second factor to an account: the first-enrolment page also
asks for an enrolment code, issued by an administrator (`issue_enrolment_code`, from the admin or
`motcua staff_enrolment_code`) or e-mailed to the officer on request (`request_email_code`). Codes
are stored as an HMAC, work once, and expire (72 hours, 15 minutes for e-mailed ones); guesses and
e-mail requests are rate-limited per account.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.admin.models import ADDITION, DELETION, LogEntry
from django.db import transaction
from django.template import loader
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.accounts import throttling
from motcua.agencies.selectors import is_system_administrator
from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed
from motcua.core.time import now

from .auth import confirmed_device, may_log_in
from .models import EnrolmentCode

ADMIN_CODE_LIFETIME = timedelta(hours=72)
EMAIL_CODE_LIFETIME = timedelta(minutes=15)
# Letters and digits that cannot be confused when read aloud or copied by hand (no 0/O, 1/I).
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ADMIN_CODE_LENGTH = 12
GUESSES = throttling.Policy(limit=5, window=timedelta(minutes=15), lock_for=timedelta(minutes=15))
MAILS = throttling.Policy(limit=3, window=timedelta(minutes=15), lock_for=timedelta(minutes=15))
Channel = EnrolmentCode.Channel


class EnrolmentCodeInvalid(DomainError):
    code = "enrolment_code_invalid"
    default_message: Any = gettext_lazy("Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn.")


class EnrolmentCodeLocked(DomainError):
    code = "enrolment_code_locked"
    default_message: Any = gettext_lazy("Đã nhập sai mã đăng ký nhiều lần. Vui lòng thử lại sau.")

    def __init__(self, until: datetime) -> None:
        super().__init__(until=until)
        self.until = until


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:32]


def _digest(user: Any, code: str) -> str:
    # Keyed and bound to the account: a six-digit code cannot be found by hashing every candidate.
    return salted_hmac(
        "motcua.backoffice.enrolment", f"{user.pk}:{_normalise(code)}", algorithm="sha256"
    ).hexdigest()


def _require_administrator(actor: Any, officer: Any) -> None:
    if not is_system_administrator(actor):
        raise PermissionDenied("Chỉ quản trị hệ thống được làm việc này.")
    if officer.is_superuser and not actor.is_superuser:
        raise PermissionDenied(
            "Chỉ tài khoản quản trị cao nhất (superuser) được làm việc này cho một superuser."
        )


@transaction.atomic
def issue_enrolment_code(
    *, officer: Any, issued_by: Any | None, at: datetime | None = None
) -> tuple[str, EnrolmentCode]:
    """A new enrolment code for `officer`, replacing their unused ones; returns it (shown once) and the row.

    `issued_by` is the administrator; None means the server operator at the command line.
    """
    if issued_by is not None:
        _require_administrator(issued_by, officer)
    if not may_log_in(officer):
        raise ValidationFailed("Tài khoản này không phải tài khoản cán bộ đang hoạt động.")
    at = at or now()
    EnrolmentCode.objects.filter(
        user=officer, channel__in=[Channel.ADMIN, Channel.COMMAND], used_at__isnull=True, expires_at__gt=at
    ).update(expires_at=at)
    raw = "".join(secrets.choice(ALPHABET) for _ in range(ADMIN_CODE_LENGTH))
    row = EnrolmentCode.objects.create(
        user=officer,
        channel=Channel.ADMIN if issued_by is not None else Channel.COMMAND,
        code_hash=_digest(officer, raw),
        created_at=at,
        expires_at=at + ADMIN_CODE_LIFETIME,
        issued_by=issued_by,
    )
    if issued_by is not None:
        LogEntry.objects.log_actions(
            user_id=issued_by.pk,
            queryset=[row],
            action_flag=ADDITION,
            change_message="Cấp mã đăng ký",
            single_object=True,
        )
    return "-".join(raw[i : i + 4] for i in range(0, ADMIN_CODE_LENGTH, 4)), row


@transaction.atomic
def request_email_code(*, user: Any, at: datetime | None = None) -> datetime | None:
    """E-mail a six-digit code to the user's address, if there is one to send it to.

    Returns the end of the wait when the user asked too often, else None, whether or not a mail
    went out: the page says the same either way, so it tells nobody whether an address exists.
    """
    at = at or now()
    key = f"enrol-mail:user:{user.pk}"
    until = throttling.locked_until(key, at=at)
    if until is not None:
        return until
    throttling.register_failure(key, MAILS, at=at)  # counts requests: the third in 15 minutes locks
    if not user.email or not may_log_in(user) or confirmed_device(user) is not None:
        return None
    raw = f"{secrets.randbelow(10**6):06d}"
    EnrolmentCode.objects.create(
        user=user,
        channel=Channel.EMAIL,
        code_hash=_digest(user, raw),
        created_at=at,
        expires_at=at + EMAIL_CODE_LIFETIME,
    )
    context = {"user": user, "code": raw, "minutes": int(EMAIL_CODE_LIFETIME.total_seconds() // 60)}
    subject = "".join(
        loader.render_to_string("backoffice/email/enrolment_code_subject.txt", context).splitlines()
    )
    body = loader.render_to_string("backoffice/email/enrolment_code.txt", context)
    to = user.email

    def send() -> None:
        from motcua.accounts.tasks import send_account_mail

        send_account_mail.enqueue(subject, body, to)

    transaction.on_commit(send)
    return None


def check_enrolment_code(*, user: Any, code: str, at: datetime | None = None) -> EnrolmentCode:
    """The user's live, unused code that `code` is; wrong guesses count towards a lock."""
    at = at or now()
    key = f"enrol-code:user:{user.pk}"
    until = throttling.locked_until(key, at=at)
    if until is not None:
        raise EnrolmentCodeLocked(until)
    row = (
        EnrolmentCode.objects.filter(
            user=user, code_hash=_digest(user, code), used_at__isnull=True, expires_at__gt=at
        )
        .order_by("-created_at")
        .first()
        if _normalise(code)
        else None
    )
    if row is None:
        until = throttling.register_failure(key, GUESSES, at=at)
        if until is not None:
            raise EnrolmentCodeLocked(until)
        raise EnrolmentCodeInvalid()
    throttling.clear(key)
    return row


def usable_code(*, user: Any, code_id: Any, at: datetime | None = None) -> EnrolmentCode | None:
    """The code accepted earlier in this session, if it is still the user's, unused and unexpired."""
    if not isinstance(code_id, int):
        return None
    return EnrolmentCode.objects.filter(
        pk=code_id, user=user, used_at__isnull=True, expires_at__gt=at or now()
    ).first()


@transaction.atomic
def start_enrolment(*, user: Any, device_id: Any = None) -> TOTPDevice:
    """The unconfirmed device this browser is enrolling (`device_id`), or a fresh one.

    A fresh key each time: a key shown in some other session must never become the account's.
    """
    if isinstance(device_id, int):
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
        if device is not None:
            return device
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="motcua", confirmed=False)


@transaction.atomic
def complete_enrolment(*, user: Any, device: TOTPDevice, code_id: int, at: datetime | None = None) -> bool:
    """Use the enrolment code and confirm the device, together; False if the code was used meanwhile."""
    at = at or now()
    used = EnrolmentCode.objects.filter(
        pk=code_id, user=user, used_at__isnull=True, expires_at__gt=at
    ).update(used_at=at)
    if used != 1:
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return True


@transaction.atomic
def reset_authenticator(*, officer: Any, by: Any, at: datetime | None = None) -> int:
    """Remove the officer's authenticator (lost phone): their sessions lose the TOTP step, their API
    tokens end, earlier enrolment codes stop working, and enrolling again needs a new code."""
    from motcua.api.tokens import revoke_all_tokens

    _require_administrator(by, officer)
    at = at or now()
    devices = list(TOTPDevice.objects.filter(user=officer))
    if devices:
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=devices, action_flag=DELETION, change_message="Đặt lại ứng dụng xác thực"
        )
    deleted, _ = TOTPDevice.objects.filter(user=officer).delete()
    EnrolmentCode.objects.filter(user=officer, used_at__isnull=True, expires_at__gt=at).update(expires_at=at)
    revoke_all_tokens(user=officer)
    return deleted


def provision(user: Any, *, reset: bool = False) -> TOTPDevice:
    """The user's confirmed device, created (or replaced, with `reset`) when needed.

    For the server operator (`motcua staff_totp`), the demo and tests: it skips the enrolment code.
    """
    devices = TOTPDevice.objects.filter(user=user)
    if reset:
        devices.delete()
    device = devices.filter(confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="motcua", confirmed=True)
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
