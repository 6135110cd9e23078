"""The certificate register, the trust store, signing rules, and the records of signing and verifying.

No private key is ever stored here: a certificate record says where its key lives (an encrypted
PKCS#12 file outside the database, a PKCS#11 token, or the official's own token) and names the
environment variable that holds the passphrase or PIN.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Role


class TrustAnchor(models.Model):
    """A root (trust anchor) or intermediate CA certificate that the administrator trusts."""

    class Kind(models.TextChoices):
        ROOT = "root", _("Chứng thư gốc")
        INTERMEDIATE = "intermediate", _("Chứng thư trung gian")

    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    der = models.BinaryField(_("chứng thư (DER)"))
    subject = models.CharField(_("chủ thể"), max_length=1000)
    issuer = models.CharField(_("tổ chức cấp"), max_length=1000)
    serial_hex = models.CharField(_("số hiệu"), max_length=128)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"))
    fingerprint_sha256 = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)
    is_active = models.BooleanField(_("đang tin cậy"), default=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("thời điểm thêm"))

    class Meta:
        verbose_name = _("chứng thư tin cậy")
        verbose_name_plural = _("kho chứng thư tin cậy")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class TrustStoreStamp(models.Model):
    """One row: a new random stamp is written in the same transaction as any change to the trust
    store (`TrustAnchor`), so that each process may keep the parsed store until the stamp changes.

    A random value rather than a counter: a change rolled back never leaves a stamp that a later,
    different change could write again.
    """

    stamp = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("dấu phiên bản kho chứng thư tin cậy")

    def __str__(self) -> str:
        return self.stamp


class Certificate(models.Model):
    """A certificate of the register: an agency's seal or an official's personal certificate."""

    class Kind(models.TextChoices):
        AGENCY_SEAL = "agency_seal", _("Chứng thư số của cơ quan (con dấu)")
        PERSONAL = "personal", _("Chứng thư số cá nhân")

    class RegisterStatus(models.TextChoices):
        ACTIVE = "active", _("Đang sử dụng")
        SUSPENDED = "suspended", _("Tạm dừng")
        REVOKED = "revoked", _("Đã thu hồi")

    class KeyStorage(models.TextChoices):
        NONE = "none", _("Chỉ có chứng thư (không có khóa trên máy chủ)")
        PKCS12 = "pkcs12", _("Tệp PKCS#12 mã hóa trên máy chủ")
        PKCS11 = "pkcs11", _("Thiết bị ký PKCS#11 / HSM")
        CLIENT_TOKEN = "client_token", _("Thiết bị ký của cán bộ (ký tại máy trạm)")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("cơ quan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    display_name = models.CharField(_("tên hiển thị khi ký"), max_length=255)

    der = models.BinaryField(_("chứng thư (DER)"))
    chain_pem = models.TextField(_("chuỗi chứng thư (PEM)"), blank=True)
    subject = models.CharField(_("chủ thể"), max_length=1000)
    subject_common_name = models.CharField(_("tên chủ thể"), max_length=255)
    issuer = models.CharField(_("tổ chức cấp"), max_length=1000)
    serial_hex = models.CharField(_("số hiệu"), max_length=128)
    not_before = models.DateTimeField(_("hiệu lực từ"))
    not_after = models.DateTimeField(_("hiệu lực đến"), db_index=True)
    key_usage = models.JSONField(_("mục đích sử dụng khóa"), default=list, blank=True)
    fingerprint_sha256 = models.CharField(_("dấu vân tay SHA-256"), max_length=64, unique=True)

    register_status = models.CharField(
        _("trạng thái trong danh sách"),
        max_length=20,
        choices=RegisterStatus.choices,
        default=RegisterStatus.ACTIVE,
    )
    status_reason = models.CharField(_("lý do"), max_length=500, blank=True)
    status_changed_at = models.DateTimeField(_("thời điểm đổi trạng thái"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    key_storage = models.CharField(
        _("nơi lưu khóa"), max_length=20, choices=KeyStorage.choices, default=KeyStorage.NONE
    )
    pkcs12_path = models.CharField(_("đường dẫn tệp PKCS#12"), max_length=500, blank=True)
    passphrase_env = models.CharField(_("biến môi trường chứa mật khẩu"), max_length=100, blank=True)
    pkcs11_module = models.CharField(_("thư viện PKCS#11"), max_length=500, blank=True)
    pkcs11_token_label = models.CharField(_("nhãn thiết bị"), max_length=100, blank=True)
    pkcs11_key_label = models.CharField(_("nhãn khóa"), max_length=100, blank=True)
    pin_env = models.CharField(_("biến môi trường chứa mã PIN"), max_length=100, blank=True)

    appearance_image = models.FileField(
        _("ảnh chữ ký / ảnh con dấu (PNG nền trong suốt)"),
        upload_to="signatures/appearance/",
        max_length=255,
        blank=True,
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("thời điểm nhập"))

    class Meta:
        verbose_name = _("chứng thư số")
        verbose_name_plural = _("danh sách chứng thư số")
        ordering = ["kind", "display_name", "-not_after"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="agency_seal", agency__isnull=False, user__isnull=True)
                    | models.Q(kind="personal", user__isnull=False)
                ),
                name="certificate_owner_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["kind", "agency", "register_status"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.serial_hex})"

    def status_at(self, moment: datetime, warning_days: int = 30) -> CertificateStatus:
        """Register status first (revoked, suspended), then the dates."""
        if self.register_status == self.RegisterStatus.REVOKED:
            return CertificateStatus.REVOKED
        if self.register_status == self.RegisterStatus.SUSPENDED:
            return CertificateStatus.SUSPENDED
        if moment < self.not_before:
            return CertificateStatus.NOT_YET_VALID
        if moment >= self.not_after:
            return CertificateStatus.EXPIRED
        if self.not_after - moment <= timedelta(days=warning_days):
            return CertificateStatus.EXPIRING_SOON
        return CertificateStatus.VALID


class CertificateStatus(models.TextChoices):
    """The status the register shows: derived from the dates and the register status."""

    VALID = "valid", _("Còn hiệu lực")
    EXPIRING_SOON = "expiring_soon", _("Sắp hết hạn")
    EXPIRED = "expired", _("Hết hạn")
    NOT_YET_VALID = "not_yet_valid", _("Chưa có hiệu lực")
    SUSPENDED = "suspended", _("Tạm dừng")
    REVOKED = "revoked", _("Đã thu hồi")

    @property
    def usable(self) -> bool:
        return self in (CertificateStatus.VALID, CertificateStatus.EXPIRING_SOON)


class SigningRule(models.Model):
    """Who may sign for which agency, in which role, with which title (Decree 30: TM., KT., Q., TL., TUQ.)."""

    class Kind(models.TextChoices):
        PERSONAL = "personal", _("Ký với chữ ký cá nhân (người có thẩm quyền)")
        SEAL = "seal", _("Đóng dấu số của cơ quan (văn thư)")

    class Authority(models.TextChoices):
        NONE = "", _("Ký trực tiếp")
        TM = "TM.", _("TM. — thay mặt")
        KT = "KT.", _("KT. — ký thay")
        Q = "Q.", _("Q. — quyền")
        TL = "TL.", _("TL. — thừa lệnh")
        TUQ = "TUQ.", _("TUQ. — thừa ủy quyền")

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="signing_rules"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.PROTECT,
        related_name="signing_rules",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PERSONAL)
    staff_role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.LEADER)
    authority = models.CharField(_("thể thức ký"), max_length=5, choices=Authority.choices, blank=True)
    superior_title = models.CharField(
        _("chức vụ người đứng đầu"), max_length=100, blank=True, help_text=_("Ví dụ: GIÁM ĐỐC (sau KT.)")
    )
    title = models.CharField(_("chức vụ người ký"), max_length=100, help_text=_("Ví dụ: PHÓ GIÁM ĐỐC"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_until = models.DateField(_("áp dụng đến"), null=True, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("thời điểm tạo"))

    class Meta:
        verbose_name = _("quy tắc ký số")
        verbose_name_plural = _("quy tắc ký số")
        ordering = ["agency_id", "kind", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "user", "kind"], name="signing_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()} – {self.agency}"

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The lines above the signature: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", or just "GIÁM ĐỐC"."""
        if self.authority and self.superior_title:
            return (f"{self.authority} {self.superior_title}".upper(), self.title.upper())
        return (self.title.upper(),)


