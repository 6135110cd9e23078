"""The counter's registration form. It checks shapes; the services decide what is allowed.

The forms of the actions on a dossier are derived from the table of actions (`action_forms.py`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import ApplicantKind, Channel, PaperDocument
from motcua.dossiers.services import APPLICANT_FIELDS, MAX_COPIES, Paper

TEXT = {"class": "input"}


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
        self.paper_keys: list[tuple[int, str, str]] = []
        for doc in version.required_documents.all():
            name = f"doc__{doc.pk}"
            self.fields[name] = forms.FileField(
                label=doc.name, required=False, help_text=f"{doc.get_copy_type_display()}, {doc.count} bản"
            )
            self.fields[name].is_mandatory = doc.is_mandatory  # type: ignore[attr-defined]
            self.document_keys.append(name)
            # Received on paper instead of (or besides) a scan: its form and number of copies.
            self.fields[f"paper__{doc.pk}"] = forms.ChoiceField(
                label=_("Bản giấy nhận tại quầy"),
                required=False,
                choices=[("", _("Không nhận bản giấy")), *PaperDocument.Form.choices],
            )
            self.fields[f"copies__{doc.pk}"] = forms.IntegerField(
                label=_("Số bản"), required=False, min_value=1, max_value=MAX_COPIES, initial=doc.count or 1
            )
            self.paper_keys.append((doc.pk, f"paper__{doc.pk}", f"copies__{doc.pk}"))
        self.fields["doc__other"] = forms.FileField(label=_("Giấy tờ khác"), required=False)
        self.document_keys.append("doc__other")

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in ApplicantForm.base_fields if k not in ("channel", "note")]

    def schema_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in self.form_keys]

    def document_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in self.document_keys]

    def document_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        """Per required document: its scan, and the paper received at the counter (form, copies)."""
        return [(self[f"doc__{pk}"], self[paper], self[copies]) for pk, paper, copies in self.paper_keys]

    def papers(self) -> list[Paper]:
        return [
            Paper(pk, self.cleaned_data[paper], self.cleaned_data[copies] or 1)
            for pk, paper, copies in self.paper_keys
            if self.cleaned_data.get(paper)
        ]

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
