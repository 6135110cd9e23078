"""What the back office stores itself: the login audit trail and when an officer last read notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginAudit(models.Model):
    """One attempt to enter the back office, successful or not. Never edited, never deleted by the app."""

    class Stage(models.TextChoices):
        PASSWORD = "password", _("Mật khẩu")
        TOTP = "totp", _("Mã xác thực (TOTP)")
        ENROLMENT = "enrolment", _("Đăng ký ứng dụng xác thực")
        LOGOUT = "logout", _("Đăng xuất")
        TIMEOUT = "timeout", _("Hết phiên do không hoạt động")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("tên đăng nhập đã nhập"), max_length=150)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=400, blank=True)
    stage = models.CharField(_("bước"), max_length=12, choices=Stage.choices)
    success = models.BooleanField(_("thành công"))
    reason = models.CharField(_("lý do"), max_length=200, blank=True)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký đăng nhập")
        verbose_name_plural = _("nhật ký đăng nhập")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["username", "-at"], name="login_audit_username_at")]

    def __str__(self) -> str:
        outcome = "ok" if self.success else "fail"
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.stage} {outcome}"


class StaffNotificationSeen(models.Model):
    """When the officer last opened their notices; what happened after that is 'new'."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="backoffice_notices_seen"
    )
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lần xem thông báo")
        verbose_name_plural = _("lần xem thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.seen_at:%Y-%m-%d %H:%M}"
