"""Two-factor login for the demo officers: their authenticators, and what `motcua demo` prints."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from .auth import is_staff_member


def _demo_staff(usernames: Iterable[str]) -> list[str]:
    from motcua.accounts.models import User

    return [u.username for u in User.objects.filter(username__in=list(usernames)) if is_staff_member(u)]


def enrol_demo_officers(usernames: Iterable[str]) -> list[str]:
    """Give each demo officer an authenticator (demo mode only), so that no enrolment code is needed.

    Their codes then come from `motcua staff_totp NAME --code`; returns the officers enrolled.
    """
    if not settings.DEMO_MODE:
        return []
    from motcua.accounts.models import User

    from .enrolment import provision

    staff = _demo_staff(usernames)
    for user in User.objects.filter(username__in=staff):
        provision(user)
    return staff


def totp_instructions(usernames: Iterable[str], base_url: str = "http://127.0.0.1:8000") -> list[str]:
    """Lines telling how the demo officers log in with a TOTP code (demo mode only, else nothing).

    The demo officers are enrolled already (`enrol_demo_officers`): `motcua staff_totp NAME --code`
    prints the code of the moment, and `motcua staff_totp NAME --qr` the key for an authenticator app.
    """
    if not settings.DEMO_MODE:
        return []
    staff = _demo_staff(usernames)
    if not staff:
        return []
    # `motcua` alone runs on the production settings: the other window needs the demo's.
    command = f"DJANGO_SETTINGS_MODULE={settings.SETTINGS_MODULE} motcua"
    return [
        f"Phân hệ cán bộ (Một cửa điện tử): {base_url.rstrip('/')}/can-bo/ — mật khẩu và mã xác thực 6 số.",
        "  Lấy mã hiện tại (đổi sau 30 giây) bằng lệnh, trong một cửa sổ khác; hoặc thêm khóa vào ứng dụng",
        "  xác thực (Google Authenticator, FreeOTP…) bằng mã QR của lệnh motcua staff_totp TÊN --qr:",
        *(f"    {command} staff_totp {name} --code" for name in staff),
    ]
