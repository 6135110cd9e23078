"""Reading edXML messages (eDoc and Status) into the model, leniently or strictly.

Lenient reading accepts what real senders emit (child order of their own, `Business` with one s,
the older `Author`, dates day first, an undeclared `xlink` prefix, a status under `MessageHeader`
or under `Status`) and records a warning for each deviation; strict reading refuses at the first
one. Neither mode repairs what cannot be repaired: a message that is not edXML, malformed XML, a
DOCTYPE, a limit exceeded, an unknown status code or business type, broken base64, an unsafe zip.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from lxml.etree import _Element

from .codes import DS_NS, NS, STATUS_CODES, WARNINGS, XLINK_NS, BusinessDocType, q
from .dates import DateForm, InvalidDate, parse_date, parse_timestamp
from .errors import (
    AttachmentUndecodable,
    EdxmlError,
    ForbiddenXml,
    InvalidContent,
    LimitExceeded,
    NotEdxml,
    StrictRefusal,
    UnsafeArchive,
    WrongNamespace,
)
from .limits import DEFAULT_LIMITS, Limits, amount
from .model import (
    DOCUMENT_ID,
    Attachment,
    Business,
    Code,
    DocumentType,
    EDoc,
    Message,
    Organ,
    OtherInfo,
    PromulgationInfo,
    ReadWarning,
    Receiver,
    ReplacementInfo,
    ResponseFor,
    SignerInfo,
    StaffInfo,
    StatusMessage,
    TraceHeader,
)
from .xmlsafe import local_name, namespace_of, parse_safely
from .zipsafe import Budget, is_office_document, looks_like_zip, open_zip


class ReadMode(Enum):
    LENIENT = "lenient"  # accept real traffic, record warnings
    STRICT = "strict"  # refuse at the first deviation from QCVN 102:2016


@dataclass(frozen=True)
class Unpacked:
    """A file found inside a zip attachment; `reading` when it is itself an edXML package."""

    content_id: str
    name: str
    data: bytes
    reading: Reading | None = None


@dataclass(frozen=True)
class Reading:
    """What reading one message gives: the model, the warnings, and what zip attachments held."""

    message: Message
    warnings: tuple[ReadWarning, ...] = ()
    has_xmldsig: bool = False  # a Signature element in the XMLDSig namespace is present
    unpacked: tuple[Unpacked, ...] = ()


def read(data: bytes, *, mode: ReadMode = ReadMode.LENIENT, limits: Limits = DEFAULT_LIMITS) -> Reading:
    """Read an edXML message; raise an `EdxmlError` subclass when it is refused."""
    return _Reader(mode, limits, Budget(limits), depth=0).read(data)


def parse(data: bytes, *, mode: ReadMode = ReadMode.LENIENT, limits: Limits = DEFAULT_LIMITS) -> Message:
    """The message alone (warnings dropped): for callers that trust the sender's format."""
    return read(data, mode=mode, limits=limits).message


def normalize_content_id(value: str) -> str:
    """'cid:<abc>' and 'abc' name the same attachment."""
    text = value.strip()
    if text[:4].lower() == "cid:":
        text = text[4:]
    return text.strip().strip("<>").strip()


_BUSINESS_DOC_TYPES = {str(int(t)): t for t in BusinessDocType}
_INTEGER = re.compile(r"-?[0-9]{1,18}\Z")
_ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}


