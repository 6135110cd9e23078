"""The life of a feedback (phản ánh, kiến nghị), as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    REFUSED = "refused", _("Không thụ lý")
    ACCEPTED = "accepted", _("Đang xử lý")
    AWAITING_INFO = "awaiting_info", _("Chờ người gửi bổ sung thông tin")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai trả lời")


class Subject(models.TextChoices):
    PROCEDURE = "procedure", _("Quy định, thủ tục hành chính")
    DOSSIER = "dossier", _("Việc giải quyết hồ sơ")
    CONDUCT = "conduct", _("Hành vi, thái độ của cán bộ, công chức")


OPEN_STATES = frozenset({State.RECEIVED, State.ACCEPTED, State.AWAITING_INFO})
