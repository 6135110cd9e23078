"""What the back office stores itself: the login audit trail, enrolment codes, when notices were read."""

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
        API = "api", _("Cấp mã truy cập API")

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


class EnrolmentCode(models.Model):
    """A one-time code without which no authenticator app can be enrolled; only its HMAC is stored.

    The password alone must not be enough to attach a new second factor to an officer's account:
    the code comes from an administrator (or the server operator) or from the officer's mailbox.
    """

    class Channel(models.TextChoices):
        ADMIN = "admin", _("Quản trị viên cấp")
        COMMAND = "command", _("Cấp bằng lệnh trên máy chủ")
        EMAIL = "email", _("Gửi qua thư điện tử")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    channel = models.CharField(_("cách cấp"), max_length=10, choices=Channel.choices)
    code_hash = models.CharField(_("mã băm"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("thời điểm cấp"), editable=False)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mã đăng ký ứng dụng xác thực")
        verbose_name_plural = _("mã đăng ký ứng dụng xác thực")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "code_hash"], name="enrolment_code_user_hash")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_channel_display()} – {self.created_at:%Y-%m-%d %H:%M}"


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
