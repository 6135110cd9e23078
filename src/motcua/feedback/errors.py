"""Errors of feedback handling, each with a Vietnamese message."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy

from motcua.core.errors import DomainError
from motcua.core.time import local, now


class IllegalState(DomainError):
    code = "illegal_state"
    http_status = 409
    default_message: Any = gettext_lazy(
        "Phản ánh không còn ở bước cho phép thao tác này. Vui lòng tải lại trang."
    )


class FeedbackLimitReached(DomainError):
    code = "throttled"
    http_status = 429

    def __init__(self, retry_at: datetime, *, at: datetime | None = None) -> None:
        self.retry_after = max(1, math.ceil((retry_at - (at or now())).total_seconds()))
        super().__init__(
            gettext_lazy("Bạn đã gửi số phản ánh tối đa cho phép. Vui lòng gửi lại sau %(time)s.")
            % {"time": f"{local(retry_at):%H:%M %d/%m/%Y}"},
            wait_seconds=self.retry_after,
        )