class _Reader:
    def __init__(self, mode: ReadMode, limits: Limits, budget: Budget, *, depth: int) -> None:
        self.mode = mode
        self.limits = limits
        self.budget = budget
        self.depth = depth
        self.warnings: list[ReadWarning] = []
        self._unqualified_warned = False

    # --- warnings ---------------------------------------------------------------------------
    def warn(self, code: str, where: str = "", **values: Any) -> None:
        message = WARNINGS[code].format(where=where, **values)
        warning = ReadWarning(code=code, message=message, where=where)
        if self.mode is ReadMode.STRICT:
            raise StrictRefusal(message, warning=code, where=where)
        self.warnings.append(warning)

    # --- finding elements -------------------------------------------------------------------
    def child(self, parent: _Element | None, *names: str) -> _Element | None:
        """The first child with one of `names` (QCVN namespace; unqualified with a warning)."""
        if parent is None:
            return None
        for name in names:
            found = parent.find(q(name))
            if found is not None:
                return found
        for name in names:
            found = parent.find(name)
            if found is not None:
                self._unqualified(found)
                return found
        return None

    def children(self, parent: _Element | None, name: str) -> list[_Element]:
        if parent is None:
            return []
        bare = parent.findall(name)
        if not bare:
            return parent.findall(q(name))
        self._unqualified(bare[0])
        # document order, whichever way each one was written
        return [e for e in parent if e.tag in (q(name), name)]

    def _unqualified(self, element: _Element) -> None:
        if not self._unqualified_warned:
            self._unqualified_warned = True
            self.warn("unqualified_element", where=_path(element))

    def text(self, parent: _Element | None, *names: str) -> str:
        element = self.child(parent, *names)
        return _text(element)

    def integer(self, parent: _Element | None, name: str) -> int | None:
        element = self.child(parent, name)
        value = _text(element)
        if not value:
            return None
        if not _INTEGER.match(value):
            self.warn("not_a_number", where=_path(element), value=value[:40])
            return None
        return int(value)

    def date(self, parent: _Element | None, name: str) -> date | None:
        element = self.child(parent, name)
        value = _text(element)
        if not value:
            return None
        where = _path(element)
        try:
            parsed = parse_date(value)
        except InvalidDate as exc:
            self.warn(
                "date_impossible" if exc.impossible else "date_unreadable", where=where, value=value[:40]
            )
            return None
        if parsed.form is DateForm.DAY_FIRST:
            self.warn("date_day_first", where=where, value=value, iso=parsed.value.isoformat())
        if parsed.had_time:
            self.warn("date_with_time", where=where, value=value)
        return parsed.value

    def timestamp(self, parent: _Element | None, name: str) -> datetime | None:
        element = self.child(parent, name)
        value = _text(element)
        if not value:
            return None
        where = _path(element)
        try:
            parsed = parse_timestamp(value)
        except InvalidDate as exc:
            self.warn(
                "date_impossible" if exc.impossible else "date_unreadable", where=where, value=value[:40]
            )
            return None
        if parsed.form is DateForm.DAY_FIRST:
            self.warn("date_day_first", where=where, value=value, iso=parsed.value.isoformat())
        return parsed.value

    def spelled(self, parent: _Element | None, name: str) -> _Element | None:
        """`Bussiness...` as the standard spells it, or `Business...` with a warning."""
        found = self.child(parent, name)
        if found is not None:
            return found
        found = self.child(parent, name.replace("Bussiness", "Business"))
        if found is not None:
            self.warn("business_spelling", where=_path(found))
        return found

    # --- the message ------------------------------------------------------------------------
    def read(self, data: bytes) -> Reading:
        tree = parse_safely(data, self.limits)
        for prefix in tree.unbound_prefixes:
            self.warn("unbound_prefix", value=prefix)
        root = tree.root
        if root.tag != q("edXML"):
            raise WrongNamespace(
                f"Phần tử gốc edXML thuộc không gian tên '{namespace_of(root)}', "
                f"không phải '{NS}' của QCVN 102:2016."
            )
        envelope = self.require(root, "edXMLEnvelope")
        header = self.require(envelope, "edXMLHeader")
        has_xmldsig = self.signatures(root)
        status = self.child(header, "Status")
        message_header = self.child(header, "MessageHeader")
        if status is not None:
            message: Message = self.status(status)
        elif message_header is not None and self.child(message_header, "StatusCode") is not None:
            message = self.status(message_header)
        elif message_header is not None:
            message, unpacked = self.edoc(root, envelope, header, message_header)
            return Reading(message, tuple(self.warnings), has_xmldsig, unpacked)
        else:
            raise InvalidContent("Thông điệp edXML thiếu MessageHeader (văn bản) hoặc Status (trạng thái).")
        return Reading(message, tuple(self.warnings), has_xmldsig, ())

    def require(self, parent: _Element, name: str) -> _Element:
        found = self.child(parent, name)
        if found is not None:
            return found
        for element in parent:
            if local_name(element) == name:
                raise WrongNamespace(
                    f"Phần tử {name} thuộc không gian tên '{namespace_of(element)}', "
                    "không phải của QCVN 102:2016."
                )
        raise InvalidContent(f"Thông điệp edXML thiếu phần tử {name}.")

    def signatures(self, root: _Element) -> bool:
        found = False
        for element in root.iter("{*}Signature", "Signature"):
            if element.tag == f"{{{DS_NS}}}Signature":
                found = True
            else:
                self.warn("signature_outside_xmldsig", where=_path(element))
        return found

    def organ(self, element: _Element | None) -> Organ:
        return Organ(
            organ_id=self.text(element, "OrganId"),
            organ_name=self.text(element, "OrganName"),
            organization_in_charge=self.text(element, "OrganizationInCharge"),
            organ_add=self.text(element, "OrganAdd"),
            email=self.text(element, "Email"),
            telephone=self.text(element, "Telephone"),
            fax=self.text(element, "Fax"),
            website=self.text(element, "Website"),
        )

    def response_for(self, element: _Element | None) -> ResponseFor:
        return ResponseFor(
            organ_id=self.text(element, "OrganId"),
            code=self.text(element, "Code"),
            promulgation_date=self.date(element, "PromulgationDate"),
            document_id=self.text(element, "DocumentId"),
        )

    def staff(self, element: _Element) -> StaffInfo:
        return StaffInfo(
            department=self.text(element, "Department"),
            staff=self.text(element, "Staff"),
            mobile=self.text(element, "Mobile"),
            email=self.text(element, "Email"),
        )

    def document_id(self, element: _Element | None) -> str:
        value = self.text(element, "DocumentId")
        if value and not DOCUMENT_ID.match(value):
            self.warn("document_id_format", where=_path(self.child(element, "DocumentId")), value=value[:80])
        return value

    def status(self, element: _Element) -> StatusMessage:
        code_element = self.child(element, "StatusCode")
        raw = _text(code_element)
        code = raw
        if raw.isdigit() and len(raw) == 1 and f"0{raw}" in STATUS_CODES:
            code = f"0{raw}"
            self.warn("status_code_unpadded", where=_path(code_element), value=raw, padded=code)
        if code not in STATUS_CODES:
            shown = raw[:20] or "(trống)"
            raise InvalidContent(
                f"Mã trạng thái '{shown}' không có trong bảng mã của QCVN 102:2016 "
                f"({', '.join(STATUS_CODES)})."
            )
        staff = self.child(element, "StaffInfo")
        return StatusMessage(
            from_=self.organ(self.child(element, "From")),
            to=tuple(self.organ(e) for e in self.children(element, "To")),
            response_for=self.response_for(self.child(element, "ResponseFor")),
            status_code=code,
            description=self.text(element, "Description"),
            timestamp=self.timestamp(element, "Timestamp"),
            staff=self.staff(staff) if staff is not None else None,
        )

    def edoc(
        self, root: _Element, envelope: _Element, header: _Element, mh: _Element
    ) -> tuple[EDoc, tuple[Unpacked, ...]]:
        attachments, unpacked = self.attachments(root, envelope)
        return (
            EDoc(
                from_=self.organ(self.child(mh, "From")),
                to=tuple(self.organ(e) for e in self.children(mh, "To")),
                code=Code(
                    code_number=self.text(self.child(mh, "Code"), "CodeNumber"),
                    code_notation=self.text(self.child(mh, "Code"), "CodeNotation"),
                ),
                promulgation=PromulgationInfo(
                    place=self.text(self.child(mh, "PromulgationInfo"), "Place"),
                    promulgation_date=self.date(self.child(mh, "PromulgationInfo"), "PromulgationDate"),
                ),
                document_type=DocumentType(
                    type=self.integer(self.child(mh, "DocumentType"), "Type"),
                    type_detail=self.integer(self.child(mh, "DocumentType"), "TypeDetail"),
                    type_name=self.text(self.child(mh, "DocumentType"), "TypeName"),
                ),
                subject=self.text(mh, "Subject"),
                content=self.text(mh, "Content"),
                signer=self.signer(mh),
                due_date=self.date(mh, "DueDate"),
                to_places=tuple(_text(e) for e in self.children(self.child(mh, "ToPlaces"), "Place")),
                other_info=self.other_info(self.child(mh, "OtherInfo")),
                response_for=tuple(self.response_for(e) for e in self.children(mh, "ResponseFor")),
                steering_type=self.integer(mh, "SteeringType"),
                document_id=self.document_id(mh),
                trace=tuple(
                    TraceHeader(organ_id=self.text(e, "OrganId"), timestamp=self.timestamp(e, "Timestamp"))
                    for e in self.children(self.child(header, "TraceHeaderList"), "TraceHeader")
                ),
                business=self.business(self.spelled(self.child(header, "TraceHeaderList"), "Bussiness")),
                attachments=attachments,
            ),
            unpacked,
        )

    def signer(self, mh: _Element) -> SignerInfo:
        element = self.child(mh, "SignerInfo")
        if element is not None:
            return SignerInfo(
                competence=self.text(element, "Competence"),
                position=self.text(element, "Position"),
                full_name=self.text(element, "FullName"),
            )
        author = self.child(mh, "Author")
        if author is None:
            return SignerInfo()
        self.warn("author_instead_of_signer", where=_path(author))
        return SignerInfo(
            competence=self.text(author, "Competence"),
            position=self.text(author, "Function", "Position"),
            full_name=self.text(author, "FullName"),
        )

    def other_info(self, element: _Element | None) -> OtherInfo:
        return OtherInfo(
            priority=self.integer(element, "Priority"),
            sphere_of_promulgation=self.text(element, "SphereOfPromulgation"),
            typer_notation=self.text(element, "TyperNotation"),
            promulgation_amount=self.integer(element, "PromulgationAmount"),
            page_amount=self.integer(element, "PageAmount"),
            direction=self.text(element, "Direction"),
            appendixes=tuple(_text(e) for e in self.children(self.child(element, "Appendixes"), "Appendix")),
        )

    def business(self, element: _Element | None) -> Business:
        if element is None:
            return Business()
        type_element = self.spelled(element, "BussinessDocType")
        raw = _text(type_element)
        doc_type = _BUSINESS_DOC_TYPES.get(raw) if raw else BusinessDocType.NEW
        if doc_type is None:
            raise InvalidContent(
                f"Loại nghiệp vụ (BussinessDocType) '{raw[:20]}' không thuộc 0 (mới), 1 (thu hồi), "
                "2 (cập nhật), 3 (thay thế)."
            )
        info = self.spelled(element, "BussinessDocumentInfo")
        return Business(
            doc_type=doc_type,
            doc_reason=_text(self.spelled(element, "BussinessDocReason")),
            document_info=self.text(info, "DocumentInfo"),
            document_receiver=self.text(info, "DocumentReceiver"),
            receivers=tuple(
                Receiver(organ_id=self.text(e, "OrganId"), receiver_type=self.integer(e, "ReceiverType"))
                for e in self.children(self.child(info, "ReceiverList"), "Receiver")
            ),
            document_id=self.text(element, "DocumentId"),
            staff=tuple(self.staff(e) for e in self.children(element, "StaffInfo")),
            paper=self.integer(element, "Paper"),
            replacements=tuple(
                ReplacementInfo(
                    document_id=self.text(e, "DocumentId"),
                    organ_ids=tuple(_text(o) for o in self.children(self.child(e, "OrganIdList"), "OrganId")),
                )
                for e in self.children(self.child(element, "ReplacementInfoList"), "ReplacementInfo")
            ),
        )

    # --- attachments ------------------------------------------------------------------------
    def attachments(
        self, root: _Element, envelope: _Element
    ) -> tuple[tuple[Attachment, ...], tuple[Unpacked, ...]]:
        manifest = self.child(self.child(envelope, "edXMLBody"), "edXMLManifest")
        references: dict[str, _Element] = {}
        for reference in self.children(manifest, "Reference"):
            content_id = normalize_content_id(self.text(reference, "ContentId") or _href(reference))
            references.setdefault(content_id, reference)
        encoded = self.child(root, "AttachmentEncoded")
        if encoded is None:  # some builders put it inside the envelope
            encoded = self.child(envelope, "AttachmentEncoded")
        elements = self.children(encoded, "Attachment")
        if len(elements) > self.limits.max_attachments:
            raise LimitExceeded(
                f"Thông điệp có {len(elements)} tệp đính kèm, "
                f"vượt giới hạn {self.limits.max_attachments} tệp."
            )
        attachments: list[Attachment] = []
        unpacked: list[Unpacked] = []
        seen: set[str] = set()
        for element in elements:
            content_id = normalize_content_id(self.text(element, "ContentId"))
            if content_id in seen:
                raise InvalidContent(f"Hai tệp đính kèm cùng mã ContentId '{content_id[:80]}'.")
            seen.add(content_id)
            reference = references.get(content_id)
            if reference is None:
                self.warn("attachment_not_in_manifest", value=content_id or "(không có ContentId)")
            name = self.text(element, "AttachmentName") or self.text(reference, "AttachmentName")
            data = self.decode(element, name or content_id)
            attachment = Attachment(
                content_id=content_id,
                name=name,
                data=data,
                content_type=self.text(element, "ContentType")
                or self.text(reference, "ContentType")
                or "application/octet-stream",
                description=self.text(element, "Description") or self.text(reference, "Description"),
            )
            attachments.append(attachment)
            unpacked.extend(self.unpack(attachment))
        for content_id in references:
            if content_id not in seen:
                self.warn("attachment_missing", value=content_id or "(không có ContentId)")
        return tuple(attachments), tuple(unpacked)

    def decode(self, element: _Element, label: str) -> bytes:
        text = self.text(element, "ContentTransferEncoded")
        if len(text) // 4 * 3 > self.limits.max_attachment_bytes * 1.1:  # blanks included: a loose bound
            raise LimitExceeded(
                f"Tệp đính kèm '{label[:80]}' vượt giới hạn {amount(self.limits.max_attachment_bytes)} byte."
            )
        data = decode_base64(text)
        if data is None:
            raise AttachmentUndecodable(
                f"Tệp đính kèm '{label[:80]}' không giải mã được: dữ liệu base64 hỏng hoặc bị cắt cụt."
            )
        if len(data) > self.limits.max_attachment_bytes:
            raise LimitExceeded(
                f"Tệp đính kèm '{label[:80]}' vượt giới hạn {amount(self.limits.max_attachment_bytes)} byte."
            )
        self.budget.take(len(data))
        return data

    def unpack(self, attachment: Attachment) -> Iterator[Unpacked]:
        is_zip_named = attachment.content_type.lower() in _ZIP_TYPES or attachment.name.lower().endswith(
            ".zip"
        )
        if not looks_like_zip(attachment.data):
            return
        if not is_zip_named and is_office_document(attachment.data):
            return
        label = attachment.name or attachment.content_id
        try:
            members = open_zip(attachment.data, self.limits, self.budget, label=label)
        except UnsafeArchive:
            if not is_zip_named:
                # a file that only starts like a zip: a document of its own, kept as it is
                self.warn("zip_unreadable", value=label)
                return
            raise
        for member in members:
            yield Unpacked(
                attachment.content_id, member.name, member.data, self.nested(label, member.name, member.data)
            )

    def nested(self, label: str, name: str, data: bytes) -> Reading | None:
        if b"edXML" not in data[:4096] or not name.lower().endswith((".xml", ".edxml")):
            return None
        if self.depth + 1 > self.limits.max_nesting:
            raise LimitExceeded(f"Gói edXML lồng trong tệp nén quá {self.limits.max_nesting} cấp.")
        inner = _Reader(self.mode, self.limits, self.budget, depth=self.depth + 1)
        try:
            return inner.read(data)
        except (LimitExceeded, ForbiddenXml, UnsafeArchive, StrictRefusal):
            raise
        except NotEdxml:
            return None
        except EdxmlError as exc:
            self.warn("nested_unreadable", value=f"{label}/{name}"[:120], reason=exc.message)
            return None


