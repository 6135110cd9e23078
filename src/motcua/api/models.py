"""API access tokens: only a SHA-256 digest of each token is stored, and a stamp of the password."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token issued to a user; the raw value is shown once and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="motcua_api_tokens",
    )
    key_hash = models.CharField(_("mã băm SHA-256"), max_length=64, unique=True, editable=False)
    name = models.CharField(_("tên gợi nhớ"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("thời điểm cấp"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True, editable=False)
    # A digest of user.get_session_auth_hash() at issue: it changes with the password (whatever
    # changed it), and the token dies with it, as Django's sessions do.
    password_stamp = models.CharField(max_length=64, editable=False, default="")
    for_staff = models.BooleanField(
        _("cấp cho tài khoản cán bộ"),
        default=False,
        editable=False,
        help_text=_("Đã qua mã xác thực (TOTP); hết hiệu lực khi không dùng quá thời gian cho phép."),
    )

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} – {self.name or f'#{self.pk}'}"

    def is_expired(self, at: datetime | None = None) -> bool:
        return self.expires_at <= (at or timezone.now())
