from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, Unit
from motcua.catalog.models import ProcedureVersion, RequiredDocument

from .states import State


class Channel(models.TextChoices):
    """KenhThucHien of the national portal: 1 direct, 2 online, 3 postal."""

    COUNTER = "counter", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Bưu chính công ích")


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class ExemptionStatus(models.TextChoices):
    """Where an applicant's claim of a fee exemption stands ("" when nothing was claimed)."""

    CLAIMED = "claimed", _("chờ kiểm tra")
    CONFIRMED = "confirmed", _("đã xác nhận")
    REJECTED = "rejected", _("không được chấp nhận")


class Dossier(models.Model):
    """An application and everything derived from its events.

    The columns from `state` down are a cache of `clock.replay(events)`, kept in the same
    transaction as the event that changed them so that lists can filter and sort on them.
    """

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    lookup_secret = models.CharField(_("mã tra cứu"), max_length=12)
    procedure_version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    receiving_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )
    channel = models.CharField(_("kênh nộp"), max_length=10, choices=Channel.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    applicant_kind = models.CharField(
        _("đối tượng"), max_length=12, choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    applicant_name = models.CharField(_("họ tên người nộp"), max_length=200)
    applicant_id_number = models.CharField(_("số định danh / CCCD"), max_length=20, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    # The applicant's particulars came from VNeID (the owner's account was verified by the national
    # identity service and the dossier names that very person), and papers the population database
    # stands for were taken from it instead of uploaded (sync flags TaiKhoanDuocXacThucVoiVNeID, MaCSDL).
    vneid_verified = models.BooleanField(_("xác thực qua VNeID"), default=False)
    population_data_used = models.BooleanField(_("dùng dữ liệu dân cư"), default=False)
    organisation_name = models.CharField(_("tên tổ chức"), max_length=300, blank=True)
    organisation_tax_code = models.CharField(_("mã số thuế / mã số doanh nghiệp"), max_length=20, blank=True)
    # Search copies (dossiers.search), written with the applicant's fields (applicant.attributes).
    applicant_folded = models.CharField(max_length=502, blank=True, editable=False)
    applicant_phone_digits = models.CharField(max_length=20, blank=True, editable=False)
    form_data = models.JSONField(_("dữ liệu tờ khai"), default=dict, blank=True)
    # The fee exemption (or reduction) the applicant claimed, one of the procedure version's; an
    # officer confirms or rejects it on the proof (`payments.services.decide_fee_exemption`). While
    # claimed or confirmed the quote applies it; rejected, the standard fees are owed again.
    fee_exemption = models.ForeignKey(
        "catalog.FeeExemption",
        verbose_name=_("miễn, giảm phí đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fee_exemption_status = models.CharField(
        _("tình trạng miễn, giảm phí"), max_length=10, choices=ExemptionStatus.choices, blank=True
    )

    # Derived from events.
    state = models.CharField(_("trạng thái"), max_length=24, choices=State.choices, db_index=True)
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn giải quyết"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("ngày hẹn trả (sau gia hạn)"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm kết thúc xử lý"), null=True, blank=True)
    returned_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    paused_at = models.DateTimeField(_("tạm dừng tính thời gian từ"), null=True, blank=True)
    current_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan đang xử lý"),
        on_delete=models.PROTECT,
        related_name="handled_dossiers",
    )
    current_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
    )
    current_step = models.PositiveSmallIntegerField(_("bước hiện tại"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước hiện tại"), null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    apology_count = models.PositiveSmallIntegerField(_("số lần xin lỗi, gia hạn"), default=0)
    clock = models.JSONField(default=dict, editable=False)  # the rest of the replay snapshot

    # Event chain head: the optimistic-lock version and the last hash.
    version = models.PositiveIntegerField(default=0, editable=False)
    last_event_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["receiving_agency", "state", "due_at"], name="dossier_agency_state_due"),
            models.Index(fields=["current_agency", "state", "due_at"], name="dossier_current_state_due"),
            models.Index(fields=["owner", "-submitted_at"], name="dossier_owner_submitted"),
            models.Index(fields=["received_at"], name="dossier_received_at"),
            # Searching by phone or ID number (dossiers.search): exact matches.
            models.Index(fields=["applicant_phone_digits"], name="dossier_applicant_phone"),
            models.Index(fields=["applicant_id_number"], name="dossier_applicant_id_number"),
            # Back-office worklists (backoffice.queries.worklist_page; figures in docs/backoffice.md).
            models.Index(fields=["current_unit", "state", "due_at"], name="dossier_unit_state_due"),
            models.Index(fields=["assignee", "state", "due_at"], name="dossier_assignee_state_due"),
            models.Index(
                fields=["receiving_agency", "state", "submitted_at"], name="dossier_agency_state_submitted"
            ),
            models.Index(
                fields=["current_agency", "due_at"],
                name="dossier_active_agency_due",
                condition=models.Q(
                    state__in=[
                        "received",
                        "processing",
                        "supplement_requested",
                        "financial_obligation",
                        "withdrawal_requested",
                    ]
                ),
            ),
            # The leader's tabs (Cần xử lý, Chờ phê duyệt): unassigned dossiers of the agency at
            # given workflow steps. Counted once a minute per session; without it, a bitmap of the
            # agency's active dossiers AND every processing one, then each row's step checked.
            models.Index(
                fields=["current_agency", "current_step", "procedure_version"],
                name="dossier_unassigned_at_step",
                condition=models.Q(state="processing", assignee__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class DossierEvent(models.Model):
    """One action on a dossier. Append-only; each row hashes the previous one."""

    # payload["action"] of the TRANSFERRED event with which a step holder sends a dossier back.
    SENT_BACK = "trả lại"

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Nộp hồ sơ")
        RECEIVED = "received", _("Tiếp nhận hồ sơ")
        REFUSED = "refused", _("Từ chối tiếp nhận")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
        SUPPLEMENTED = "supplemented", _("Bổ sung hồ sơ")
        TRANSFERRED = "transferred", _("Chuyển xử lý")
        ASSIGNED = "assigned", _("Phân công xử lý")
        FINANCIAL_OBLIGATION_REQUESTED = (
            "financial_obligation_requested",
            _("Yêu cầu thực hiện nghĩa vụ tài chính"),
        )
        FINANCIAL_OBLIGATION_FULFILLED = (
            "financial_obligation_fulfilled",
            _("Đã thực hiện nghĩa vụ tài chính"),
        )
        RESOLVED = "resolved", _("Phê duyệt kết quả")
        RETURNED = "returned", _("Trả kết quả")
        WITHDRAWAL_REQUESTED = "withdrawal_requested", _("Yêu cầu rút hồ sơ")
        WITHDRAWAL_REJECTED = "withdrawal_rejected", _("Không chấp nhận rút hồ sơ")
        STOPPED = "stopped", _("Dừng giải quyết")
        APOLOGISED = "apologised", _("Xin lỗi và gia hạn")
        RESULT_ATTACHED = "result_attached", _("Cập nhật văn bản kết quả")
        OWNER_LINKED = "owner_linked", _("Gắn hồ sơ với tài khoản")
        FEE_PAID = "fee_paid", _("Nộp phí, lệ phí")
        EXEMPTION_CONFIRMED = "exemption_confirmed", _("Xác nhận miễn, giảm phí, lệ phí")
        EXEMPTION_REJECTED = "exemption_rejected", _("Không chấp nhận miễn, giảm phí, lệ phí")
        # A peer agency on another motcua instance reported on the dossier handed to it (liên thông).
        PEER_STATUS = "peer_status", _("Cơ quan liên thông báo tiến độ")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=40, choices=Kind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    from_state = models.CharField(max_length=24, blank=True)
    to_state = models.CharField(max_length=24)
    note = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        ordering = ["dossier_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_unique")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.kind}"


class DossierHolder(models.Model):
    """An agency that has held the dossier: its receiving agency and every agency it was transferred to.

    Written in the same transaction as the event that makes the agency a holder (submission or
    registration, a transfer to another agency), never removed: an agency that handed the dossier on
    keeps reading it (`permissions.can` for VIEW, `selectors.visible_dossiers`). The receiving and
    the current agency are always among the holders.
    """

    # The unique constraint leads with the dossier and the index with the agency: both foreign keys
    # are covered, so neither gets an index of its own.
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="holders", db_index=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", db_index=False)
    since = models.DateTimeField(_("nhận hồ sơ từ"))

    class Meta:
        verbose_name = _("cơ quan đã xử lý hồ sơ")
        verbose_name_plural = _("cơ quan đã xử lý hồ sơ")
        constraints = [models.UniqueConstraint(fields=["dossier", "agency"], name="dossier_holder_unique")]
        indexes = [models.Index(fields=["agency", "dossier"], name="dossier_holder_agency")]

    def __str__(self) -> str:
        return f"{self.dossier_id} @ {self.agency_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"dossiers/{instance.dossier.submitted_at:%Y/%m}/{instance.dossier.code}/{instance.sha256[:16]}"


class Attachment(models.Model):
    """A file given with the application or a supplement; never replaced, only added."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="attachments")
    required_document = models.ForeignKey(
        RequiredDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    event_seq = models.PositiveIntegerField(help_text="the event that brought this file")
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["dossier_id", "id"]

    def __str__(self) -> str:
        return self.original_name


class PaperDocument(models.Model):
    """A required document handed in on paper at the counter: which form of it, and how many copies.

    Form 01 lists it; the paper itself stays in the dossier's folder. Never edited, only added.
    """

    class Form(models.TextChoices):
        ORIGINAL = "original", _("Bản chính")
        CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
        COPY = "copy", _("Bản sao")

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="paper_documents")
    required_document = models.ForeignKey(RequiredDocument, on_delete=models.PROTECT, related_name="+")
    form = models.CharField(_("hình thức"), max_length=16, choices=Form.choices)
    copies = models.PositiveSmallIntegerField(_("số bản"))
    event_seq = models.PositiveIntegerField(help_text="the event that recorded the paper")
    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("giấy tờ nộp bản giấy")
        verbose_name_plural = _("giấy tờ nộp bản giấy")
        ordering = ["dossier_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "required_document", "event_seq"], name="paper_document_once_per_event"
            ),
            models.CheckConstraint(condition=models.Q(copies__gte=1), name="paper_document_copies_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.required_document_id}: {self.form} × {self.copies}"


class DossierSequence(models.Model):
    """The last sequence number given out for one agency on one day (code generation)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


def result_path(instance: ResultDocument, filename: str) -> str:
    return f"results/{instance.dossier.submitted_at:%Y/%m}/{instance.dossier.code}/{instance.sha256[:16]}.pdf"


class ResultDocument(models.Model):
    """The result of a dossier (a PDF). A signed or corrected version is a new row, never an overwrite."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="results")
    file = models.FileField(upload_to=result_path, max_length=255)
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    is_signed = models.BooleanField(_("đã ký số"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    event_seq = models.PositiveIntegerField()
    # Set on the version the clerk numbered and issued (documents.services.issue_result): "05/QĐ-STP".
    notation = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả giải quyết")
        verbose_name_plural = _("kết quả giải quyết")
        ordering = ["dossier_id", "-id"]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """The applicant's evaluation of the service, once per dossier."""

    class Score(models.IntegerChoices):
        NOT_SATISFIED = 1, _("Không hài lòng")
        SATISFIED = 2, _("Hài lòng")
        VERY_SATISFIED = 3, _("Rất hài lòng")

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="rating")
    score = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=Score.choices)
    comment = models.TextField(_("góp ý"), blank=True, max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.get_score_display()}"
