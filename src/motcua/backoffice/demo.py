"""What `motcua demo` prints about two-factor login for the demo officers."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from .auth import is_staff_member


def totp_instructions(usernames: Iterable[str], base_url: str = "http://127.0.0.1:8000") -> list[str]:
    """Lines telling how the demo officers log in with a TOTP code (demo mode only, else nothing).

    Officers enrol an authenticator app from a QR code at their first login; without an app,
    `motcua staff_totp NAME --code` prints the code of the moment (and gives the officer a key).
    """
    if not settings.DEMO_MODE:
        return []
    from motcua.accounts.models import User

    staff = [u.username for u in User.objects.filter(username__in=list(usernames)) if is_staff_member(u)]
    if not staff:
        return []
    return [
        f"Phân hệ cán bộ (Một cửa điện tử): {base_url.rstrip('/')}/can-bo/ — mật khẩu và mã xác thực 6 số.",
        "  Lần đầu đăng nhập, quét mã QR bằng ứng dụng xác thực (Google Authenticator, FreeOTP…);",
        "  hoặc lấy mã hiện tại (đổi sau 30 giây) bằng lệnh, trong một cửa sổ khác:",
        *(f"    motcua staff_totp {name} --code" for name in staff),
    ]
