"""Request and response shapes of API v1.

Request serializers check only the shape of the input (types, presence, lengths); what the law
allows is decided by the domain services, whose errors come back through `errors.py`.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from drf_spectacular.utils import OpenApiRequest, extend_schema_field
from rest_framework import serializers

from motcua.agencies.models import Agency, Unit
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.time import iso_local
from motcua.core.urls import kept_reverse
from motcua.dossiers import applicant as applicant_fields
from motcua.dossiers.actions import TABLE
from motcua.dossiers.models import ApplicantKind, Channel, Dossier, PaperDocument
from motcua.dossiers.selectors import kind_label
from motcua.dossiers.services import MAX_COPIES
from motcua.dossiers.states import label, national_code

# Ids and amounts are bounded so that a huge number is a 400, not a database overflow.
MAX_ID = 2**63 - 1
MAX_AMOUNT = 10**15

# --- common -----------------------------------------------------------------------------------


class LocalDateTimeField(serializers.DateTimeField):
    """Output as ISO 8601 on Vietnamese wall clocks (+07:00), to the second."""

    def to_representation(self, value: Any) -> str | None:
        return iso_local(value)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi ổn định cho máy đọc, ví dụ `stale_dossier`.")
    message = serializers.CharField(help_text="Thông báo bằng tiếng Việt cho người dùng.")
    details = serializers.DictField(
        help_text="Chi tiết; với lỗi dữ liệu, `fields` ánh xạ tên trường tới thông báo lỗi."
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class AgencyRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name", "is_one_stop"]


# --- auth --------------------------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=100,
        required=False,
        default="",
        allow_blank=True,
        help_text="Tên gợi nhớ của ứng dụng dùng mã truy cập.",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Chỉ hiển thị một lần; gửi trong `Authorization: Bearer ...`.")
    expires_at = LocalDateTimeField()


# --- agencies ----------------------------------------------------------------------------------


class AgencySerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None)
    units = UnitSerializer(many=True)

    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "name_en",
            "short_name",
            "kind",
            "kind_label",
            "parent_code",
            "address",
            "phone",
            "email",
            "units",
        ]


# --- catalogue ---------------------------------------------------------------------------------


class SectorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class FeeExemptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    reduced_fee = serializers.IntegerField(
        source="reduced_fee_id",
        allow_null=True,
        help_text="Mức thu giảm (id trong `fees`); null: miễn toàn bộ.",
    )


def fee_summary(version: ProcedureVersion) -> str:
    """The fees in one line, e.g. 'Lệ phí: 200.000 đồng'; the free text when no fee rows exist."""
    fees = list(version.fees.all())
    if not fees:
        return version.fee_description or "Không thu phí, lệ phí."
    return "; ".join(f"{fee.name}: {fee.amount:,} đồng".replace(",", ".") for fee in fees)


class ProcedureSummarySerializer(serializers.ModelSerializer):
    """A row of the catalogue: `Procedure` with its current version.

    An entry of the national catalogue that the province has not completed has no version yet:
    its version fields are null and `offered_online` is false.
    """

    sector = SectorSerializer(allow_null=True)
    version = serializers.IntegerField(source="current_version.number", allow_null=True)
    processing_time = serializers.IntegerField(source="current_version.processing_time", allow_null=True)
    processing_time_unit = serializers.CharField(
        source="current_version.processing_time_unit", allow_null=True
    )
    processing_time_unit_label = serializers.CharField(
        source="current_version.get_processing_time_unit_display", allow_null=True
    )
    online_level = serializers.CharField(source="current_version.online_level", allow_null=True)
    online_level_label = serializers.CharField(
        source="current_version.get_online_level_display", allow_null=True
    )
    offered_online = serializers.SerializerMethodField(
        help_text="Có thể nộp hồ sơ trực tuyến tại tỉnh (đã có phiên bản, mức độ toàn trình hoặc một phần)."
    )
    usage_weight = serializers.IntegerField(
        source="national_weight", help_text="Mức độ sử dụng do Cổng Dịch vụ công quốc gia công bố."
    )
    fee_summary = serializers.SerializerMethodField()
    competent_agency = AgencyRefSerializer(source="current_version.competent_agency", allow_null=True)

    class Meta:
        model = Procedure
        fields = [
            "code",
            "name",
            "sector",
            "version",
            "processing_time",
            "processing_time_unit",
            "processing_time_unit_label",
            "online_level",
            "online_level_label",
            "offered_online",
            "usage_weight",
            "fee_summary",
            "competent_agency",
        ]

    def get_offered_online(self, procedure: Procedure) -> bool:
        version = procedure.current_version
        return version is not None and version.online_level != ProcedureVersion.OnlineLevel.NONE

    def get_fee_summary(self, procedure: Procedure) -> str | None:
        if procedure.current_version is None:
            return None
        return fee_summary(procedure.current_version)


class RequiredDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    name = serializers.CharField()
    copy_type = serializers.CharField()
    copy_type_label = serializers.CharField(source="get_copy_type_display")
    count = serializers.IntegerField()
    is_mandatory = serializers.BooleanField()
    blank_form_name = serializers.CharField()
    replaced_by_population_data = serializers.BooleanField(
        help_text="Dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư thay cho giấy tờ này khi người nộp "
        "đăng nhập bằng VNeID và nộp cho chính mình."
    )
    upload_field = serializers.SerializerMethodField(help_text="Trường multipart để đính kèm giấy tờ này.")

    def get_upload_field(self, document: Any) -> str:
        return f"document_{document.pk}"


class FeeSerializer(serializers.Serializer):
    name = serializers.CharField()
    amount = serializers.IntegerField(help_text="Mức thu, đồng.")
    note = serializers.CharField()


class WorkflowStepSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    allotted_time = serializers.IntegerField()
    allotted_unit = serializers.CharField()
    allotted_unit_label = serializers.CharField(source="get_allotted_unit_display")
    agency = AgencyRefSerializer(allow_null=True, help_text="Để trống: cơ quan tiếp nhận hồ sơ.")
    unit = UnitSerializer(allow_null=True)


class ProcedureDetailSerializer(serializers.Serializer):
    """Everything the current version of a procedure says (level-1 information and the e-form)."""

    code = serializers.CharField(source="procedure.code")
    name = serializers.CharField()
    sector = SectorSerializer(source="procedure.sector")
    version = serializers.IntegerField(source="number")
    published_at = LocalDateTimeField()
    steps = serializers.CharField(help_text="Trình tự thực hiện.")
    how_to_submit = serializers.CharField()
    conditions = serializers.CharField()
    result_description = serializers.CharField()
    applicant_kinds = serializers.CharField()
    processing_time = serializers.IntegerField()
    processing_time_unit = serializers.CharField()
    processing_time_unit_label = serializers.CharField(source="get_processing_time_unit_display")
    cut_off_time = serializers.TimeField(format="%H:%M", allow_null=True)
    pause_clock_on_financial_obligation = serializers.BooleanField()
    online_level = serializers.CharField()
    online_level_label = serializers.CharField(source="get_online_level_display")
    legacy_level = serializers.IntegerField()
    fee_description = serializers.CharField()
    fee_summary = serializers.SerializerMethodField()
    fees = FeeSerializer(many=True)
    fee_exemptions = FeeExemptionSerializer(
        many=True, help_text="Đối tượng được miễn, giảm (id dùng khi nộp)."
    )
    legal_basis = serializers.CharField()
    competent_agency = AgencyRefSerializer()
    receiving_agencies = AgencyRefSerializer(many=True)
    required_documents = RequiredDocumentSerializer(many=True)
    workflow_steps = WorkflowStepSerializer(many=True)
    form_schema = serializers.JSONField(help_text="Biểu mẫu điện tử (JSON Schema 2020-12).")

    def get_fee_summary(self, version: ProcedureVersion) -> str:
        return fee_summary(version)


# --- dossiers: responses -----------------------------------------------------------------------


class ProcedureRefSerializer(serializers.Serializer):
    code = serializers.CharField(source="procedure.code")
    name = serializers.CharField()
    version = serializers.IntegerField(source="number")


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


def _applicant_serializer(name: str, field: Any) -> type[serializers.Serializer]:
    """A serializer with one field per applicant field declared in dossiers/applicant.py."""
    specs = (applicant_fields.KIND, *applicant_fields.FIELDS)
    return type(name, (serializers.Serializer,), {spec.name: field(spec) for spec in specs})


def _output_field(spec: applicant_fields.ApplicantField) -> serializers.Field:
    source = {} if spec.attribute == spec.name else {"source": spec.attribute}
    return serializers.CharField(help_text=spec.label, **source)


ApplicantSerializer = _applicant_serializer("ApplicantSerializer", _output_field)


def _absolute(context: dict[str, Any], name: str, code: str, **ids: int) -> str:
    path = kept_reverse(name, kwargs={"code": code, **ids})
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Byte.")
    required_document = serializers.IntegerField(source="required_document_id", allow_null=True)
    event_seq = serializers.IntegerField()
    uploaded_at = LocalDateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, attachment: Any) -> str:
        return _absolute(
            self.context, "api-dossier-attachment", attachment.dossier.code, attachment_id=attachment.pk
        )


class ResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField(help_text="Byte.")
    sha256 = serializers.CharField()
    is_signed = serializers.BooleanField(help_text="Văn bản đã được ký số (lãnh đạo và con dấu cơ quan).")
    created_at = LocalDateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, result: Any) -> str:
        return _absolute(self.context, "api-dossier-result", result.dossier.code, result_id=result.pk)


class AllowedActionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="Mã thao tác, ví dụ `receive`.")
    label = serializers.CharField()
    url = serializers.CharField(help_text="POST tới địa chỉ này để thực hiện.")


class EventSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    at = LocalDateTimeField()
    actor_name = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    note = serializers.CharField()


class DossierSummarySerializer(serializers.Serializer):
    """A dossier as shown in lists.

    `lookup_secret` is present only when the context says so: `show_secret` (the submitter's own
    response), or the dossier's receiving or current agency is in `staff_agency_ids`.
    """

    code = serializers.CharField()
    procedure = ProcedureRefSerializer(source="procedure_version")
    state = serializers.CharField()
    status_code = serializers.SerializerMethodField(help_text="Mã trạng thái của Cổng DVC quốc gia (1–10).")
    state_label = serializers.SerializerMethodField()
    channel = serializers.CharField()
    applicant_name = serializers.CharField()
    submitted_at = LocalDateTimeField()
    received_at = LocalDateTimeField(allow_null=True)
    due_at = LocalDateTimeField(allow_null=True)
    appointment_at = LocalDateTimeField(allow_null=True, help_text="Ngày hẹn mới sau khi xin lỗi, gia hạn.")
    finished_at = LocalDateTimeField(allow_null=True)
    returned_at = LocalDateTimeField(allow_null=True)
    receiving_agency = AgencyRefSerializer()
    current_agency = AgencyRefSerializer()
    current_unit = UnitRefSerializer(allow_null=True)
    current_step = serializers.IntegerField(allow_null=True)
    step_due_at = LocalDateTimeField(allow_null=True)
    version = serializers.IntegerField(help_text="Phiên bản (khóa lạc quan: `expected_version`, `If-Match`).")
    lookup_secret = serializers.CharField(
        required=False, help_text="Mã tra cứu: chỉ trả cho người nộp (khi nộp) và cho cán bộ."
    )

    def get_status_code(self, dossier: Dossier) -> int:
        return national_code(dossier.state)

    def get_state_label(self, dossier: Dossier) -> str:
        return label(dossier.state)

    def to_representation(self, instance: Dossier) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.shows_secret(instance):
            data.pop("lookup_secret", None)
        return data

    def shows_secret(self, dossier: Dossier) -> bool:
        if self.context.get("show_secret"):
            return True
        staff = self.context.get("staff_agency_ids") or set()
        return dossier.receiving_agency_id in staff or dossier.current_agency_id in staff


# The columns a list row needs, read with `values()` (no model instances): `summary_row` builds
# from them exactly what `DossierSummarySerializer` gives, and a test holds the two equal.
SUMMARY_COLUMNS = (
    "code",
    "procedure_version__procedure__code",
    "procedure_version__name",
    "procedure_version__number",
    "state",
    "channel",
    "applicant_name",
    "submitted_at",
    "received_at",
    "due_at",
    "appointment_at",
    "finished_at",
    "returned_at",
    "receiving_agency_id",
    "receiving_agency__code",
    "receiving_agency__name",
    "current_agency_id",
    "current_agency__code",
    "current_agency__name",
    "current_unit_id",
    "current_unit__code",
    "current_unit__name",
    "current_step",
    "step_due_at",
    "version",
    "lookup_secret",
)


def _agency_ref(row: dict[str, Any], name: str) -> dict[str, str] | None:
    if row[f"{name}_id"] is None:
        return None
    return {"code": str(row[f"{name}__code"]), "name": str(row[f"{name}__name"])}


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def summary_rows(rows: list[dict[str, Any]], *, staff_agency_ids: set[int]) -> list[dict[str, Any]]:
    """`DossierSummarySerializer(many=True).data` for rows of `SUMMARY_COLUMNS`, without DRF's fields.

    A page of 50 through the serializer was about half of the list's server time: some 20 field
    objects walked per row, a translated label per row. Here each row is one dict built directly and
    the state's label is translated once per state and page. Same keys, same order, same values.
    """
    labels: dict[str, str] = {}
    results = []
    for row in rows:
        state = row["state"]
        state_label = labels.get(state)
        if state_label is None:
            state_label = labels[state] = label(state)
        unit_id = row["current_unit_id"]
        data: dict[str, Any] = {
            "code": str(row["code"]),
            "procedure": {
                "code": str(row["procedure_version__procedure__code"]),
                "name": str(row["procedure_version__name"]),
                "version": int(row["procedure_version__number"]),
            },
            "state": str(state),
            "status_code": national_code(state),
            "state_label": state_label,
            "channel": str(row["channel"]),
            "applicant_name": str(row["applicant_name"]),
            "submitted_at": iso_local(row["submitted_at"]),
            "received_at": iso_local(row["received_at"]),
            "due_at": iso_local(row["due_at"]),
            "appointment_at": iso_local(row["appointment_at"]),
            "finished_at": iso_local(row["finished_at"]),
            "returned_at": iso_local(row["returned_at"]),
            "receiving_agency": _agency_ref(row, "receiving_agency"),
            "current_agency": _agency_ref(row, "current_agency"),
            "current_unit": None
            if unit_id is None
            else {
                "id": int(unit_id),
                "code": str(row["current_unit__code"]),
                "name": str(row["current_unit__name"]),
            },
            "current_step": _int_or_none(row["current_step"]),
            "step_due_at": iso_local(row["step_due_at"]),
            "version": int(row["version"]),
        }
        # As `DossierSummarySerializer.shows_secret`: staff of the receiving or the current agency.
        if row["receiving_agency_id"] in staff_agency_ids or row["current_agency_id"] in staff_agency_ids:
            data["lookup_secret"] = str(row["lookup_secret"])
        results.append(data)
    return results


class DossierTrackingSerializer(DossierSummarySerializer):
    """What anyone holding the code and the lookup secret sees: no personal data, public history."""

    events = serializers.SerializerMethodField()

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, dossier: Dossier) -> list[dict[str, Any]]:
        return EventSerializer(self.context["events"], many=True).data


class DossierDetailSerializer(DossierTrackingSerializer):
    """The full dossier for its owner and the staff of the holding agencies.

    Context: `events` (already filtered for the applicant view when needed), `staff_agency_ids`.
    """

    applicant = ApplicantSerializer(source="*")
    form_data = serializers.JSONField()
    paused_at = LocalDateTimeField(allow_null=True)
    supplement_count = serializers.IntegerField()
    apology_count = serializers.IntegerField()
    assignee_name = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField(
        help_text="Văn bản kết quả: mọi phiên bản với cán bộ; với người nộp, bản cuối sau khi trả kết quả."
    )
    allowed_actions = serializers.SerializerMethodField(
        help_text="Các thao tác người gọi được thực hiện ngay bây giờ (theo bảng thao tác)."
    )

    def get_assignee_name(self, dossier: Dossier) -> str | None:
        return dossier.assignee.display_name if dossier.assignee_id else None  # type: ignore[union-attr]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, dossier: Dossier) -> list[dict[str, Any]]:
        rows = list(dossier.attachments.all())
        for row in rows:
            row.dossier = dossier  # the download link names the dossier: no query per row
        return AttachmentSerializer(rows, many=True, context=self.context).data

    @extend_schema_field(ResultSerializer(many=True))
    def get_results(self, dossier: Dossier) -> list[dict[str, Any]]:
        rows = list(self.context.get("results") or [])
        for row in rows:
            row.dossier = dossier
        return ResultSerializer(rows, many=True, context=self.context).data

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, dossier: Dossier) -> list[dict[str, str]]:
        allowed = self.context.get("allowed_actions") or frozenset()
        rows = []
        for spec in TABLE:
            if spec.action in allowed:
                path = kept_reverse(f"api-dossier-{spec.api_slug}", kwargs={"code": dossier.code})
                request = self.context.get("request")
                rows.append(
                    {
                        "action": spec.api_slug,
                        "label": str(spec.label),
                        "url": request.build_absolute_uri(path) if request is not None else path,
                    }
                )
        return rows


# The attachment columns the detail shows, read with `values_list()` in this order.
ATTACHMENT_COLUMNS = (
    "id",
    "original_name",
    "content_type",
    "size",
    "required_document_id",
    "event_seq",
    "uploaded_at",
)


def _summary_row(dossier: Dossier) -> dict[str, Any]:
    """The `SUMMARY_COLUMNS` of a dossier read with its procedure, agencies and unit, as `values()`
    would give them: each column's path followed through the loaded relations (None past a null one)."""
    row: dict[str, Any] = {}
    for column in SUMMARY_COLUMNS:
        value: Any = dossier
        for attribute in column.split("__"):
            value = getattr(value, attribute)
            if value is None:
                break
        row[column] = value
    return row


