"""The back office's action forms, derived from the declared inputs of the table of actions.

`action_form(spec, dossier)` builds a Django form class for one row of `dossiers.actions.TABLE`:
one form field per declared input, with choices read for this dossier (its required documents, the
officers who may receive it, the units it can go to). The forms check shapes only; the service the
row names decides the rest.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.queries import transfer_destinations
from motcua.core.time import VN_TZ
from motcua.dossiers.actions import ActionSpec, Field, Kind
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import next_step_target, officers_of

# Day first and a 24-hour clock, whatever language the browser speaks (a native date-time input
# shows mm/dd/yyyy and AM/PM in an English browser): a text input, read with the active language's
# DATETIME_INPUT_FORMATS, which motcua/formats makes dd/mm/yyyy hh:mm in Vietnamese and English alike.
DATETIME_PLACEHOLDER = "dd/mm/yyyy hh:mm"


class LocalDateTimeField(forms.DateTimeField):
    """dd/mm/yyyy hh:mm on the wall clock of Vietnam."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "placeholder": DATETIME_PLACEHOLDER,
                    "inputmode": "numeric",
                    "pattern": r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}",
                    "autocomplete": "off",
                    "class": "datetime-vn",
                }
            ),
        )
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _(
            "Nhập ngày giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/03/2026 14:30."
        )

    def clean(self, value: Any) -> datetime | None:
        cleaned = super().clean(value)
        if cleaned is not None and cleaned.tzinfo is None:
            cleaned = cleaned.replace(tzinfo=VN_TZ)
        return cleaned


class LinesField(forms.CharField):
    """Several short texts, one per line."""

    def __init__(self, *, item_max: int | None, **kwargs: Any) -> None:
        self.item_max = item_max
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        lines = [line.strip() for line in str(text).splitlines() if line.strip()]
        if self.item_max and any(len(line) > self.item_max for line in lines):
            raise forms.ValidationError(_("Mỗi dòng tối đa %(n)s ký tự.") % {"n": self.item_max})
        return lines


def _officer_choices(people: list[Any]) -> list[tuple[str, str]]:
    return [("", str(_("— Không chỉ định (đơn vị phân công) —")))] + [
        (str(p.pk), p.display_name) for p in people
    ]


def form_field(f: Field, dossier: Dossier, choices: dict[str, Any]) -> forms.Field | None:
    """The Django field for one declared input; None for inputs pages do not take (JSON)."""
    common: dict[str, Any] = {"label": f.label, "required": f.required, "help_text": f.help}
    if f.kind == Kind.TEXT:
        return forms.CharField(max_length=f.max_length, initial=f.default, **common)
    if f.kind == Kind.LONG_TEXT:
        return forms.CharField(
            max_length=f.max_length, initial=f.default, widget=forms.Textarea(attrs={"rows": 2}), **common
        )
    if f.kind == Kind.LINES:
        return LinesField(item_max=f.max_length, **common)
    if f.kind == Kind.INTEGER:
        return forms.IntegerField(min_value=f.min_value, max_value=f.max_value, **common)
    if f.kind == Kind.BOOLEAN and f.choices:
        return forms.TypedChoiceField(
            choices=[(value, label) for value, label in f.choices],
            coerce=lambda v: v == "1",
            initial=f.choices[0][0],
            widget=forms.RadioSelect,
            **common,
        )
    if f.kind == Kind.BOOLEAN:
        return forms.BooleanField(initial=bool(f.default), **{**common, "required": False})
    if f.kind == Kind.CHOICE:
        return forms.ChoiceField(
            choices=[(value, label) for value, label in f.choices],
            initial=f.default,
            widget=forms.RadioSelect,
            **common,
        )
    if f.kind == Kind.DATETIME:
        return LocalDateTimeField(**common)
    if f.kind == Kind.REQUIRED_DOCUMENTS:
        return forms.TypedMultipleChoiceField(
            choices=[(str(d.pk), d.name) for d in choices["required_documents"]],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            **{**common, "required": False},
        )
    if f.kind == Kind.UNIT:
        grouped: dict[str, list[tuple[str, str]]] = {}
        for unit in choices["units"]:
            grouped.setdefault(unit.agency.name, []).append((str(unit.pk), unit.name))
        return forms.TypedChoiceField(
            choices=[("", str(_("— Chọn đơn vị —"))), *grouped.items()], coerce=int, **common
        )
    if f.kind == Kind.OFFICER:
        people = choices["officers"].get(f.officers_of or "current", [])
        widget = forms.Select(
            choices=_officer_choices(people)
            if not f.required
            else [(str(p.pk), p.display_name) for p in people]
        )
        return forms.IntegerField(min_value=1, widget=widget, **common)
    if f.kind == Kind.PDF:
        return forms.FileField(**common)
    return None


