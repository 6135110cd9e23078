from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Everybody who logs in: citizens, representatives of organisations and staff.

    What a staff member may do is decided by their `agencies.StaffRole` rows, not by this model.
    A citizen logs in with their phone number or e-mail address (see `accounts.identifiers`), so
    both are unique when given. The profile (name, national id, phone, e-mail, address) pre-fills
    application forms.
    """

    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    national_id = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    # Set when the national identity service (OpenID Connect) vouched for `national_id`; typed-in
    # numbers are never verified. Claiming a dossier filed at the counter needs a verified number.
    national_id_verified_at = models.DateTimeField(_("số định danh đã xác thực lúc"), null=True, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    # The particulars the national identity service (VNeID) gave at the last login, for the verified
    # number: full_name, national_id, birth_date (YYYY-MM-DD), address. Application forms show them
    # read-only; the profile fields above stay the citizen's own.
    vneid_particulars = models.JSONField(_("thông tin từ VNeID"), default=dict, blank=True)
    # Set when a one-time code sent by text message to `phone` was typed back (accounts.phone_codes).
    phone_verified_at = models.DateTimeField(_("số điện thoại đã xác minh lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="user_email_unique_ci"
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=~models.Q(phone=""), name="user_phone_unique"
            ),
            models.UniqueConstraint(
                fields=["national_id"], condition=~models.Q(national_id=""), name="user_national_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def has_verified_national_id(self) -> bool:
        return bool(self.national_id and self.national_id_verified_at)

    @property
    def display_name(self) -> str:
        return display_name(self.full_name, self.first_name, self.last_name, self.username)


def display_name(full_name: str, first_name: str, last_name: str, username: str) -> str:
    """How an officer is named on screen: the full name, else first and last name (Django's
    `get_full_name`), else the login. For rows read as values as well as for a `User`."""
    return full_name or f"{first_name} {last_name}".strip() or username


class FailureCounter(models.Model):
    """Failed attempts at something guessable (a password, a lookup secret) under one key, or the
    units a rate limit has handed out in its window (`accounts.throttling`).

    Kept in the database rather than a per-process cache, so that every web process behind the
    load balancer sees the same count.
    """

    key = models.CharField(max_length=200, unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bộ đếm lần thử sai")
        verbose_name_plural = _("bộ đếm lần thử sai")

    def __str__(self) -> str:
        return f"{self.key}: {self.failures}"


class LoginAddress(models.Model):
    """An address (IPv4, or an IPv6 /64) from which an account logged in with its password.

    Attempts from such an address are spared the account-wide slow-down, so that somebody failing
    logins for an officer from everywhere else cannot keep the officer out (docs/decisions.md).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(_("địa chỉ"), max_length=64)
    last_success_at = models.DateTimeField(_("lần đăng nhập đúng gần nhất"))

    class Meta:
        verbose_name = _("địa chỉ đã đăng nhập")
        verbose_name_plural = _("địa chỉ đã đăng nhập")
        constraints = [
            models.UniqueConstraint(fields=["user", "address"], name="login_address_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.address}"


class ExternalIdentity(models.Model):
    """A login at an OpenID Connect provider (the national identity service) linked to an account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=255)
    subject = models.CharField(_("mã định danh tại nhà cung cấp"), max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài khoản định danh liên kết")
        verbose_name_plural = _("tài khoản định danh liên kết")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer}#{self.subject} → {self.user_id}"


class PhoneCode(models.Model):
    """A one-time code sent by text message to prove a phone number (registration, password recovery).

    Only a keyed hash of the code is kept; it expires after a few minutes and allows a few attempts
    (`accounts.phone_codes`).
    """

    class Purpose(models.TextChoices):
        REGISTER = "register", _("đăng ký tài khoản")
        RECOVER = "recover", _("lấy lại mật khẩu")

    phone = models.CharField(_("số điện thoại"), max_length=20)
    purpose = models.CharField(_("mục đích"), max_length=10, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã xác minh qua tin nhắn")
        verbose_name_plural = _("mã xác minh qua tin nhắn")
        indexes = [models.Index(fields=["phone", "purpose", "-created_at"], name="phone_code_latest")]

    def __str__(self) -> str:
        return f"{self.phone} ({self.purpose})"