def _text_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def detail_data(
    dossier: Dossier,
    *,
    events: list[Any],
    attachments: list[tuple[Any, ...]],
    results: list[Any],
    allowed_actions: frozenset[str],
    staff_agency_ids: set[int],
    show_secret: bool = False,
    request: Any = None,
) -> dict[str, Any]:
    """`DossierDetailSerializer(dossier, context=...).data`, built directly (a test holds them equal).

    Through the serializer, walking its some 60 field objects (copied anew for every answer) was a
    fifth of a read's server time. `events` are the history's rows (`selectors.history`),
    `attachments` rows of `ATTACHMENT_COLUMNS`, `results` the visible result documents.
    """
    (data,) = summary_rows([_summary_row(dossier)], staff_agency_ids=staff_agency_ids)
    if show_secret and "lookup_secret" not in data:
        data["lookup_secret"] = str(dossier.lookup_secret)
    absolute = request.build_absolute_uri if request is not None else str
    event_rows = []
    for event in events:
        event_rows.append(
            {
                "seq": int(event.seq),
                "kind": str(event.kind),
                "kind_label": kind_label(event.kind),
                "at": iso_local(event.at),
                "actor_name": str(event.actor_name),
                "from_state": str(event.from_state),
                "to_state": str(event.to_state),
                "note": str(event.note),
            }
        )
    data["events"] = event_rows
    applicant = {}
    for spec in (applicant_fields.KIND, *applicant_fields.FIELDS):
        applicant[spec.name] = _text_or_none(getattr(dossier, spec.attribute))
    data["applicant"] = applicant
    data["form_data"] = dossier.form_data
    data["paused_at"] = iso_local(dossier.paused_at)
    data["supplement_count"] = int(dossier.supplement_count)
    data["apology_count"] = int(dossier.apology_count)
    data["assignee_name"] = dossier.assignee.display_name if dossier.assignee_id else None  # type: ignore[union-attr]
    code = dossier.code
    data["attachments"] = [
        {
            "id": int(pk),
            "name": str(name),
            "content_type": str(content_type),
            "size": int(size),
            "required_document": _int_or_none(required_document_id),
            "event_seq": int(event_seq),
            "uploaded_at": iso_local(uploaded_at),
            "download_url": absolute(
                kept_reverse("api-dossier-attachment", kwargs={"code": code, "attachment_id": pk})
            ),
        }
        for pk, name, content_type, size, required_document_id, event_seq, uploaded_at in attachments
    ]
    data["results"] = [
        {
            "id": int(result.pk),
            "name": str(result.name),
            "size": int(result.size),
            "sha256": str(result.sha256),
            "is_signed": bool(result.is_signed),
            "created_at": iso_local(result.created_at),
            "download_url": absolute(
                kept_reverse("api-dossier-result", kwargs={"code": code, "result_id": result.pk})
            ),
        }
        for result in results
    ]
    data["allowed_actions"] = [
        {
            "action": spec.api_slug,
            "label": str(spec.label),
            "url": absolute(kept_reverse(f"api-dossier-{spec.api_slug}", kwargs={"code": code})),
        }
        for spec in TABLE
        if spec.action in allowed_actions
    ]
    return data