def choices_for(spec: ActionSpec, dossier: Dossier) -> dict[str, Any]:
    """What the fields of `spec` offer for this dossier, read only when the action asks for it."""
    kinds = {f.kind for f in spec.inputs}
    found: dict[str, Any] = {"officers": {}}
    if kinds & {Kind.REQUIRED_DOCUMENTS, Kind.DOCUMENT_FILES}:
        found["required_documents"] = list(dossier.procedure_version.required_documents.all())
    if Kind.UNIT in kinds:
        found["units"] = transfer_destinations()
    for f in spec.inputs:
        if f.kind != Kind.OFFICER:
            continue
        if f.officers_of == "next_step":
            target = next_step_target(dossier)
            unit_id = getattr(target.unit, "pk", None) if target else None
            found["officers"]["next_step"] = (
                officers_of(target.agency.pk, unit_id, agency_wide=unit_id is None) if target else []
            )
        elif f.officers_of:
            found["officers"][f.officers_of] = []  # filled in the browser once a unit is chosen
        else:
            found["officers"]["current"] = officers_of(dossier.current_agency_id, dossier.current_unit_id)
    return found


class ActionForm(forms.Form):
    action_spec: ActionSpec

    def values(self, files: Any) -> dict[str, Any]:
        """The validated inputs by declared name, the files of document slots included."""
        values: dict[str, Any] = {}
        for f in self.action_spec.inputs:
            if f.kind == Kind.DOCUMENT_FILES:
                values[f.name] = document_uploads(files)
            elif f.name in self.cleaned_data:
                values[f.name] = self.cleaned_data[f.name]
        return values


def action_form(spec: ActionSpec, dossier: Dossier) -> type[ActionForm]:
    """A form class for `spec` on `dossier`."""
    choices = choices_for(spec, dossier)
    attrs: dict[str, Any] = {"action_spec": spec, "required_documents": choices.get("required_documents", [])}
    for f in spec.inputs:
        field = form_field(f, dossier, choices)
        if field is not None:
            attrs[f.name] = field
    for f in spec.inputs:
        if f.kind == Kind.OFFICER and isinstance(attrs.get(f.officers_of), forms.TypedChoiceField):
            # Choosing the unit loads its officers into this field (the page's ids: `<page_slug>-<name>`).
            attrs[f.officers_of].widget.attrs.update(
                {
                    "hx-get": reverse("backoffice:officers"),
                    "hx-target": f"#{spec.page_slug}-{f.name}",
                    "hx-trigger": "change",
                }
            )
    return type(f"{spec.action.value.title().replace('_', '')}Form", (ActionForm,), attrs)


def document_uploads(files: Any) -> list[tuple[int | None, Any]]:
    """Files posted as `doc__<required document id>` or `doc__other`."""
    found: list[tuple[int | None, Any]] = []
    for key in files:
        if not key.startswith("doc__"):
            continue
        slot = key.split("__", 1)[1]
        if slot != "other" and not slot.isdigit():
            continue
        found += [(None if slot == "other" else int(slot), upload) for upload in files.getlist(key)]
    return found
