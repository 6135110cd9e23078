"""A message as plain JSON-ready data: what `motcua edxml inspect` prints."""

from __future__ import annotations

from typing import Any

from .model import EDoc, Organ, split_document_id
from .parse import Reading


def _organ(organ: Organ) -> dict[str, str]:
    return {"organ_id": organ.organ_id, "organ_name": organ.organ_name}


def summary(reading: Reading) -> dict[str, Any]:
    """Kind, parties, document identity, subject, status, attachments and warnings of a reading."""
    message = reading.message
    if isinstance(message, EDoc):
        return {
            "kind": message.kind,
            "from": _organ(message.from_),
            "to": [_organ(o) for o in message.to],
            "document_id": message.document_id,
            "code_number": message.code.code_number,
            "code_notation": message.code.code_notation,
            "promulgation_date": _iso(message.promulgation.promulgation_date),
            "business_doc_type": int(message.business.doc_type),
            "subject": message.subject,
            "status_code": None,
            "attachments": [
                {"content_id": a.content_id, "name": a.name, "size": a.size} for a in message.attachments
            ],
            "warnings": _warnings(reading),
        }
    answered = message.response_for
    number, _, notation = answered.code.partition("/")
    parts = split_document_id(answered.document_id)
    if parts is not None and not answered.code:
        number, notation = parts.number, parts.notation
    to = [_organ(o) for o in message.to] or (
        # a status goes back to the agency that issued the document it answers
        [{"organ_id": answered.organ_id, "organ_name": ""}] if answered.organ_id else []
    )
    return {
        "kind": message.kind,
        "from": _organ(message.from_),
        "to": to,
        "document_id": answered.document_id,
        "code_number": number,
        "code_notation": notation,
        "promulgation_date": _iso(answered.promulgation_date),
        "business_doc_type": None,
        "subject": "",
        "status_code": message.status_code,
        "attachments": [],
        "warnings": _warnings(reading),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _warnings(reading: Reading) -> list[dict[str, str]]:
    return [{"code": w.code, "message": w.message} for w in reading.warnings]