# --- dossiers: requests ------------------------------------------------------------------------


def _input_field(spec: applicant_fields.ApplicantField) -> serializers.Field:
    if spec is applicant_fields.KIND:
        return serializers.ChoiceField(
            choices=ApplicantKind.choices, required=False, default=ApplicantKind.CITIZEN, help_text=spec.label
        )
    return serializers.CharField(
        max_length=spec.max_length, required=False, allow_blank=True, default="", help_text=spec.label
    )


ApplicantInputSerializer = _applicant_serializer("ApplicantInputSerializer", _input_field)


class SubmitSerializer(serializers.Serializer):
    procedure = serializers.CharField(max_length=30, help_text="Mã thủ tục hành chính.")
    receiving_agency = serializers.CharField(
        max_length=20,
        required=False,
        allow_null=True,
        default=None,
        help_text="Mã định danh nơi nộp; để trống: nơi tiếp nhận đầu tiên của thủ tục.",
    )
    applicant = ApplicantInputSerializer()
    form_data = serializers.DictField(
        required=False, default=dict, help_text="Dữ liệu tờ khai theo form_schema của thủ tục."
    )
    fee_exemption = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text=(
            "Đề nghị miễn, giảm phí, lệ phí: mã (id) một đối tượng miễn, giảm của thủ tục; cán bộ kiểm tra "
            "giấy tờ chứng minh rồi xác nhận hoặc không chấp nhận (thao tác decide-exemption)."
        ),
    )


