"""Reading what a request carries: a JSON body or multipart with files, and the HTTP headers we honour."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from motcua.core.jsonlimits import JSONRefused

from . import parsers

# document_<required_document_id>, or document_other for a file that answers no listed document.
DOCUMENT_FIELD = re.compile(r"^document_(?:(\d{1,18})|other)$")
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")
# A dossier's version fits a 64-bit integer; ASCII digits only (str.isdigit also takes "²" and "١").
VERSION = re.compile(r"^[0-9]{1,18}$")


@dataclass(frozen=True)
class Upload:
    field: str
    required_document_id: int | None
    file: UploadedFile

    @property
    def error_key(self) -> str:
        """The key used for this file in error details, like the domain's `documents.<id>`."""
        return f"documents.{self.required_document_id if self.required_document_id is not None else 'other'}"


def is_multipart(request: Request) -> bool:
    return (request.content_type or "").startswith("multipart/")


def read_body(
    request: Request,
    serializer_class: type[serializers.Serializer],
    *,
    file_fields: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], list[Upload]]:
    """The validated body and the uploaded files.

    JSON: the body itself. Multipart: the JSON in the `payload` field, files in `document_<id>` fields
    (each may hold several files), or in one of the action's own `file_fields` (one file each).
    """
    uploads: list[Upload] = []
    if is_multipart(request):
        data = _payload(request.data.get("payload"))
        bad_fields = {}
        for field in request.FILES:
            if field in file_fields:
                files = request.FILES.getlist(field)
                if len(files) != 1:
                    bad_fields[field] = "Trường này nhận đúng một tệp."
                    continue
                uploads.append(Upload(field, None, files[0]))
                continue
            match = DOCUMENT_FIELD.match(field)
            if match is None:
                bad_fields[field] = (
                    "Tên trường tệp không hợp lệ; dùng document_<mã thành phần hồ sơ> hoặc document_other."
                )
                continue
            document_id = int(match.group(1)) if match.group(1) else None
            uploads.extend(Upload(field, document_id, f) for f in request.FILES.getlist(field))
        if bad_fields:
            raise ValidationError(bad_fields)
    else:
        data = request.data
        if not isinstance(data, dict):
            raise ValidationError({"non_field_errors": "Nội dung yêu cầu phải là một đối tượng JSON."})
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data), uploads


def _payload(raw: Any) -> dict[str, Any]:
    if raw is None:
        raise ValidationError({"payload": "Vui lòng gửi nội dung yêu cầu (JSON) trong trường payload."})
    if not isinstance(raw, str):
        raise ValidationError({"payload": "Trường payload phải là một đối tượng JSON hợp lệ."})
    try:
        data = parsers.loads(raw)
    except JSONRefused as exc:
        raise ValidationError({"payload": exc.message}) from exc
    except ValueError as exc:
        raise ValidationError({"payload": "Trường payload phải là một đối tượng JSON hợp lệ."}) from exc
    if not isinstance(data, dict):
        raise ValidationError({"payload": "Trường payload phải là một đối tượng JSON hợp lệ."})
    return data


def documents(uploads: Sequence[Upload]) -> list[tuple[int | None, UploadedFile]]:
    """The (required_document_id, file) pairs the dossier services take."""
    return [(u.required_document_id, u.file) for u in uploads]


def expected_version(request: Request, data: dict[str, Any]) -> int | None:
    """`expected_version` from the body, else from `If-Match: "<version>"`; None: no check."""
    if data.get("expected_version") is not None:
        return int(data["expected_version"])
    header = (request.headers.get("If-Match") or "").strip()
    if not header or header == "*":
        return None
    value = header.removeprefix("W/").strip('"')
    if not VERSION.match(value):
        raise ValidationError({"If-Match": 'Tiêu đề If-Match phải là số phiên bản của hồ sơ, ví dụ "3".'})
    return int(value)


def idempotency_key(request: Request) -> str | None:
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if not key:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise ValidationError(
            {"Idempotency-Key": "Khóa chống gửi trùng gồm tối đa 64 ký tự ASCII in được, không khoảng trắng."}
        )
    return key
