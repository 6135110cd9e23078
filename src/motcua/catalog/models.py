from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, Role, Unit


class TimeUnit(models.TextChoices):
    WORKING_DAY = "day", _("ngày làm việc")
    WORKING_HOUR = "hour", _("giờ làm việc")


class Sector(models.Model):
    """Lĩnh vực: the field a procedure belongs to."""

    code = models.CharField(_("mã lĩnh vực"), max_length=30, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """A procedure of the official catalogue; its content lives in versions."""

    code = models.CharField(_("mã thủ tục"), max_length=30, unique=True)
    # Empty only for an entry of the national lists that the province has not completed yet:
    # those lists carry no sector.
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("lĩnh vực"),
        on_delete=models.PROTECT,
        related_name="procedures",
        null=True,
        blank=True,
    )
    # National names reach 937 characters.
    name = models.CharField(_("tên thủ tục"), max_length=1000)
    current_version = models.ForeignKey(
        "ProcedureVersion",
        verbose_name=_("phiên bản hiện hành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Lower-case ASCII of name, code and sector, and of the name alone (for ranking), kept in step
    # by catalog.services.
    search_folded = models.TextField(editable=False, default="")
    name_folded = models.TextField(editable=False, default="")
    national_weight = models.BigIntegerField(
        _("mức độ sử dụng trên Cổng DVC quốc gia"),
        default=0,
        help_text=_(
            "Số lần sử dụng do Cổng Dịch vụ công quốc gia công bố; dùng để xếp hạng kết quả tìm kiếm."
        ),
    )
    vertically_managed = models.BooleanField(_("thuộc ngành dọc"), default=False)
    for_citizens = models.BooleanField(_("dành cho công dân"), default=False)
    for_businesses = models.BooleanField(_("dành cho doanh nghiệp"), default=False)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class ProcedureVersion(models.Model):
    """Everything level-1 information requires, frozen once a dossier has been filed under it."""

    class OnlineLevel(models.TextChoices):
        END_TO_END = "end_to_end", _("Toàn trình")
        PARTIAL = "partial", _("Một phần")
        NONE = "none", _("Không trực tuyến (chỉ cung cấp thông tin)")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    name = models.CharField(_("tên thủ tục"), max_length=1000)
    steps = models.TextField(_("trình tự thực hiện"), blank=True)
    how_to_submit = models.TextField(_("cách thức thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    result_description = models.TextField(_("kết quả thực hiện"), blank=True)
    applicant_kinds = models.CharField(_("đối tượng thực hiện"), max_length=255, blank=True)
    processing_time = models.PositiveIntegerField(_("thời hạn giải quyết"))
    processing_time_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=4, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAY
    )
    cut_off_time = models.TimeField(
        _("giờ chốt tiếp nhận"),
        null=True,
        blank=True,
        help_text=_("Hồ sơ tiếp nhận sau giờ này được tính từ ngày làm việc tiếp theo."),
    )
    pause_clock_on_financial_obligation = models.BooleanField(
        _("dừng tính thời gian khi chờ thực hiện nghĩa vụ tài chính"), default=False
    )
    fee_description = models.TextField(_("phí, lệ phí"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    competent_agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan có thẩm quyền"), on_delete=models.PROTECT, related_name="+"
    )
    receiving_agencies = models.ManyToManyField(
        Agency, verbose_name=_("nơi tiếp nhận hồ sơ"), related_name="received_procedure_versions"
    )
    online_level = models.CharField(
        _("mức độ trực tuyến"), max_length=12, choices=OnlineLevel.choices, default=OnlineLevel.PARTIAL
    )
    legacy_level = models.PositiveSmallIntegerField(
        _("mức độ DVC (cũ, 1-4)"), default=3, choices=[(i, str(i)) for i in range(1, 5)]
    )
    form_schema = models.JSONField(_("biểu mẫu điện tử (JSON Schema)"), default=dict, blank=True)
    published_at = models.DateTimeField(_("ngày công bố"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"


class RequiredDocument(models.Model):
    """Thành phần hồ sơ."""

    class CopyType(models.TextChoices):
        ORIGINAL = "original", _("Bản chính")
        COPY = "copy", _("Bản sao")
        CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
        ORIGINAL_OR_CERTIFIED = "original_or_certified", _("Bản chính hoặc bản sao có chứng thực")
        ELECTRONIC = "electronic", _("Bản điện tử")

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="required_documents")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    copy_type = models.CharField(
        _("loại bản"), max_length=24, choices=CopyType.choices, default=CopyType.ORIGINAL
    )
    count = models.PositiveSmallIntegerField(_("số lượng"), default=1)
    is_mandatory = models.BooleanField(_("bắt buộc"), default=True)
    blank_form_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    # The procedure lets data from the national population database (Cơ sở dữ liệu quốc gia về dân
    # cư) stand for this paper: an applicant whose identity VNeID vouched for does not upload it.
    replaced_by_population_data = models.BooleanField(
        _("thay bằng dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư"), default=False
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version_id", "position"]

    def __str__(self) -> str:
        return self.name


class Fee(models.Model):
    """One fee or charge of a procedure version.

    `standard` rows are what an applicant owes by default (`payments.fees.quote`); the others are
    alternative or additional rates (a reduced rate, a charge per extra copy) that an exemption or
    an officer applies.
    """

    class Kind(models.TextChoices):
        # LoaiPhiLePhi of the national payment platform: 1 phí, 2 lệ phí.
        FEE = "fee", _("phí")
        CHARGE = "charge", _("lệ phí")

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("tên phí, lệ phí"), max_length=255)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    kind = models.CharField(_("loại"), max_length=6, choices=Kind.choices, default=Kind.FEE)
    standard = models.BooleanField(
        _("thu mặc định"),
        default=True,
        help_text=_("Bỏ chọn với mức thu giảm hoặc khoản thu thêm chỉ áp dụng trong trường hợp riêng."),
    )

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def __str__(self) -> str:
        return f"{self.name}: {self.amount:,} đồng"


class FeeExemption(models.Model):
    """Who pays less or nothing: an exemption (no `reduced_fee`) or a reduction to another rate."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fee_exemptions")
    description = models.CharField(_("đối tượng được miễn, giảm"), max_length=500)
    reduced_fee = models.ForeignKey(
        Fee,
        verbose_name=_("mức thu giảm"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống: được miễn toàn bộ phí, lệ phí."),
    )

    class Meta:
        verbose_name = _("miễn, giảm phí, lệ phí")
        verbose_name_plural = _("miễn, giảm phí, lệ phí")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description


class WorkflowStep(models.Model):
    """One step of the procedure's internal process, with the working time allotted to it."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="workflow_steps")
    position = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("tên bước"), max_length=255)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Để trống: cơ quan tiếp nhận hồ sơ."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị thực hiện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    role = models.CharField(_("vai trò thực hiện"), max_length=20, choices=Role.choices)
    allotted_time = models.PositiveIntegerField(_("thời gian"))
    allotted_unit = models.CharField(
        _("đơn vị"), max_length=4, choices=TimeUnit.choices, default=TimeUnit.WORKING_HOUR
    )
    signs_result = models.BooleanField(
        _("bước ký, phê duyệt kết quả"),
        default=False,
        help_text=_(
            "Chỉ ở bước này lãnh đạo mới phê duyệt và ký số kết quả; mỗi quy trình có một bước như vậy."
        ),
    )

    class Meta:
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="workflow_step_unique"),
            models.UniqueConstraint(
                fields=["version"], condition=models.Q(signs_result=True), name="workflow_one_signing_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class CatalogueRevision(models.Model):
    """One row whose token every change of the catalogue replaces, in the change's own transaction.

    A process may keep what it read of the catalogue for as long as the token it read with is the
    one in the database (`selectors.current_version`). The token is random, not a counter: a change
    rolled back leaves the old token, and the next change can never bring back one already used.
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