class PaperDocumentInputSerializer(serializers.Serializer):
    """A required document handed in on paper at the counter (the service checks it, as for the page)."""

    document = serializers.IntegerField(help_text="Mã thành phần hồ sơ (id trong chi tiết thủ tục).")
    form = serializers.ChoiceField(choices=PaperDocument.Form.choices, help_text="Bản chính hay bản sao.")
    copies = serializers.IntegerField(min_value=1, max_value=MAX_COPIES, default=1, help_text="Số bản.")


class CounterSubmitSerializer(SubmitSerializer):
    channel = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in (Channel.COUNTER, Channel.POSTAL)], default=Channel.COUNTER
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    paper_documents = PaperDocumentInputSerializer(
        many=True,
        max_length=100,
        required=False,
        default=list,
        help_text="Thành phần hồ sơ nhận bản giấy. Mỗi thành phần bắt buộc phải có tệp quét "
        "(document_<mã>) hoặc được ghi nhận ở đây.",
    )


DOCUMENT_FILES_HELP = (
    "Tệp không thuộc thành phần hồ sơ nào. Tệp của thành phần hồ sơ có mã N gửi trong trường "
    "`document_N` (xem `upload_field` trong chi tiết thủ tục); mỗi trường chứa được nhiều tệp."
)


def multipart_request(
    body: type[serializers.Serializer], files: dict[str, serializers.Field], name: str
) -> OpenApiRequest:
    """Documentation of a multipart variant: the JSON body as the `payload` part, then the files."""
    attrs: dict[str, Any] = {"payload": body(help_text="Nội dung JSON của yêu cầu (phần application/json).")}
    attrs.update(files)
    serializer = type(name, (serializers.Serializer,), attrs)
    return OpenApiRequest(serializer, encoding={"payload": {"contentType": "application/json"}})


