"""The wire format of an inter-agency dossier (hồ sơ liên thông): an edXML eDoc, pure code.

A dossier handed to an agency on another instance travels as an ordinary eDoc of QCVN 102:2016,
so that it is sealed, sent, retried, verified, virus-scanned and answered with statuses like any
other document. What makes it a dossier is its business part: `Bussiness/DocumentInfo` is
`DOSSIER_KIND`, and an attachment with the content id `PACKAGE_ID` (`application/json`) carries the
dossier's data; every component file is an attachment of its own, named in that JSON by content id
with its SHA-256. The result travels back as an eDoc answering the dossier message (`ResponseFor`)
with `DocumentInfo` = `RESULT_KIND`, the result PDF attached, and the result's number/notation as
the eDoc's code. (OpenCPS sends its inter-agency dossiers the same way, as edXML with the dossier
number in the document's references.)

The message id (`DocumentId`) is `OrganId,yyyy/MM/dd,<dossier code>.<hand-over event>/HSLT`: one
message per hand-over, so sending it again is idempotent end to end (outbox and inbox are keyed on
it), while a dossier given back and handed over again travels as a new message.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from motcua.exchange import edxml

DOSSIER_KIND = "motcua:ho-so-lien-thong/1"
RESULT_KIND = "motcua:ket-qua-ho-so-lien-thong/1"
PACKAGE_ID = "ho-so-lien-thong"
PACKAGE_NAME = "ho-so-lien-thong.json"
PACKAGE_TYPE = "application/json"
DOSSIER_NOTATION = "HSLT"
DOSSIER_TYPE_NAME = "Hồ sơ liên thông"
RESULT_TYPE_NAME = "Kết quả giải quyết hồ sơ liên thông"
VERSION = 1


class NotADossier(ValueError):
    """The eDoc is not an inter-agency dossier (or its package is unreadable)."""


@dataclass(frozen=True)
class PackagedFile:
    """A component file: its attachment, and which required document it stands for."""

    content_id: str
    name: str
    content_type: str
    sha256: str
    size: int
    document: str = ""  # the required document's name at the origin ("" for other papers)


@dataclass(frozen=True)
class DossierPackage:
    """What the receiving agency needs to process the dossier without asking the citizen again."""

    dossier_code: str  # the origin's code: the receiver keeps it as the external reference
    procedure_code: str
    procedure_name: str
    applicant: Mapping[str, str]
    form_data: Mapping[str, Any]
    channel: str
    submitted_at: datetime
    received_at: datetime | None
    due_at: datetime | None  # the whole dossier's due moment at the origin
    share_due_at: datetime | None  # the receiving agency's share: its due moment
    share_time: int | None = None  # and how it was allotted (e.g. 2 "day")
    share_unit: str = ""
    note: str = ""  # the handing officer's note
    handed_by: str = ""  # the handing officer's name
    files: tuple[PackagedFile, ...] = field(default_factory=tuple)


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _read_moment(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise NotADossier("Thời điểm không có múi giờ.")
    return moment


def package_json(package: DossierPackage) -> bytes:
    """The package as canonical JSON (sorted keys): the same dossier always gives the same bytes."""
    body = {
        "version": VERSION,
        "dossier_code": package.dossier_code,
        "procedure_code": package.procedure_code,
        "procedure_name": package.procedure_name,
        "applicant": dict(package.applicant),
        "form_data": dict(package.form_data),
        "channel": package.channel,
        "submitted_at": _moment(package.submitted_at),
        "received_at": _moment(package.received_at),
        "due_at": _moment(package.due_at),
        "share_due_at": _moment(package.share_due_at),
        "share_time": package.share_time,
        "share_unit": package.share_unit,
        "note": package.note,
        "handed_by": package.handed_by,
        "files": [
            {
                "content_id": f.content_id,
                "name": f.name,
                "content_type": f.content_type,
                "sha256": f.sha256,
                "size": f.size,
                "document": f.document,
            }
            for f in package.files
        ],
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def read_package(data: bytes) -> DossierPackage:
    """The package from its JSON; `NotADossier` when it is not one we can read."""
    try:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("version") != VERSION:
            raise NotADossier("Phiên bản gói hồ sơ liên thông không được hỗ trợ.")
        applicant = body["applicant"]
        form_data = body["form_data"]
        if not isinstance(applicant, dict) or not isinstance(form_data, dict):
            raise NotADossier("Dữ liệu người nộp hoặc tờ khai không hợp lệ.")
        files = tuple(
            PackagedFile(
                content_id=str(f["content_id"]),
                name=str(f["name"]),
                content_type=str(f["content_type"]),
                sha256=str(f["sha256"]),
                size=int(f["size"]),
                document=str(f.get("document", "")),
            )
            for f in body["files"]
        )
        submitted_at = _read_moment(body["submitted_at"])
        if submitted_at is None:
            raise NotADossier("Thiếu thời điểm nộp hồ sơ.")
        share_time = body.get("share_time")
        return DossierPackage(
            dossier_code=str(body["dossier_code"]),
            procedure_code=str(body["procedure_code"]),
            procedure_name=str(body["procedure_name"]),
            applicant={str(k): str(v) for k, v in applicant.items()},
            form_data=form_data,
            channel=str(body["channel"]),
            submitted_at=submitted_at,
            received_at=_read_moment(body.get("received_at")),
            due_at=_read_moment(body.get("due_at")),
            share_due_at=_read_moment(body.get("share_due_at")),
            share_time=int(share_time) if share_time is not None else None,
            share_unit=str(body.get("share_unit", "")),
            note=str(body.get("note", "")),
            handed_by=str(body.get("handed_by", "")),
            files=files,
        )
    except NotADossier:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NotADossier(f"Gói hồ sơ liên thông không đọc được: {exc}") from exc


def file_entry(
    content_id: str, name: str, content_type: str, data: bytes, document: str = ""
) -> PackagedFile:
    return PackagedFile(content_id, name, content_type, hashlib.sha256(data).hexdigest(), len(data), document)


def dossier_number(dossier_code: str, handover: int) -> str:
    """The eDoc's number: the dossier code and the hand-over (its event number in the dossier)."""
    return f"{dossier_code}.{handover}"


