"""Application forms are JSON Schema documents (draft 2020-12)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from motcua.core import phones
from motcua.core.errors import ValidationFailed

# The formats JSON Schema knows, and ours: a Vietnamese telephone number, checked by the one rule.
FORMATS = FormatChecker()


@FORMATS.checks(phones.SCHEMA_FORMAT)
def _is_phone(value: object) -> bool:
    return not isinstance(value, str) or phones.is_valid_phone(value)


def check_form_schema(schema: dict[str, Any]) -> None:
    """Refuse a schema that is not valid JSON Schema, so that no dossier meets a broken form."""
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValidationFailed(
            _("Biểu mẫu điện tử không hợp lệ: %(reason)s") % {"reason": exc.message}
        ) from exc


def form_errors(schema: dict[str, Any], data: Any) -> dict[str, str]:
    """Field-level errors of `data` against `schema`, keyed by the field's JSON path ('' for the root)."""
    if not schema:
        return {}
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    errors: dict[str, str] = {}
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        path = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            path = f"{path}.{missing}".strip(".")
            title = schema.get("properties", {}).get(missing, {}).get("title", missing)
            errors.setdefault(path, _("Vui lòng nhập %(title)s.") % {"title": title})
            continue
        title = _title_for(schema, list(error.absolute_path)) or path
        errors.setdefault(path, _message_for(error.validator, title, error))
    return errors


def _title_for(schema: dict[str, Any], path: list[Any]) -> str:
    node: Any = schema
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return node.get("title", "") if isinstance(node, dict) else ""


def _number(value: Any) -> str:
    """A limit as a Vietnamese reader writes it: 120,5 rather than 120.5."""
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


# Patterns the catalogue uses, with what a person must type to match them.
PATTERN_EXPECTED: dict[str, Any] = {
    r"^\d{12}$": gettext_lazy("gồm đúng 12 chữ số, ví dụ 001090012345."),
    r"^0\d{9}$": phones.HOW,
    r"^\d{10}(-\d{3})?$": gettext_lazy(
        "gồm 10 chữ số, hoặc 10 chữ số và 3 chữ số của đơn vị phụ thuộc (0123456789-001)."
    ),
}

TYPE_EXPECTED: dict[str, Any] = {
    "integer": gettext_lazy("phải là số nguyên, ví dụ 2."),
    "number": gettext_lazy("phải là một số, ví dụ 120,5."),
    "string": gettext_lazy("phải là chữ."),
    "boolean": gettext_lazy("chỉ chọn có hoặc không."),
    "array": gettext_lazy("phải là một danh sách."),
    "object": gettext_lazy("phải là một nhóm thông tin."),
}

FORMAT_EXPECTED: dict[str, Any] = {
    "email": gettext_lazy("phải là địa chỉ thư điện tử, ví dụ ten@example.vn."),
    # Pages turn 17/05/1990 into ISO before the check; only machine doors meet this one.
    "date": gettext_lazy("phải là một ngày có thật, ghi theo dạng năm-tháng-ngày (ví dụ 1990-05-17)."),
    phones.SCHEMA_FORMAT: phones.HOW,
}


def _message_for(kind: Any, title: str, error: Any) -> str:
    """What was expected, in the user's language: never only 'wrong format' or 'too small'."""
    expected = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "type":
        wanted = expected if isinstance(expected, str) else (expected or [""])[0]
        detail = str(TYPE_EXPECTED.get(wanted, _("kiểu dữ liệu không đúng.")))
    elif kind == "format":
        detail = str(
            FORMAT_EXPECTED.get(expected, _("phải theo định dạng %(format)s.") % {"format": expected})
        )
    elif kind == "pattern":
        known = PATTERN_EXPECTED.get(expected)
        if known is not None:
            detail = str(known)
        elif schema.get("description"):
            detail = _("không đúng dạng yêu cầu: %(description)s") % {"description": schema["description"]}
        else:
            detail = _("không đúng dạng yêu cầu.")
    elif kind == "minLength":
        detail = (
            _("không được để trống.")
            if expected == 1
            else _("cần ít nhất %(count)s ký tự.") % {"count": expected}
        )
    elif kind == "maxLength":
        detail = _("tối đa %(count)s ký tự (đang có %(length)s).") % {
            "count": expected,
            "length": len(error.instance) if isinstance(error.instance, str) else "?",
        }
    elif kind == "enum":
        choices = [str(choice) for choice in expected or []]
        detail = (
            _("chọn một trong các giá trị: %(choices)s.") % {"choices": "; ".join(choices)}
            if len(choices) <= 6
            else _("chọn một giá trị trong danh sách.")
        )
    elif kind == "minimum":
        detail = _("phải từ %(minimum)s trở lên.") % {"minimum": _number(expected)}
    elif kind == "exclusiveMinimum":
        detail = _("phải lớn hơn %(minimum)s.") % {"minimum": _number(expected)}
    elif kind == "maximum":
        detail = _("không được lớn hơn %(maximum)s.") % {"maximum": _number(expected)}
    elif kind == "exclusiveMaximum":
        detail = _("phải nhỏ hơn %(maximum)s.") % {"maximum": _number(expected)}
    elif kind == "additionalProperties":
        return _("Biểu mẫu có trường không được khai báo.")
    else:
        detail = error.message
    return f"{title}: {detail}"