class SignatureRecord(models.Model):
    """One signature the system made: which certificate signed which document, when, how."""

    class Purpose(models.TextChoices):
        RESULT_OFFICIAL = "result_official", _("Chữ ký người có thẩm quyền trên kết quả")
        RESULT_SEAL = "result_seal", _("Chữ ký cơ quan trên kết quả")
        ATTACHMENT = "attachment", _("Chữ ký cơ quan trên tệp đính kèm")

    result = models.ForeignKey(
        "dossiers.ResultDocument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signature_records",
    )
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="signature_records")
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    field_name = models.CharField(max_length=100)
    level = models.CharField(max_length=6)
    signed_at = models.DateTimeField()
    client_side = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lượt ký số")
        verbose_name_plural = _("nhật ký ký số")
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} – {self.field_name} ({self.level})"


class ClientSigningSession(models.Model):
    """The split flow: the server prepared the document, the official's own token signs the digest."""

    class State(models.TextChoices):
        PENDING = "pending", _("Đang chờ chữ ký")
        COMPLETED = "completed", _("Đã hoàn tất")
        FAILED = "failed", _("Không thành công")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    source_result = models.ForeignKey("dossiers.ResultDocument", on_delete=models.CASCADE, related_name="+")
    dossier_version = models.PositiveIntegerField()
    official = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="+")
    prepared_pdf = models.FileField(upload_to="signatures/sessions/", max_length=255)
    signed_attrs = models.BinaryField()
    document_digest = models.BinaryField()
    reserved_region_start = models.PositiveBigIntegerField()
    reserved_region_end = models.PositiveBigIntegerField()
    md_algorithm = models.CharField(max_length=20, default="sha256")
    field_name = models.CharField(max_length=100)
    level = models.CharField(max_length=6)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    failure_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên ký số tại máy trạm")
        verbose_name_plural = _("phiên ký số tại máy trạm")

    def __str__(self) -> str:
        return f"{self.pk} ({self.get_state_display()})"


