"""How many online applications one client may file: the rule every door that files one applies.

Declared once here; the API (`api.throttles.SubmissionLimited` on POST /api/v1/dossiers/) and the
portal (`portal.drafts.submit`) derive from it. Counted in the database (`accounts.throttling`), so
every web process sees the same numbers.

- `MOTCUA_ANONYMOUS_SUBMISSION = "account"`: filing needs a login; "throttle" (default): anybody may
  file, within the limits.
- Every online submission counts against its client address (an IPv4 address or an IPv6 /64):
  MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR and _DAY; a logged-in applicant's also against their account:
  MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY. 0 turns a limit off.

A unit is taken before the dossier is created; taken inside the caller's transaction it comes back
by itself when that transaction rolls back, else the caller gives it back with `release`.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy

from motcua.accounts import throttling
from motcua.core.errors import DomainError
from motcua.core.net import limit_key
from motcua.core.time import local, now

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


class LoginRequiredToSubmit(DomainError):
    code = "login_required"
    http_status = 401
    default_message: Any = gettext_lazy("Vui lòng đăng nhập tài khoản công dân để nộp hồ sơ trực tuyến.")


class SubmissionLimitReached(DomainError):
    """Too many online applications from this address or account; `retry_after` in seconds."""

    code = "throttled"
    http_status = 429

    def __init__(self, retry_at: datetime, *, at: datetime | None = None) -> None:
        self.retry_after = max(1, math.ceil((retry_at - (at or now())).total_seconds()))
        super().__init__(
            "Đã đạt số hồ sơ được nộp trực tuyến tối đa từ địa chỉ mạng hoặc tài khoản này. "
            f"Vui lòng nộp lại sau {local(retry_at):%H:%M} ngày {local(retry_at):%d/%m/%Y}, "
            "hoặc nộp trực tiếp tại Bộ phận Một cửa.",
            wait_seconds=self.retry_after,
        )


def anonymous_may_submit() -> bool:
    return settings.MOTCUA_ANONYMOUS_SUBMISSION != "account"


def rates(*, address: str, user: Any | None) -> list[tuple[str, throttling.Rate]]:
    """The counters one online submission takes a unit from."""
    where = limit_key(address)
    out = [
        (f"submit:addr:h:{where}", throttling.Rate(settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_HOUR, HOUR)),
        (f"submit:addr:d:{where}", throttling.Rate(settings.MOTCUA_SUBMISSIONS_PER_ADDRESS_DAY, DAY)),
    ]
    if user is not None:
        per_account = throttling.Rate(settings.MOTCUA_SUBMISSIONS_PER_ACCOUNT_DAY, DAY)
        out.append((f"submit:user:d:{user.pk}", per_account))
    return out


def reserve(*, address: str, user: Any | None, at: datetime | None = None) -> throttling.Taken:
    """Take the units one online submission costs; LoginRequiredToSubmit or SubmissionLimitReached."""
    if user is None and not anonymous_may_submit():
        raise LoginRequiredToSubmit()
    at = at or now()
    try:
        return throttling.take(rates(address=address, user=user), at=at)
    except throttling.RateExceeded as exc:
        raise SubmissionLimitReached(exc.retry_at, at=at) from exc


def release(taken: throttling.Taken) -> None:
    """Give back the units of a submission that did not happen."""
    throttling.give_back(taken)
