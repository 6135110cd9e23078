"""The exchange's store-and-forward state: peers, the outbox, the inbox and the statuses received.

Every row here is written in the same transaction as the business state it carries (a document
accepted and its receipt `01`, a recall and its answer), so a crash never leaves one without the
other. Idempotency is by constraint, not by convention: `(recipient, DocumentId, StatusCode)` in the
outbox, `(recipient, sender, DocumentId, BussinessDocType)` in the inbox, `(sender, DocumentId,
StatusCode)` for statuses received.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Peer(models.Model):
    """A way to reach other agencies: the national axis, or another motcua instance directly (mTLS)."""

    class Transport(models.TextChoices):
        DIRECT = "direct", _("Trực tiếp giữa hai hệ thống motcua (HTTPS, xác thực hai chiều)")
        AXIS = "axis", _("Trục liên thông văn bản quốc gia")

    name = models.CharField(_("tên"), max_length=255)
    transport = models.CharField(_("kênh truyền"), max_length=10, choices=Transport.choices)
    url = models.CharField(_("địa chỉ tiếp nhận"), max_length=500)
    # The SHA-256 of the peer's TLS client certificate (hex, lower case): who may POST to our inbox
    # as this peer. Empty for the axis, which we poll.
    client_cert_sha256 = models.CharField(
        _("vân tay chứng thư TLS"), max_length=64, blank=True, db_index=True
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("hệ thống kết nối")
        verbose_name_plural = _("hệ thống kết nối")

    def __str__(self) -> str:
        return self.name


class RemoteOrgan(models.Model):
    """An agency on another system (or reached through the axis), by its identification code."""

    organ_id = models.CharField(_("mã định danh"), max_length=50, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255, blank=True)
    peer = models.ForeignKey(Peer, verbose_name=_("kết nối"), on_delete=models.PROTECT, related_name="organs")
    # The agency that stands for this organ in our catalogue (a workflow step's agency), when one-stop
    # dossiers are handed over to it: a hand-over to the stand-in sends the dossier through the
    # exchange instead (motcua.interagency). Empty for organs we only exchange documents with.
    agency = models.OneToOneField(
        "agencies.Agency",
        verbose_name=_("cơ quan đại diện trong danh mục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="remote_organ",
    )

    class Meta:
        verbose_name = _("cơ quan ngoài hệ thống")
        verbose_name_plural = _("cơ quan ngoài hệ thống")
        ordering = ["organ_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organ_id})"


class OutboxMessage(models.Model):
    """One edXML message to deliver to one recipient, retried with back-off until delivered."""

    class Kind(models.TextChoices):
        EDOC = "edoc", _("Văn bản")
        STATUS = "status", _("Trạng thái")

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        SENT = "sent", _("Đã gửi")
        FAILED = "failed", _("Gửi không thành công")

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("cơ quan gửi"), on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.CharField(_("mã cơ quan nhận"), max_length=50)
    peer = models.ForeignKey(Peer, verbose_name=_("kết nối"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    document_id = models.CharField(_("mã văn bản"), max_length=255)
    status_code = models.CharField(_("mã trạng thái"), max_length=2, blank=True)  # "" for a document
    business_doc_type = models.PositiveSmallIntegerField(default=0)
    subject = models.CharField(_("trích yếu"), max_length=1000, blank=True)
    xml = models.BinaryField(editable=False)  # as built; sealed by the worker, outside any transaction
    signed = models.BinaryField(null=True, editable=False)  # the exact bytes sent, on every retry
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông điệp gửi đi")
        verbose_name_plural = _("thông điệp gửi đi")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "document_id", "status_code", "business_doc_type"],
                name="exchange_outbox_once_per_recipient",
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="exchange_outbox_due")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.status_code or self.kind} → {self.recipient}"


# DocumentInfo of the messages motcua itself defines for a business flow other than the clerk's
# registers (motcua.interagency: "motcua:ho-so-lien-thong/1", "motcua:ket-qua-ho-so-lien-thong/1").
BUSINESS_PREFIX = "motcua:"


class InboxDocument(models.Model):
    """An eDoc received for one of our agencies: accepted (receipt 01) or refused (02), or recalled."""

    class State(models.TextChoices):
        ACCEPTED = "accepted", _("Đã nhận")
        REFUSED = "refused", _("Từ chối tiếp nhận")
        RECALLED = "recalled", _("Đã thu hồi")

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("cơ quan nhận"), on_delete=models.PROTECT, related_name="+"
    )
    sender = models.CharField(_("mã cơ quan gửi"), max_length=50)
    sender_name = models.CharField(_("cơ quan gửi"), max_length=255, blank=True)
    document_id = models.CharField(_("mã văn bản"), max_length=255)
    business_doc_type = models.PositiveSmallIntegerField(default=0)
    code_number = models.CharField(_("số"), max_length=50, blank=True)
    code_notation = models.CharField(_("ký hiệu"), max_length=100, blank=True)
    promulgation_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=1000, blank=True)
    xml = models.BinaryField(null=True, editable=False)  # emptied when the sender's recall is accepted
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices)
    problems = models.JSONField(_("lý do từ chối"), default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    last_status = models.CharField(_("trạng thái đã báo"), max_length=2, blank=True)
    # Bussiness/DocumentInfo as received: a business message (`BUSINESS_PREFIX`, an inter-agency
    # dossier or its result) is handled by its own flow, not entered in the clerk's incoming register.
    document_info = models.CharField(max_length=100, blank=True, db_index=True)
    transport = models.CharField(max_length=10, choices=Peer.Transport.choices)
    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now)
    recalled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("văn bản điện tử nhận được")
        verbose_name_plural = _("văn bản điện tử nhận được")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "sender", "document_id", "business_doc_type"],
                name="exchange_inbox_once_per_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id} ← {self.sender}"

    @property
    def for_the_register(self) -> bool:
        """An official document for the clerk's incoming register (not a business message)."""
        return not self.document_info.startswith(BUSINESS_PREFIX)


class ReceivedStatus(models.Model):
    """A status a receiver sent us about a document we sent (or a recall request about one we hold)."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+"
    )
    sender = models.CharField(_("cơ quan báo trạng thái"), max_length=50)
    sender_name = models.CharField(max_length=255, blank=True)
    document_id = models.CharField(_("mã văn bản"), max_length=255)
    status_code = models.CharField(_("mã trạng thái"), max_length=2)
    description = models.TextField(_("nội dung"), blank=True)
    timestamp = models.DateTimeField(_("thời điểm theo bên gửi"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now)

    class Meta:
        verbose_name = _("trạng thái nhận được")
        verbose_name_plural = _("trạng thái nhận được")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "sender", "document_id", "status_code"], name="exchange_status_once"
            )
        ]
        indexes = [models.Index(fields=["agency", "document_id"], name="exchange_status_by_document")]

    def __str__(self) -> str:
        return f"{self.document_id} {self.status_code} ← {self.sender}"
