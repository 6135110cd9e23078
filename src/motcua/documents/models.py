"""Official documents (Decree 30/2020): registers, outgoing and incoming documents, result templates.

A `Register` is one book of one agency for one calendar year; its `last_number` is the counter that
numbers the book (taken under a row lock, so two clerks never get the same number). A new year opens
a new register, so numbers restart at 01 on 1 January.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, Unit


class Register(models.Model):
    class Kind(models.TextChoices):
        OUTGOING = "outgoing", _("Sổ đăng ký văn bản đi")
        INCOMING = "incoming", _("Sổ đăng ký văn bản đến")

    agency = models.ForeignKey(Agency, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại sổ"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên sổ"), max_length=200)
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")
        ordering = ["agency_id", "-year", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "name"], name="register_unique_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class ResultTemplate(models.Model):
    """A result's layout and text for a procedure (or for every procedure, when none is set)."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Quyết định")
        LICENCE = "licence", _("Giấy phép")
        CERTIFICATE = "certificate", _("Giấy chứng nhận")
        REPLY = "reply", _("Văn bản trả lời")
        REFUSAL = "refusal", _("Văn bản từ chối")

    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="result_templates",
        help_text=_("Để trống: dùng cho mọi thủ tục chưa có mẫu riêng."),
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices, default=Kind.DECISION)
    name = models.CharField(_("tên mẫu"), max_length=200)
    title = models.CharField(
        _("tên loại in trên văn bản"),
        max_length=120,
        blank=True,
        help_text=_("Để trống: theo loại văn bản. Ví dụ: PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1"),
    )
    summary = models.CharField(
        _("trích yếu"),
        max_length=500,
        blank=True,  # a certificate or a Phiếu has a title and no summary line
        help_text=_("Ví dụ: Về việc cấp Phiếu lý lịch tư pháp cho {{ ho_ten }}"),
    )
    body = models.TextField(
        _("nội dung"),
        max_length=20000,
        help_text=_("Mỗi dòng một đoạn; trường dữ liệu viết {{ ten_truong }}."),
    )
    recipients = models.TextField(
        _("nơi nhận"),
        max_length=2000,
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận, ngoài người nộp và Lưu: VT."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu văn bản kết quả")
        verbose_name_plural = _("mẫu văn bản kết quả")
        ordering = ["procedure_id", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class OutgoingDocument(models.Model):
    """One line of the outgoing register (App. IV): numbered, dated, signed and sealed, then sent."""

    register = models.ForeignKey(
        Register, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="outgoing"
    )
    number = models.PositiveIntegerField(_("số"))
    # Notation, subject and signer without accents: the register is searched as people type.
    search_folded = models.TextField(editable=False, default="")
    notation = models.CharField(_("số, ký hiệu"), max_length=60, db_index=True)
    type_name = models.CharField(_("tên loại"), max_length=100)
    subject = models.CharField(_("trích yếu"), max_length=500)
    signed_on = models.DateField(_("ngày ký"))
    issued_on = models.DateField(_("ngày ban hành"))
    issue_due_on = models.DateField(_("hạn ban hành"))
    signer_name = models.CharField(_("người ký"), max_length=100)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    archive_holder = models.CharField(_("đơn vị, người nhận bản lưu"), max_length=200, blank=True)
    copies = models.PositiveSmallIntegerField(_("số lượng bản"), default=1)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.PROTECT, related_name="outgoing_documents"
    )
    result = models.OneToOneField(
        "dossiers.ResultDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="outgoing"
    )
    sha256 = models.CharField(_("mã băm bản phát hành"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    # A recall freezes the sent copy: its hash and file stay, nothing may change it afterwards.
    recalled_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    recall_reason = models.CharField(_("lý do thu hồi"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-register__year", "-number"]
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="outgoing_number_unique")]

    def __str__(self) -> str:
        return self.notation


class OutgoingPost(models.Model):
    """One line of the register of outgoing post (App. IV): envelopes handed to the post."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.PROTECT, related_name="posts")
    sent_on = models.DateField(_("ngày chuyển"))
    recipient = models.CharField(_("nơi nhận"), max_length=300)
    envelopes = models.PositiveSmallIntegerField(_("số lượng bì"), default=1)
    postmark = models.CharField(_("ký nhận, dấu bưu điện"), max_length=200, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("chuyển phát văn bản đi")
        verbose_name_plural = _("sổ chuyển phát văn bản đi")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.sent_on} – {self.recipient}"


class ArchiveCopyUse(models.Model):
    """One line of the register of use of archive copies (App. IV)."""

    document = models.ForeignKey(OutgoingDocument, on_delete=models.PROTECT, related_name="archive_uses")
    used_on = models.DateField(_("ngày sử dụng"))
    user_name = models.CharField(_("người sử dụng"), max_length=200)
    case_file = models.CharField(_("số, ký hiệu hồ sơ"), max_length=100, blank=True)
    returned_on = models.DateField(_("ngày trả"), null=True, blank=True)
    authorised_by = models.CharField(_("người cho phép"), max_length=200, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sử dụng bản lưu")
        verbose_name_plural = _("sổ sử dụng bản lưu")
        ordering = ["-used_on", "-id"]

    def __str__(self) -> str:
        return f"{self.used_on} – {self.user_name}"


class IncomingDocument(models.Model):
    """One line of the incoming register (App. IV), its "ĐẾN" stamp, handling slip and follow-up."""

    class Channel(models.TextChoices):
        PAPER = "paper", _("Văn bản giấy")
        ELECTRONIC = "electronic", _("Văn bản điện tử")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Đã vào sổ, chờ trình")
        PRESENTED = "presented", _("Đã trình lãnh đạo")
        ASSIGNED = "assigned", _("Đã phân công")
        PROCESSING = "processing", _("Đang xử lý")
        COMPLETED = "completed", _("Hoàn thành")

    # Notation, subject and author without accents: the register is searched as people type.
    search_folded = models.TextField(editable=False, default="")
    register = models.ForeignKey(
        Register, verbose_name=_("sổ"), on_delete=models.PROTECT, related_name="incoming"
    )
    arrival_number = models.PositiveIntegerField(_("số đến"))
    arrived_at = models.DateTimeField(_("ngày đến"))
    channel = models.CharField(_("hình thức"), max_length=20, choices=Channel.choices)
    exchange_document_id = models.CharField(
        _("mã văn bản liên thông"), max_length=200, blank=True, db_index=True
    )
    author = models.CharField(_("tác giả (cơ quan ban hành)"), max_length=200)
    notation = models.CharField(_("số, ký hiệu"), max_length=60)
    document_date = models.DateField(_("ngày văn bản"))
    type_name = models.CharField(_("tên loại"), max_length=100)
    subject = models.CharField(_("trích yếu"), max_length=500)
    urgent = models.BooleanField(_("khẩn"), default=False)
    present_due_at = models.DateTimeField(_("hạn trình"))
    presented_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trình lãnh đạo"),
    )
    presented_at = models.DateTimeField(_("ngày chuyển"), null=True, blank=True)
    # The handling slip (Phiếu giải quyết văn bản đến), part 1: the head's instructions.
    lead_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị chủ trì"),
    )
    supporting_units = models.ManyToManyField(
        Unit, blank=True, related_name="+", verbose_name=_("đơn vị phối hợp")
    )
    instructions = models.TextField(_("ý kiến chỉ đạo"), blank=True, max_length=2000)
    deadline = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    # The leader gives the deadline in working days from the handling decision; `due_at` is that moment on
    # the agency's working calendar, and `deadline` its day (shown in the registers).
    deadline_working_days = models.PositiveSmallIntegerField(
        _("thời hạn giải quyết (ngày làm việc)"), null=True, blank=True
    )
    due_at = models.DateTimeField(_("hạn giải quyết lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Part 2: the person the unit head assigns.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    progress = models.TextField(_("tiến độ"), blank=True, max_length=4000)
    reply_notation = models.CharField(_("số, ký hiệu văn bản trả lời"), max_length=60, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    case_file = models.CharField(_("số và ký hiệu hồ sơ"), max_length=100, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ["-register__year", "-arrival_number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "arrival_number"], name="incoming_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.arrival_number} – {self.notation}"
