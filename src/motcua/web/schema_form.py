"""HTML form fields generated from a procedure's JSON Schema, and the typed text turned back into JSON.

The one place that handles a procedure's form, for the portal's application and the counter alike.
The schema says what a field is (string, date, integer, number, enum, boolean); this module decides
how it is shown (template `web/schema_field.html`), reads what was typed and shows what was stored.
Whether the data is acceptable is decided by
`catalog.schemas.form_errors` (through `dossiers.services.application_errors`); only errors of
reading (a date that is no date, a number that is no number) are said here, more precisely.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.core import jsonlimits, phones

PREFIX = "form-"
_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
# Bounded: int() refuses more than 4,300 digits (a crash, not an error message) and a float of 400
# digits is infinity, which no JSON column stores.
_INTEGER = re.compile(r"^[+-]?\d{1,18}$")
_NUMBER = re.compile(r"^[+-]?\d{1,15}([.,]\d{1,15})?$")
LONG_TEXT = 400  # maxLength above which a string gets a text area


@dataclass
class SchemaField:
    name: str
    title: str
    widget: str  # text, textarea, date, integer, number, select, radio, checkbox, email, tel, json
    required: bool
    value: Any = ""
    error: str = ""
    choices: list[str] = field(default_factory=list)
    hint: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def html_name(self) -> str:
        return PREFIX + self.name

    @property
    def html_id(self) -> str:
        return PREFIX + self.name


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return schema.get("properties", {}) if isinstance(schema, dict) else {}


def _widget(spec: dict[str, Any]) -> str:
    kind = spec.get("type")
    if "enum" in spec:
        return "radio" if len(spec["enum"]) <= 3 else "select"
    if kind == "boolean":
        return "checkbox"
    if kind == "integer":
        return "integer"
    if kind == "number":
        return "number"
    if kind == "string":
        fmt = spec.get("format")
        if fmt == "date":
            return "date"
        if fmt == "email":
            return "email"
        if fmt == phones.SCHEMA_FORMAT or spec.get("pattern") == r"^0\d{9}$":
            return "tel"
        if spec.get("maxLength", 0) > LONG_TEXT:
            return "textarea"
        return "text"
    return "json"


def _hint(spec: dict[str, Any], widget: str) -> str:
    if spec.get("description"):
        return str(spec["description"])
    if widget == "date":
        return _("Ngày/tháng/năm, ví dụ 17/05/1990.")
    if widget == "integer" and "minimum" in spec and "maximum" in spec:
        return _("Số nguyên từ %(min)s đến %(max)s.") % {"min": spec["minimum"], "max": spec["maximum"]}
    if widget == "json":
        return _("Nhập dữ liệu theo định dạng JSON.")
    if widget == "tel":
        return _("Di động hoặc cố định, ví dụ 0912 345 678 hoặc 0233 3852 999.")
    pattern = spec.get("pattern")
    if pattern == r"^\d{12}$":
        return _("12 chữ số.")
    return ""


def fields_for(
    schema: dict[str, Any],
    raw: dict[str, Any],
    errors: dict[str, str] | None = None,
    *,
    locked: Collection[str] = (),
) -> list[SchemaField]:
    """The fields of the form in schema order, showing `raw` (what was typed) and the errors.

    `locked` fields are shown read-only: their values come from the citizen's verified identity.
    """
    errors = errors or {}
    required = set(schema.get("required", [])) if isinstance(schema, dict) else set()
    fields = []
    for name, spec in _properties(schema).items():
        widget = _widget(spec)
        value = raw.get(name, spec.get("default", False if widget == "checkbox" else ""))
        if widget == "checkbox":
            value = value is True
        elif widget == "date" and isinstance(value, str) and parse_date(value) == value.strip():
            value = _iso_to_dmy(value.strip())  # shown as the citizen writes a date
        attrs: dict[str, Any] = {}
        if widget == "integer":
            attrs.update(inputmode="numeric")
        if widget in ("text", "tel", "email", "textarea") and spec.get("maxLength"):
            attrs["maxlength"] = spec["maxLength"]
        if name in locked:
            attrs["readonly"] = True
        fields.append(
            SchemaField(
                name=name,
                title=str(spec.get("title") or name),
                widget=widget,
                required=name in required and widget != "checkbox",
                value="" if value is None else value,
                error=errors.get(name, ""),
                choices=[str(c) for c in spec.get("enum", [])],
                hint=_hint(spec, widget),
                attrs=attrs,
            )
        )
    return fields


def raw_from_post(schema: dict[str, Any], post: Any) -> dict[str, Any]:
    """What the citizen typed, field by field: strings as typed, check boxes as booleans."""
    raw: dict[str, Any] = {}
    for name, spec in _properties(schema).items():
        if _widget(spec) == "checkbox":
            raw[name] = post.get(PREFIX + name) in ("on", "true", "1")
        else:
            raw[name] = str(post.get(PREFIX + name, ""))[:10_000]
    return raw


def _iso_to_dmy(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def parse_date(text: str) -> str | None:
    """'17/05/1990' or '1990-05-17' -> '1990-05-17'; None if it is not a real day."""
    text = text.strip()
    try:
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day).isoformat()
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def to_data(schema: dict[str, Any], raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """JSON data for the schema from the typed text, and the errors of reading it.

    An empty field is left out (the schema then says whether it was required). A value that cannot
    be read keeps its text, so that the schema check reports it too and nothing is silently dropped.
    """
    data: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, spec in _properties(schema).items():
        widget = _widget(spec)
        title = str(spec.get("title") or name)
        value = raw.get(name)
        if widget == "checkbox":
            data[name] = value is True
            continue
        text = str(value if value is not None else "").strip()
        if text == "":
            continue
        if widget == "date":
            parsed = parse_date(text)
            if parsed is None:
                errors[name] = _(
                    "%(title)s: không phải ngày hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 17/05/1990."
                ) % {"title": title}
                data[name] = text
            else:
                data[name] = parsed
        elif widget == "integer":
            if _INTEGER.match(text.replace(" ", "")):
                data[name] = int(text.replace(" ", ""))
            else:
                errors[name] = _("%(title)s: phải là số nguyên, ví dụ 2.") % {"title": title}
                data[name] = text
        elif widget == "number":
            if _NUMBER.match(text.replace(" ", "")):
                data[name] = float(text.replace(" ", "").replace(",", "."))
            else:
                errors[name] = _("%(title)s: phải là một số, ví dụ 120,5.") % {"title": title}
                data[name] = text
        elif widget == "tel":
            phone = phones.clean_phone(text)
            if phone is None:
                errors[name] = f"{title}: {phones.HOW}"
                data[name] = text
            else:
                data[name] = phone
        elif widget == "json":
            try:
                data[name] = jsonlimits.loads(text, max_depth=settings.MOTCUA_MAX_JSON_DEPTH)
            except ValueError:  # too deep and NaN too: a form field is no place for either
                errors[name] = _("%(title)s: dữ liệu JSON không hợp lệ.") % {"title": title}
                data[name] = text
        else:
            data[name] = text
    return data, errors


def display_value(spec_field: SchemaField, data: dict[str, Any]) -> str:
    """How a value reads on the review page."""
    value = data.get(spec_field.name)
    if spec_field.widget == "checkbox":
        return _("Có") if value else _("Không")
    if value in (None, ""):
        return "—"
    if spec_field.widget == "date" and isinstance(value, str):
        parsed = parse_date(value)
        if parsed:
            return _iso_to_dmy(parsed)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def form_rows(schema: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    """A stored application as (title, value) rows in the schema's order, then any field it no longer has."""
    rows = [(f.title, display_value(f, data)) for f in fields_for(schema, {}) if f.name in data]
    known = set(_properties(schema))
    extra = [SchemaField(name, name, "text", False) for name in data if name not in known]
    rows += [(f.title, display_value(f, data)) for f in extra]
    return rows


# Profile fields that pre-fill form fields of the same meaning (names used by the catalogue).
PREFILL = {
    "full_name": ("ho_ten", "ho_ten_nguoi_yeu_cau", "ho_ten_chu_ho", "ho_ten_nguoi_nop"),
    "national_id": ("so_dinh_danh", "so_dinh_danh_nguoi_yeu_cau", "so_dinh_danh_chu_ho", "so_cccd"),
    "phone": ("so_dien_thoai",),
    "email": ("email", "thu_dien_tu"),
    "address": ("noi_thuong_tru", "dia_chi", "dia_chi_thuong_tru"),
    "birth_date": ("ngay_sinh", "ngay_sinh_nguoi_yeu_cau"),
}


def prefill(schema: dict[str, Any], profile: dict[str, str]) -> dict[str, Any]:
    props = _properties(schema)
    raw: dict[str, Any] = {}
    for source, names in PREFILL.items():
        value = profile.get(source, "")
        for name in names:
            widget = _widget(props[name]) if name in props else ""
            if value and widget in ("text", "tel", "email", "textarea"):
                raw[name] = value
            elif value and widget == "date" and parse_date(value):
                raw[name] = parse_date(value)
    return raw