def dossier_document_id(organ_id: str, on: date, dossier_code: str, handover: int) -> str:
    return edxml.document_id_for(
        organ_id, on, edxml.Code(dossier_number(dossier_code, handover), DOSSIER_NOTATION)
    )


def dossier_edoc(
    package: DossierPackage,
    *,
    sender: edxml.Organ,
    receiver: edxml.Organ,
    on: date,
    files: Mapping[str, bytes],
    handover: int,
) -> edxml.EDoc:
    """The eDoc that hands `package` (with the bytes of its files, by content id) to `receiver`;
    `handover` numbers the hand-over within the dossier (a dossier given back and handed over again
    is a new message; the same hand-over is always the same message)."""
    code = edxml.Code(dossier_number(package.dossier_code, handover), DOSSIER_NOTATION)
    attachments = [edxml.Attachment(PACKAGE_ID, PACKAGE_NAME, package_json(package), PACKAGE_TYPE)]
    for entry in package.files:
        attachments.append(
            edxml.Attachment(entry.content_id, entry.name, files[entry.content_id], entry.content_type)
        )
    share = package.share_due_at
    return edxml.EDoc(
        from_=sender,
        to=(receiver,),
        code=code,
        promulgation=edxml.PromulgationInfo(promulgation_date=on),
        document_type=edxml.DocumentType(type_name=DOSSIER_TYPE_NAME),
        subject=f"Chuyển hồ sơ liên thông {package.dossier_code}: {package.procedure_name}"[:1000],
        due_date=share.date() if share else None,
        document_id=edxml.document_id_for(sender.organ_id, on, code),
        business=edxml.Business(document_info=DOSSIER_KIND),
        attachments=tuple(attachments),
    )


@dataclass(frozen=True)
class ReceivedDossier:
    package: DossierPackage
    files: dict[str, bytes]  # by content id, each checked against its SHA-256


def is_dossier(doc: edxml.EDoc) -> bool:
    return doc.business.document_info == DOSSIER_KIND


def is_result(doc: edxml.EDoc) -> bool:
    return doc.business.document_info == RESULT_KIND


def read_dossier(doc: edxml.EDoc) -> ReceivedDossier:
    """The dossier an eDoc carries, every file present and matching its SHA-256; else `NotADossier`."""
    if not is_dossier(doc):
        raise NotADossier("Văn bản không phải hồ sơ liên thông.")
    by_id = {a.content_id: a for a in doc.attachments}
    carrier = by_id.get(PACKAGE_ID)
    if carrier is None:
        raise NotADossier("Thiếu gói dữ liệu hồ sơ liên thông.")
    package = read_package(carrier.data)
    files = {}
    for entry in package.files:
        attachment = by_id.get(entry.content_id)
        if attachment is None:
            raise NotADossier(f"Thiếu tệp {entry.name} của hồ sơ.")
        if hashlib.sha256(attachment.data).hexdigest() != entry.sha256:
            raise NotADossier(f"Tệp {entry.name} không khớp mã băm SHA-256 đã khai.")
        files[entry.content_id] = attachment.data
    return ReceivedDossier(package, files)


def result_edoc(
    *,
    sender: edxml.Organ,
    receiver: edxml.Organ,
    answers: str,
    dossier_code: str,
    notation: str,
    issued_on: date,
    summary: str,
    name: str,
    pdf: bytes,
) -> edxml.EDoc:
    """The eDoc that returns a dossier's issued result (`notation` "05/QĐ-STP") to the handing agency."""
    number, _, rest = notation.partition("/")
    code = edxml.Code(number or notation, rest or DOSSIER_NOTATION)
    answered = edxml.split_document_id(answers)
    return edxml.EDoc(
        from_=sender,
        to=(receiver,),
        code=code,
        promulgation=edxml.PromulgationInfo(promulgation_date=issued_on),
        document_type=edxml.DocumentType(type_name=RESULT_TYPE_NAME),
        subject=f"Kết quả giải quyết hồ sơ liên thông {dossier_code}: {summary}"[:1000],
        response_for=(
            edxml.ResponseFor(
                organ_id=receiver.organ_id,
                code=f"{dossier_code}/{DOSSIER_NOTATION}",
                promulgation_date=answered.promulgation_date if answered else None,
                document_id=answers,
            ),
        ),
        document_id=edxml.document_id_for(sender.organ_id, issued_on, code),
        business=edxml.Business(document_info=RESULT_KIND),
        attachments=(edxml.Attachment("ket-qua", name, pdf, "application/pdf"),),
    )


def answered_document(doc: edxml.EDoc) -> str:
    """The DocumentId a result answers ("" when none)."""
    return next((r.document_id for r in doc.response_for if r.document_id), "")
