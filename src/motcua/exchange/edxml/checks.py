"""The business checks of a received message: what makes a clerk refuse it (status 02).

Reading judges the format; these checks judge whether the message can be registered: who sent it,
to whom, which document, and whether every file the manifest announces arrived. Each problem is a
Vietnamese sentence fit for the Description of the refusal sent back to the sender.
"""

from __future__ import annotations

from .model import EDoc, StatusMessage
from .parse import Reading

# Warnings that leave a document unregistrable: a file announced but missing.
_BLOCKING_WARNINGS = {"attachment_missing"}


def receipt_problems(reading: Reading, *, recipient: str | None = None) -> tuple[str, ...]:
    """Why the message cannot be accepted; empty when it can. `recipient`: our OrganId, if known."""
    message = reading.message
    problems: list[str] = []
    if not message.from_.organ_id:
        problems.append("Thiếu mã định danh của cơ quan gửi (From/OrganId).")
    if isinstance(message, EDoc):
        problems += _edoc_problems(message, recipient)
    elif isinstance(message, StatusMessage):
        problems += _status_problems(message)
    problems += [w.message for w in reading.warnings if w.code in _BLOCKING_WARNINGS]
    return tuple(problems)


def _edoc_problems(doc: EDoc, recipient: str | None) -> list[str]:
    problems: list[str] = []
    if not any(organ.organ_id for organ in doc.to):
        problems.append("Thiếu cơ quan nhận (To/OrganId).")
    elif recipient and recipient not in _addressees(doc):
        problems.append(f"Văn bản không gửi đến cơ quan có mã định danh {recipient}.")
    if not doc.code.code_number or not doc.code.code_notation:
        problems.append("Thiếu số hoặc ký hiệu văn bản (Code/CodeNumber, CodeNotation).")
    if doc.promulgation.promulgation_date is None:
        problems.append("Thiếu ngày ban hành hợp lệ (PromulgationInfo/PromulgationDate).")
    if not doc.subject:
        problems.append("Thiếu trích yếu nội dung văn bản (Subject).")
    if not doc.document_id:
        problems.append("Thiếu mã văn bản (DocumentId).")
    return problems


def _addressees(doc: EDoc) -> set[str]:
    return {o.organ_id for o in doc.to} | {r.organ_id for r in doc.business.receivers}


def _status_problems(status: StatusMessage) -> list[str]:
    if not status.response_for.document_id:
        return ["Thiếu mã văn bản được phản hồi trạng thái (ResponseFor/DocumentId)."]
    return []