def document_files() -> dict[str, serializers.Field]:
    return {
        "document_other": serializers.ListField(
            child=serializers.FileField(), required=False, help_text=DOCUMENT_FILES_HELP
        )
    }


class VersionedSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(
        min_value=0,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        default=None,
        help_text="Phiên bản hồ sơ mà người dùng đã xem; có thể gửi qua tiêu đề `If-Match` thay thế.",
    )


# --- calendar ----------------------------------------------------------------------------------


CALENDAR_YEARS = (1990, 2100)


class DueQuerySerializer(serializers.Serializer):
    start = serializers.DateTimeField(help_text="ISO 8601, ví dụ 2025-01-24T09:00 (mặc định giờ +07:00).")
    amount = serializers.IntegerField(min_value=0, max_value=1000)
    # Empty (as a form sends it) means the default, working days.
    unit = serializers.ChoiceField(choices=["day", "hour"], default="day", allow_blank=True)
    agency = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="Mã định danh cơ quan; để trống: lịch chung.",
    )
    cut_off = serializers.RegexField(
        r"^(|([01][0-9]|2[0-3]):[0-5][0-9])$",
        required=False,
        allow_blank=True,
        help_text="Giờ chốt tiếp nhận, ví dụ 15:00; để trống: không có giờ chốt.",
    )

    def validate_cut_off(self, value: str) -> time | None:
        return time.fromisoformat(value) if value else None

    def validate_start(self, value: Any) -> Any:
        # The official calendar is kept for the present era only; year 204 is a typing slip.
        if not CALENDAR_YEARS[0] <= value.year <= CALENDAR_YEARS[1]:
            raise serializers.ValidationError(
                f"Thời điểm bắt đầu phải trong khoảng năm {CALENDAR_YEARS[0]}–{CALENDAR_YEARS[1]}."
            )
        return value


class DueResponseSerializer(serializers.Serializer):
    start = LocalDateTimeField()
    amount = serializers.IntegerField()
    unit = serializers.CharField()
    agency = serializers.CharField(allow_null=True)
    due = LocalDateTimeField()
