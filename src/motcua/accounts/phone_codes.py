"""One-time codes by text message: registration with a phone number, and password recovery.

- A code has 6 digits, lives MOTCUA_SMS_CODE_MINUTES (5) minutes, and only its HMAC (keyed with
  SECRET_KEY) is stored. A new code voids the earlier ones of the same phone and purpose.
- Sending is limited per phone (MOTCUA_SMS_CODES_PER_PHONE, 3 per 15 minutes) and per client address
  (MOTCUA_SMS_CODES_PER_ADDRESS, 10 per hour), on the shared database counters.
- A code allows MOTCUA_SMS_CODE_ATTEMPTS (5) wrong tries; then a new one must be asked for.
- Asking for a recovery code for a number no account holds looks the same as for one that does.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.core import phones
from motcua.core.errors import ValidationFailed
from motcua.core.time import now

from . import sms, throttling
from .models import PhoneCode

logger = logging.getLogger(__name__)
Purpose = PhoneCode.Purpose


def _minutes() -> int:
    return int(getattr(settings, "MOTCUA_SMS_CODE_MINUTES", 5))


def _attempts() -> int:
    return int(getattr(settings, "MOTCUA_SMS_CODE_ATTEMPTS", 5))


def _rates(phone: str, address: str) -> list[tuple[str, throttling.Rate]]:
    per_phone = int(getattr(settings, "MOTCUA_SMS_CODES_PER_PHONE", 3))
    per_address = int(getattr(settings, "MOTCUA_SMS_CODES_PER_ADDRESS", 10))
    return [
        (f"sms:phone:{phone}", throttling.Rate(per_phone, timedelta(minutes=15))),
        (f"sms:addr:{address}", throttling.Rate(per_address, timedelta(hours=1))),
    ]


def _hash(phone: str, purpose: str, code: str) -> str:
    message = f"{purpose}:{phone}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def clean(phone: str) -> str:
    value = phones.clean_phone(phone or "")
    if not value or not phones.is_mobile(value):
        message = _("Vui lòng nhập số điện thoại di động (10 chữ số, bắt đầu bằng 0) để nhận mã xác minh.")
        raise ValidationFailed(message, fields={"phone": message})
    return value


def _text(purpose: str, code: str) -> str:
    what = _("dang ky tai khoan") if purpose == Purpose.REGISTER else _("dat lai mat khau")
    # Without diacritics: an SMS in GSM-7 holds 160 characters and every phone shows it.
    return _(
        "Ma xac minh %(what)s tren Cong dich vu cong: %(code)s. Ma co hieu luc %(minutes)s phut. "
        "Khong cung cap ma nay cho bat ky ai."
    ) % {"what": what, "code": code, "minutes": _minutes()}


@transaction.atomic
def send_code(*, phone: str, purpose: str, address: str) -> None:
    """Send a new code to `phone` (after commit); raises ValidationFailed when a limit is reached."""
    phone = clean(phone)
    try:
        throttling.take(_rates(phone, address))
    except throttling.RateExceeded as exc:
        minutes = max(1, int((exc.retry_at - now()).total_seconds() // 60) + 1)
        message = _("Đã gửi quá nhiều mã xác minh. Vui lòng thử lại sau %(minutes)s phút.") % {
            "minutes": minutes
        }
        raise ValidationFailed(message, fields={"phone": message}) from exc
    holder = get_user_model().objects.filter(phone=phone).exists()
    if (purpose == Purpose.RECOVER and not holder) or (purpose == Purpose.REGISTER and holder):
        logger.info("no %s code sent: the number's account state does not allow it", purpose)
        return  # the same answer either way: nobody learns which numbers have accounts
    at = now()
    PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(used_at=at)
    code = f"{secrets.randbelow(10**6):06d}"
    PhoneCode.objects.create(
        phone=phone,
        purpose=purpose,
        code_hash=_hash(phone, purpose, code),
        created_at=at,
        expires_at=at + timedelta(minutes=_minutes()),
    )
    text = _text(purpose, code)
    transaction.on_commit(lambda: _deliver(phone, text))


def _deliver(phone: str, text: str) -> None:
    try:
        sms.send(phone, text)
    except sms.SmsError:
        logger.exception("a verification code could not be sent")


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed(message, fields={"code": message})


def consume_code(*, phone: str, purpose: str, code: str) -> None:
    """Accept the code once, or raise ValidationFailed saying why (wrong, expired, too many tries).

    A wrong try is counted in its own transaction, so it stays counted when the caller rolls back.
    """
    phone = clean(phone)
    with transaction.atomic():
        row = (
            PhoneCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.expires_at <= now():
            raise _refused(_("Mã xác minh đã hết hạn hoặc chưa được gửi. Vui lòng yêu cầu mã mới."))
        if row.attempts >= _attempts():
            raise _refused(_("Đã nhập sai mã quá số lần cho phép. Vui lòng yêu cầu mã mới."))
        good = hmac.compare_digest(row.code_hash, _hash(phone, purpose, (code or "").strip()))
        if good:
            row.used_at = now()
            row.save(update_fields=["used_at"])
            return
        row.attempts += 1
        row.save(update_fields=["attempts"])
        left = _attempts() - row.attempts
    if left <= 0:
        raise _refused(_("Đã nhập sai mã quá số lần cho phép. Vui lòng yêu cầu mã mới."))
    raise _refused(_("Mã xác minh không đúng. Bạn còn %(left)s lần thử.") % {"left": left})


def _check_password(password: str, user: Any = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        raise ValidationFailed(message, fields={"password": message}) from exc


def register_by_phone(*, full_name: str, phone: str, password: str, code: str) -> Any:
    """A citizen account that logs in with its phone number, proven by the code sent to it."""
    from .services import register_citizen

    _check_password(password)
    consume_code(phone=phone, purpose=Purpose.REGISTER, code=code)
    return register_citizen(full_name=full_name, password=password, phone=phone, phone_verified=True)


def reset_password_by_phone(*, phone: str, code: str, password: str) -> Any:
    """Set a new password for the account holding `phone`, proven by the code sent to it."""
    user = get_user_model().objects.filter(phone=clean(phone)).first()
    _check_password(password, user)
    consume_code(phone=phone, purpose=Purpose.RECOVER, code=code)
    if user is None:  # cannot happen: no code is sent to a number without an account
        raise _refused(_("Mã xác minh không đúng."))
    user.set_password(password)
    user.phone_verified_at = user.phone_verified_at or now()
    user.save(update_fields=["password", "phone_verified_at"])
    return user
