"""The edXML message as plain, frozen data: what `parse` returns and what `build` writes.

Names follow the elements of QCVN 102:2016 in snake_case (`OrganizationInCharge` becomes
`organization_in_charge`). Text is kept as read, without surrounding blanks; an absent text element
is "", an absent number or date is None, so a message that lost an impossible date while being read
leniently still has a model. Status codes stay strings: "05" is not 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar

from .codes import STATUS_CODES, BusinessDocType

# OrganId,yyyy/MM/dd,Number/Notation (7816/VPCP-TTĐT); the short OrganId,year,number of older senders.
DOCUMENT_ID = re.compile(
    r"^(?P<organ>[^,]+),(?P<date>\d{4}/\d{2}/\d{2}),(?P<number>[^/,]+)/(?P<notation>[^,]+)$"
)
SHORT_DOCUMENT_ID = re.compile(r"^(?P<organ>[^,]+),(?P<year>\d{4}),(?P<number>[^,]+)$")


@dataclass(frozen=True)
class Organ:
    """A sending or receiving agency (From, To)."""

    organ_id: str
    organ_name: str = ""
    organization_in_charge: str = ""
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Code:
    """The document's number and notation: "7816" and "VPCP-TTĐT"."""

    code_number: str = ""
    code_notation: str = ""


@dataclass(frozen=True)
class PromulgationInfo:
    place: str = ""
    promulgation_date: date | None = None


@dataclass(frozen=True)
class DocumentType:
    type: int | None = None
    type_detail: int | None = None
    type_name: str = ""


@dataclass(frozen=True)
class SignerInfo:
    competence: str = ""
    position: str = ""
    full_name: str = ""


@dataclass(frozen=True)
class OtherInfo:
    priority: int | None = None
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int | None = None
    page_amount: int | None = None
    direction: str = ""
    appendixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseFor:
    """The document a message answers (eDoc replies, every status message)."""

    organ_id: str = ""
    code: str = ""
    promulgation_date: date | None = None
    document_id: str = ""


@dataclass(frozen=True)
class TraceHeader:
    organ_id: str
    timestamp: datetime | None = None


@dataclass(frozen=True)
class Receiver:
    organ_id: str
    receiver_type: int | None = None


@dataclass(frozen=True)
class StaffInfo:
    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class ReplacementInfo:
    document_id: str
    organ_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Business:
    """TraceHeaderList/Bussiness (sic): what this message does to the document, and for whom."""

    doc_type: BusinessDocType = BusinessDocType.NEW
    doc_reason: str = ""
    document_info: str = ""
    document_receiver: str = ""
    receivers: tuple[Receiver, ...] = ()
    document_id: str = ""
    staff: tuple[StaffInfo, ...] = ()
    paper: int | None = None
    replacements: tuple[ReplacementInfo, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file carried in AttachmentEncoded, described in the manifest under the same ContentId."""

    content_id: str  # the bare id, without "cid:" (written as "cid:<id>" in the manifest)
    name: str
    data: bytes = field(repr=False)
    content_type: str = "application/octet-stream"
    description: str = ""

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class EDoc:
    """An official document sent from one agency to others."""

    from_: Organ
    to: tuple[Organ, ...]
    code: Code = Code()
    promulgation: PromulgationInfo = PromulgationInfo()
    document_type: DocumentType = DocumentType()
    subject: str = ""
    content: str = ""
    signer: SignerInfo = SignerInfo()
    due_date: date | None = None
    to_places: tuple[str, ...] = ()
    other_info: OtherInfo = OtherInfo()
    response_for: tuple[ResponseFor, ...] = ()
    steering_type: int | None = None
    document_id: str = ""
    trace: tuple[TraceHeader, ...] = ()
    business: Business = Business()
    attachments: tuple[Attachment, ...] = ()

    kind: ClassVar[str] = "edoc"


@dataclass(frozen=True)
class StatusMessage:
    """Processing feedback on a document received earlier (StatusCode 01–16)."""

    from_: Organ
    response_for: ResponseFor
    status_code: str
    description: str = ""
    timestamp: datetime | None = None
    staff: StaffInfo | None = None
    to: tuple[Organ, ...] = ()

    kind: ClassVar[str] = "status"

    @property
    def status_label(self) -> str:
        return STATUS_CODES.get(self.status_code, "")


Message = EDoc | StatusMessage


@dataclass(frozen=True)
class ReadWarning:
    """Something lenient reading accepted and strict reading refuses: a code and a Vietnamese message."""

    code: str
    message: str
    where: str = ""


@dataclass(frozen=True)
class DocumentIdParts:
    organ_id: str
    promulgation_date: date | None
    year: int
    number: str
    notation: str


def split_document_id(value: str) -> DocumentIdParts | None:
    """The parts of a DocumentId in either form, or None when it is in neither."""
    from .dates import InvalidDate, parse_date

    if match := DOCUMENT_ID.match(value):
        try:
            day = parse_date(match["date"]).value
        except InvalidDate:
            return None
        return DocumentIdParts(match["organ"], day, day.year, match["number"], match["notation"])
    if match := SHORT_DOCUMENT_ID.match(value):
        return DocumentIdParts(match["organ"], None, int(match["year"]), match["number"], "")
    return None


def document_id_for(organ_id: str, promulgation_date: date, code: Code) -> str:
    """The DocumentId of a document: OrganId,yyyy/MM/dd,Number/Notation."""
    from .dates import format_date

    return f"{organ_id},{format_date(promulgation_date)},{code.code_number}/{code.code_notation}"
