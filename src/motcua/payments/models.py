"""Payments of a dossier's fees, and every message the gateway sent us, kept as it came."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, DossierEvent


class Payment(models.Model):
    """One attempt to pay a dossier's fees: online through the gateway, or at the counter.

    An online payment is created *pending* when the citizen is sent to the gateway and becomes
    *paid* (or *failed*) with the gateway's verified callback; its `transaction_no` is unique, so a
    replayed callback finds it already settled. A paid payment has exactly one `fee_paid` event.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("Trực tuyến (Nền tảng thanh toán)")
        COUNTER = "counter", _("Tại Bộ phận Một cửa")

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ thanh toán")
        PAID = "paid", _("Đã thanh toán")
        FAILED = "failed", _("Không thành công")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    channel = models.CharField(_("hình thức"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING)
    order_id = models.CharField(_("mã đơn hàng"), max_length=80, unique=True)
    request_code = models.CharField(max_length=40, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    lines = models.JSONField(_("các khoản thu"), default=list)
    exemption = models.CharField(_("miễn, giảm"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"))
    paid_at = models.DateTimeField(_("thời điểm thanh toán"), null=True, blank=True)
    transaction_no = models.CharField(_("mã giao dịch"), max_length=64, null=True, blank=True, unique=True)
    gateway = models.CharField(_("kênh thanh toán"), max_length=40, blank=True)
    receipt_number = models.CharField(_("số biên lai"), max_length=40, null=True, blank=True, unique=True)
    payer_name = models.CharField(_("người nộp"), max_length=200, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    event = models.OneToOneField(
        DossierEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )

    class Meta:
        verbose_name = _("khoản thanh toán")
        verbose_name_plural = _("khoản thanh toán")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "paid_at"], name="payment_status_paid_at")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="paid")
                | models.Q(paid_at__isnull=False, receipt_number__isnull=False),
                name="payment_paid_has_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.amount:,} đồng ({self.status})"

    @property
    def amount_text(self) -> str:
        from .fees import money

        return money(self.amount)


class GatewayMessage(models.Model):
    """A message the gateway sent us (callback, bill look-up), raw, with what we made of it."""

    class Kind(models.TextChoices):
        CALLBACK = "callback", _("Thông báo kết quả thanh toán")
        LOOKUP = "lookup", _("Tra cứu thông tin thanh toán")

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", _("Đã ghi nhận")
        DUPLICATE = "duplicate", _("Trùng, đã xử lý trước đó")
        REJECTED = "rejected", _("Từ chối")
        ANSWERED = "answered", _("Đã trả lời")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    received_at = models.DateTimeField()
    client_address = models.CharField(max_length=64, blank=True)
    body = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    reason = models.CharField(max_length=300, blank=True)
    transaction_no = models.CharField(max_length=64, blank=True, db_index=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )

    class Meta:
        verbose_name = _("thông điệp từ nền tảng thanh toán")
        verbose_name_plural = _("thông điệp từ nền tảng thanh toán")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.received_at:%Y-%m-%d %H:%M} {self.outcome}"
