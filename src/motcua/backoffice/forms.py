"""Forms of the back office. They check shapes (a number, a date); the services decide what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.models import ApplicantKind, Channel
from motcua.dossiers.services import APPLICANT_FIELDS, RETURN_METHODS

TEXT = {"class": "input"}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SupplementRequestForm(forms.Form):
    documents = forms.MultipleChoiceField(
        label=_("Giấy tờ còn thiếu"), required=False, widget=forms.CheckboxSelectMultiple
    )
    other = forms.CharField(
        label=_("Nội dung khác cần bổ sung, hoàn thiện (mỗi dòng một mục)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("Lý do"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, required_documents: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(str(d.pk), d.name) for d in required_documents]  # type: ignore[attr-defined]
        self._names = {str(d.pk): d for d in required_documents}

    def missing(self) -> list[str]:
        items = []
        for pk in self.cleaned_data["documents"]:
            doc = self._names[pk]
            items.append(f"{doc.name} ({doc.get_copy_type_display().lower()})")
        items += [line.strip() for line in self.cleaned_data["other"].splitlines() if line.strip()]
        return items

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("documents") and not (data.get("other") or "").strip():
            raise forms.ValidationError(_("Hãy chọn hoặc ghi rõ ít nhất một giấy tờ cần bổ sung."))
        return data


class TransferForm(forms.Form):
    to_unit = forms.TypedChoiceField(label=_("Chuyển đến đơn vị"), coerce=int)
    to_assignee = forms.IntegerField(label=_("Cán bộ nhận (không bắt buộc)"), required=False)
    step = forms.IntegerField(label=_("Bước quy trình"), required=False)
    note = forms.CharField(
        label=_("Ý kiến xử lý"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].choices = [(u.pk, u.name) for u in units]  # type: ignore[attr-defined]


class ForwardForm(forms.Form):
    to_assignee = forms.IntegerField(label=_("Cán bộ nhận"), required=False)
    note = forms.CharField(
        label=_("Ý kiến xử lý"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    assignee = forms.IntegerField(label=_("Giao cho cán bộ"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)


class FinancialForm(forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1, max_value=10**13)
    description = forms.CharField(label=_("Khoản phải nộp"), max_length=500)


class ReceiptForm(forms.Form):
    receipt_number = forms.CharField(label=_("Số biên lai, chứng từ"), required=False, max_length=100)


class ProposeResultForm(forms.Form):
    MODES = [("generate", _("Tạo từ mẫu văn bản của thủ tục")), ("upload", _("Tải lên tệp PDF"))]
    mode = forms.ChoiceField(
        label=_("Cách lập văn bản kết quả"), choices=MODES, initial="generate", widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Trích yếu"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Nội dung quyết định / văn bản kết quả"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    file = forms.FileField(label=_("Tệp PDF kết quả"), required=False)
    forward = forms.BooleanField(label=_("Chuyển ngay lãnh đạo phê duyệt"), required=False, initial=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == "generate" and not (data.get("text") or "").strip():
            self.add_error("text", _("Vui lòng nhập nội dung văn bản kết quả."))
        if data.get("mode") == "upload" and not data.get("file"):
            self.add_error("file", _("Vui lòng chọn tệp PDF."))
        return data


class ResolveForm(forms.Form):
    result_summary = forms.CharField(
        label=_("Kết quả giải quyết"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReturnForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Hình thức trả kết quả"), choices=list(RETURN_METHODS.items()), widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Ghi chú (người nhận, số vận đơn…)"), required=False, max_length=2000)


class ApologyForm(forms.Form):
    new_appointment = forms.DateTimeField(
        label=_("Ngày hẹn trả kết quả mới"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    reason = forms.CharField(
        label=_("Lý do chậm trễ"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_new_appointment(self) -> datetime:
        value: datetime = self.cleaned_data["new_appointment"]
        return value.replace(tzinfo=VN_TZ) if value.tzinfo is None else value


class WithdrawalDecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[
            ("1", _("Chấp nhận cho rút hồ sơ (dừng giải quyết)")),
            ("0", _("Không chấp nhận, tiếp tục giải quyết")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)


# --- registration at the counter: applicant, the procedure's JSON Schema form, the scans ---------------


class ApplicantForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.COUNTER, _("Trực tiếp tại quầy")), (Channel.POSTAL, _("Qua bưu chính công ích"))],
        initial=Channel.COUNTER,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=_("Đối tượng"), choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN
    )
    name = forms.CharField(label=_("Họ và tên người nộp"), max_length=200)
    id_number = forms.CharField(label=_("Số định danh cá nhân / CCCD"), max_length=20, required=False)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.CharField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    organisation_name = forms.CharField(label=_("Tên tổ chức"), max_length=300, required=False)
    organisation_tax_code = forms.CharField(
        label=_("Mã số thuế / mã số doanh nghiệp"), max_length=20, required=False
    )
    note = forms.CharField(label=_("Ghi chú tiếp nhận"), max_length=2000, required=False)

    def applicant(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k, "") for k in APPLICANT_FIELDS}


def schema_fields(schema: dict[str, Any]) -> list[tuple[str, forms.Field]]:
    """Django fields for a flat JSON Schema object; the schema itself validates again in the service."""
    required = set(schema.get("required", []))
    fields: list[tuple[str, forms.Field]] = []
    for key, spec in (schema.get("properties") or {}).items():
        title = spec.get("title", key)
        kind = spec.get("type")
        common = {"label": title, "required": key in required, "help_text": spec.get("description", "")}
        field: forms.Field
        if "enum" in spec:
            choices = [("", "—")] + [(str(v), str(v)) for v in spec["enum"]]
            field = forms.ChoiceField(choices=choices, **common)
        elif kind == "boolean":
            field = forms.BooleanField(**{**common, "required": False})
        elif kind == "integer":
            field = forms.IntegerField(min_value=spec.get("minimum"), max_value=spec.get("maximum"), **common)
        elif kind == "number":
            field = forms.FloatField(min_value=spec.get("minimum"), max_value=spec.get("maximum"), **common)
        elif spec.get("format") == "date":
            field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        elif spec.get("maxLength", 0) > 300:
            field = forms.CharField(
                max_length=spec.get("maxLength"), widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        else:
            field = forms.CharField(max_length=spec.get("maxLength"), **common)
        fields.append((f"form__{key}", field))
    return fields


def form_values(schema: dict[str, Any], cleaned: dict[str, Any]) -> dict[str, Any]:
    """Cleaned field values back into the JSON the schema describes (empty optional values left out)."""
    data: dict[str, Any] = {}
    for key, spec in (schema.get("properties") or {}).items():
        value = cleaned.get(f"form__{key}")
        if value in (None, "") and spec.get("type") != "boolean":
            continue
        if spec.get("format") == "date" and value is not None:
            value = value.isoformat()
        data[key] = value
    return data


class RegistrationForm(ApplicantForm):
    """The applicant, then the fields of the procedure's form, then one upload per required document."""

    def __init__(self, *args: Any, version: ProcedureVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.form_keys = []
        for name, field in schema_fields(version.form_schema or {}):
            self.fields[name] = field
            self.form_keys.append(name)
        self.document_keys = []
        for doc in version.required_documents.all():
            name = f"doc__{doc.pk}"
            self.fields[name] = forms.FileField(
                label=doc.name, required=False, help_text=f"{doc.get_copy_type_display()}, {doc.count} bản"
            )
            self.fields[name].is_mandatory = doc.is_mandatory  # type: ignore[attr-defined]
            self.document_keys.append(name)
        self.fields["doc__other"] = forms.FileField(label=_("Giấy tờ khác"), required=False)
        self.document_keys.append("doc__other")

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in ApplicantForm.base_fields if k not in ("channel", "note")]

    def schema_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in self.form_keys]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in self.document_keys]

    def documents(self, files: Any) -> list[tuple[int | None, Any]]:
        found: list[tuple[int | None, Any]] = []
        for key in self.document_keys:
            for upload in files.getlist(key):
                found.append((None if key == "doc__other" else int(key.split("__")[1]), upload))
        return found

    def form_data(self) -> dict[str, Any]:
        return form_values(self.version.form_schema or {}, self.cleaned_data)


class CounterSupplementForm(forms.Form):
    """Papers the applicant brings to the counter in answer to a supplement request."""

    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
