"""The audit of the scanner: every infected file refused, every file accepted unscanned while clamd
was down (and what a later scan found). Rows are written by the services only; the admin reads them."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuarantinedFile(models.Model):
    class Status(models.TextChoices):
        INFECTED = "infected", _("Nhiễm mã độc, đã cách ly")
        PENDING = "pending", _("Chờ quét (máy quét tạm ngừng)")
        RELEASED = "released", _("Đã quét lại: sạch")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices)
    door = models.CharField(_("nơi tải lên"), max_length=40)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    signature = models.CharField(_("mẫu mã độc"), max_length=255, blank=True)
    stored_name = models.CharField(_("tệp trong khu cách ly"), max_length=255, blank=True)
    detected_at = models.DateTimeField(_("thời điểm"), db_index=True)
    rescanned_at = models.DateTimeField(_("quét lại lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp bị cách ly")
        verbose_name_plural = _("tệp bị cách ly")
        ordering = ["-detected_at"]
        indexes = [models.Index(fields=["status", "detected_at"], name="antivirus_status_at")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"