_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BLANKS = b" \t\r\n"


def decode_base64(text: str) -> bytes | None:
    """Strict base64 (line breaks allowed), or None: a truncated or foreign-character text is no file.

    Checked with bytes.translate, which is several times faster than b64decode(validate=True)
    on attachments of megabytes.
    """
    try:
        raw = text.encode("ascii").translate(None, _BLANKS)
    except UnicodeEncodeError:
        return None
    body = raw.rstrip(b"=")
    if len(raw) % 4 or len(raw) - len(body) > 2 or body.translate(None, _BASE64_ALPHABET):
        return None
    try:
        return binascii.a2b_base64(raw)
    except binascii.Error:
        return None


def _text(element: _Element | None) -> str:
    if element is None:
        return ""
    return (element.text or "").strip()


def _href(reference: _Element) -> str:
    # bound: {xlink}href; unbound prefix read with recovery: the literal attribute 'xlink:href'
    return str(reference.get(f"{{{XLINK_NS}}}href") or reference.get("xlink:href") or "")


def _path(element: _Element | None) -> str:
    if element is None:
        return ""
    names = [local_name(e) for e in _ancestry(element) if isinstance(e.tag, str)]
    return "/".join(names[-3:])


def _ancestry(element: _Element) -> list[_Element]:
    chain = [element, *element.iterancestors()]
    chain.reverse()
    return chain
