"""The counter's registration form. It checks shapes; the services decide what is allowed.

The forms of the actions on a dossier are derived from the table of actions (`action_forms.py`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import applicant as applicant_fields
from motcua.dossiers.models import ApplicantKind, Channel, PaperDocument
from motcua.dossiers.services import MAX_COPIES, Paper

TEXT = {"class": "input"}


# --- registration at the counter: applicant and the scans ----------------------------------------------


def _input_attrs(spec: applicant_fields.ApplicantField) -> dict[str, str]:
    attrs = {"type": spec.input_type, "autocomplete": spec.autocomplete, "inputmode": spec.inputmode}
    return {key: value for key, value in attrs.items() if value}


class ApplicantForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=[(Channel.COUNTER, _("Trực tiếp tại quầy")), (Channel.POSTAL, _("Qua bưu chính công ích"))],
        initial=Channel.COUNTER,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(
        label=applicant_fields.KIND.label, choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN
    )
    note = forms.CharField(label=_("Ghi chú tiếp nhận"), max_length=2000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in applicant_fields.FIELDS:
            self.fields[spec.name] = forms.CharField(
                label=spec.label,
                max_length=spec.max_length,
                required=spec.required,
                help_text=spec.hint,
                widget=forms.TextInput(attrs=_input_attrs(spec)),
            )
        self.order_fields(["channel", *applicant_fields.NAMES, "note"])

    def applicant(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k, "") for k in applicant_fields.NAMES}


class RegistrationForm(ApplicantForm):
    """The applicant, then one upload per required document.

    The procedure's own form is read by `web.schema_form`, as on the portal.
    """

    def __init__(self, *args: Any, version: ProcedureVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
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
        exemptions = list(version.fee_exemptions.all())
        if exemptions:
            # A plain text value: the submission checks it (`claimed_exemption`), as at every door.
            self.fields["fee_exemption"] = forms.CharField(
                label=_("Đề nghị miễn, giảm phí, lệ phí"),
                required=False,
                widget=forms.Select(
                    choices=[("", _("Không đề nghị")), *((str(e.pk), e.description) for e in exemptions)]
                ),
                help_text=_("Kiểm tra giấy tờ chứng minh rồi xác nhận trên trang hồ sơ."),
            )

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self[k] for k in applicant_fields.NAMES]

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


class CounterSupplementForm(forms.Form):
    """Papers the applicant brings to the counter in answer to a supplement request."""

    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)
