"""The sync outbox (one row per dossier event) and the daily reconciliations with the national portal."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


class SyncOutbox(models.Model):
    """A dossier event waiting to be told to the national portal (DVCQG).

    Written in the transaction of the event (dossiers.signals.dossier_event_recorded): no event commits
    without its row, and a rolled-back event leaves none. Unique per (dossier, event seq): a retried
    signal or command cannot queue it twice. The body is built when the row is sent, and one send
    closes every waiting row of the dossier (coalescing): `coalesced_into` points at the row whose
    send carried it.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã đồng bộ")
        FAILED = "failed", _("Lỗi, cần xử lý")

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="+")
    event_seq = models.PositiveIntegerField(_("sự kiện số"))
    event_kind = models.CharField(_("loại sự kiện"), max_length=40)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("lần gửi tới"), default=timezone.now)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    sent_at = models.DateTimeField(_("thời điểm đồng bộ"), null=True, blank=True)
    body = models.JSONField(_("nội dung đã gửi"), null=True, blank=True)
    reply = models.JSONField(_("phản hồi của Cổng DVC quốc gia"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    # A re-sync (`motcua dvcqg resync`): the whole history of hand-overs goes again.
    full = models.BooleanField(_("đồng bộ lại toàn bộ"), default=False)
    coalesced_into = models.ForeignKey(
        "self",
        verbose_name=_("gửi gộp cùng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("đồng bộ hồ sơ lên Cổng DVC quốc gia")
        verbose_name_plural = _("đồng bộ hồ sơ lên Cổng DVC quốc gia")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "event_seq"], name="dvcqg_outbox_once_per_event")
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="dvcqg_outbox_due"),
            models.Index(fields=["dossier", "state"], name="dvcqg_outbox_dossier_state"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.event_seq} {self.state}"


class Reconciliation(models.Model):
    """One day's comparison of dossiers received here against those synced (index 1.4)."""

    day = models.DateField(_("ngày"), unique=True)
    local_count = models.PositiveIntegerField(_("số hồ sơ tiếp nhận"))
    synced_count = models.PositiveIntegerField(_("số hồ sơ đã đồng bộ"))
    missing = models.JSONField(_("mã hồ sơ chưa đồng bộ"), default=list, blank=True)
    checked_at = models.DateTimeField(_("thời điểm đối soát"), default=timezone.now)

    class Meta:
        verbose_name = _("đối soát đồng bộ")
        verbose_name_plural = _("đối soát đồng bộ")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.synced_count}/{self.local_count}"
