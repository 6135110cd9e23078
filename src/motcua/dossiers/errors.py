"""Errors of the dossier domain, each with a code and a Vietnamese message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy

from motcua.core.errors import Conflict, DomainError, ValidationFailed

from .states import label


class IllegalTransition(DomainError):
    code = "illegal_transition"
    http_status = 409

    def __init__(self, source: str, action: str) -> None:
        super().__init__(
            gettext("Không thể thực hiện thao tác '%(action)s' khi hồ sơ đang ở trạng thái '%(state)s'.")
            % {"action": action, "state": label(source)},
            state=source,
            action=action,
        )


class StaleDossier(Conflict):
    code = "stale_dossier"


class InvalidApplication(ValidationFailed):
    """The application form or its attachments do not meet the procedure's requirements."""

    code = "invalid_application"
    default_message: Any = gettext_lazy("Hồ sơ chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.")

    def __init__(self, errors: dict[str, str], message: str | None = None) -> None:
        super().__init__(message, fields=errors)
        self.errors = errors


class UnacceptableUpload(ValidationFailed):
    code = "unacceptable_upload"
