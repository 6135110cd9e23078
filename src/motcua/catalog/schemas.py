"""Application forms are JSON Schema documents (draft 2020-12)."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from motcua.core.errors import ValidationFailed


def check_form_schema(schema: dict[str, Any]) -> None:
    """Refuse a schema that is not valid JSON Schema, so that no dossier meets a broken form."""
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise ValidationFailed(f"Biểu mẫu điện tử không hợp lệ: {exc.message}") from exc


def form_errors(schema: dict[str, Any], data: Any) -> dict[str, str]:
    """Field-level errors of `data` against `schema`, keyed by the field's JSON path ('' for the root)."""
    if not schema:
        return {}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors: dict[str, str] = {}
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.path)):
        path = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else ""
            path = f"{path}.{missing}".strip(".")
            title = schema.get("properties", {}).get(missing, {}).get("title", missing)
            errors.setdefault(path, f"Vui lòng nhập {title}.")
            continue
        title = _title_for(schema, list(error.absolute_path)) or path
        errors.setdefault(path, _message_for(error.validator, title, error))
    return errors


def _title_for(schema: dict[str, Any], path: list[Any]) -> str:
    node: Any = schema
    for part in path:
        node = node.get("items", {}) if isinstance(part, int) else node.get("properties", {}).get(part, {})
    return node.get("title", "") if isinstance(node, dict) else ""


def _message_for(kind: Any, title: str, error: Any) -> str:
    messages = {
        "type": f"{title}: kiểu dữ liệu không đúng.",
        "format": f"{title}: không đúng định dạng.",
        "minLength": f"{title}: quá ngắn.",
        "maxLength": f"{title}: quá dài.",
        "pattern": f"{title}: không đúng định dạng.",
        "enum": f"{title}: giá trị không nằm trong danh sách cho phép.",
        "minimum": f"{title}: nhỏ hơn giá trị tối thiểu.",
        "maximum": f"{title}: lớn hơn giá trị tối đa.",
        "additionalProperties": "Biểu mẫu có trường không được khai báo.",
    }
    return messages.get(str(kind), f"{title}: {error.message}")
