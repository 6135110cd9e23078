"""Errors of the news package, each with a code and a Vietnamese message."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from motcua.core.errors import DomainError, ValidationFailed
from motcua.core.time import local, now


class CommentRefused(ValidationFailed):
    code = "comment_refused"


class CommentsClosed(DomainError):
    code = "comments_closed"
    http_status = 403
    default_message: Any = gettext_lazy("Bài viết này không nhận bình luận.")


class TooManyMessages(DomainError):
    """Too many comments or messages from one address; `retry_after` in seconds."""

    code = "throttled"
    http_status = 429

    def __init__(self, retry_at: datetime, *, at: datetime | None = None) -> None:
        self.retry_after = max(1, math.ceil((retry_at - (at or now())).total_seconds()))
        when = local(retry_at)
        super().__init__(
            gettext(
                "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng gửi lại sau %(time)s ngày %(date)s."
            )
            % {"time": f"{when:%H:%M}", "date": f"{when:%d/%m/%Y}"},
            wait_seconds=self.retry_after,
        )


class IllegalModeration(DomainError):
    code = "conflict"
    http_status = 409
    default_message: Any = gettext_lazy("Bình luận này không thể chuyển sang trạng thái đã chọn.")