class VerificationRecord(models.Model):
    """A verification done by the public service: its verdict and TS 119 102-2 report, not the file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(db_index=True)
    file_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    verdict = models.CharField(max_length=16)
    indication = models.CharField(max_length=16)
    summary = models.JSONField(default=dict)
    xml = models.TextField(blank=True)

    class Meta:
        verbose_name = _("kết quả xác minh")
        verbose_name_plural = _("kết quả xác minh")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name or self.sha256[:12]}: {self.verdict}"


class BatchApproval(models.Model):
    """Dossiers a leader ticked and approved in one go, approved and signed by a background job."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    result_summary = models.CharField(max_length=1000)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt phê duyệt nhiều hồ sơ")
        verbose_name_plural = _("lượt phê duyệt nhiều hồ sơ")
        indexes = [models.Index(fields=["leader", "-created_at"], name="batch_by_leader")]

    def __str__(self) -> str:
        return f"{self.pk} ({self.created_at:%d/%m/%Y %H:%M})"


class BatchApprovalItem(models.Model):
    """One ticked dossier of a batch, in the order ticked, and what became of it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        APPROVED = "approved", _("Đã phê duyệt")
        REFUSED = "refused", _("Chưa phê duyệt")

    batch = models.ForeignKey(BatchApproval, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=40)
    # Empty when the code named no dossier this leader can see: it is reported, never looked up again.
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    version_seen = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    signed = models.BooleanField(default=False)
    message = models.CharField(max_length=500, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hồ sơ trong lượt phê duyệt")
        verbose_name_plural = _("hồ sơ trong lượt phê duyệt")
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="batch_item_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.get_status_display()}"
