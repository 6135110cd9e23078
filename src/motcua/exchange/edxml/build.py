"""Writing edXML messages as the national axis accepts them.

The root `edXML` is in the default namespace; `edXMLEnvelope` declares the `edXML` prefix for the
same namespace, so that every element inside it is written `edXML:`-prefixed (VPCP's validator
refused packages whose serializer had dropped the prefix); `AttachmentEncoded` and its children are
unprefixed. Output is deterministic: the same model always gives the same bytes. Dates are written
yyyy/MM/dd, timestamps yyyy/MM/dd HH:mm:ss in Vietnamese local time, base64 on one line (some
receivers' decoders refuse line breaks).
"""

from __future__ import annotations

import base64
import uuid
from enum import Enum

from lxml import etree
from lxml.etree import _Element

from .codes import NS, PREFIX, STATUS_CODES, XLINK_NS, BusinessDocType, q
from .dates import format_date, format_timestamp
from .errors import BuildError
from .limits import DEFAULT_LIMITS, Limits, amount
from .model import (
    Attachment,
    Business,
    EDoc,
    Message,
    Organ,
    ResponseFor,
    StaffInfo,
    StatusMessage,
)


class StatusLayout(Enum):
    """Where a status message keeps its fields; both are seen in real traffic and both are read."""

    MESSAGE_HEADER = "MessageHeader"  # edXMLHeader/MessageHeader: VNPT's library and the real samples
    STATUS = "Status"  # edXMLHeader/Status: the C# and Bkav builders


def new_content_id() -> str:
    return str(uuid.uuid4())


def build(
    message: Message,
    *,
    status_layout: StatusLayout = StatusLayout.MESSAGE_HEADER,
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """The message as UTF-8 edXML bytes; raise `BuildError` for a model no receiver could accept."""
    root = etree.Element(q("edXML"), nsmap={None: NS})
    envelope = etree.SubElement(root, q("edXMLEnvelope"), nsmap={PREFIX: NS})
    header = _sub(envelope, "edXMLHeader")
    try:
        if isinstance(message, StatusMessage):
            _status(header, message, status_layout)
        else:
            _edoc(root, envelope, header, message, limits)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except ValueError as exc:  # lxml: control characters, surrogates
        raise BuildError(f"Dữ liệu có ký tự không được phép trong XML: {exc}") from exc


def _sub(parent: _Element, name: str, text: str | None = None) -> _Element:
    element = etree.SubElement(parent, q(name))
    if text is not None:
        element.text = text
    return element


def _optional(parent: _Element, name: str, value: object) -> None:
    if value is None or value == "":
        return
    _sub(parent, name, str(value))


def _organ(parent: _Element, name: str, organ: Organ) -> None:
    element = _sub(parent, name)
    _sub(element, "OrganId", organ.organ_id)
    _sub(element, "OrganizationInCharge", organ.organization_in_charge)
    _sub(element, "OrganName", organ.organ_name)
    _sub(element, "OrganAdd", organ.organ_add)
    _sub(element, "Email", organ.email)
    _sub(element, "Telephone", organ.telephone)
    _sub(element, "Fax", organ.fax)
    _sub(element, "Website", organ.website)


def _response_for(parent: _Element, value: ResponseFor) -> None:
    element = _sub(parent, "ResponseFor")
    _sub(element, "OrganId", value.organ_id)
    _sub(element, "Code", value.code)
    if value.promulgation_date is not None:
        _sub(element, "PromulgationDate", format_date(value.promulgation_date))
    _sub(element, "DocumentId", value.document_id)


def _staff(parent: _Element, staff: StaffInfo) -> None:
    element = _sub(parent, "StaffInfo")
    _sub(element, "Department", staff.department)
    _sub(element, "Staff", staff.staff)
    _sub(element, "Mobile", staff.mobile)
    _sub(element, "Email", staff.email)


def _status(header: _Element, message: StatusMessage, layout: StatusLayout) -> None:
    if message.status_code not in STATUS_CODES:
        raise BuildError(f"Mã trạng thái '{message.status_code}' không có trong bảng mã của QCVN 102:2016.")
    element = _sub(header, layout.value)
    _organ(element, "From", message.from_)
    for organ in message.to:
        _organ(element, "To", organ)
    _response_for(element, message.response_for)
    if message.staff is not None:
        _staff(element, message.staff)
    _sub(element, "StatusCode", message.status_code)
    _sub(element, "Description", message.description)
    if message.timestamp is not None:
        _sub(element, "Timestamp", format_timestamp(message.timestamp))


def _edoc(root: _Element, envelope: _Element, header: _Element, doc: EDoc, limits: Limits) -> None:
    _check_attachments(doc.attachments, limits)
    mh = _sub(header, "MessageHeader")
    _organ(mh, "From", doc.from_)
    for organ in doc.to:
        _organ(mh, "To", organ)
    code = _sub(mh, "Code")
    _sub(code, "CodeNumber", doc.code.code_number)
    _sub(code, "CodeNotation", doc.code.code_notation)
    promulgation = _sub(mh, "PromulgationInfo")
    _sub(promulgation, "Place", doc.promulgation.place)
    if doc.promulgation.promulgation_date is not None:
        _sub(promulgation, "PromulgationDate", format_date(doc.promulgation.promulgation_date))
    document_type = _sub(mh, "DocumentType")
    _optional(document_type, "Type", doc.document_type.type)
    _optional(document_type, "TypeDetail", doc.document_type.type_detail)
    _sub(document_type, "TypeName", doc.document_type.type_name)
    _sub(mh, "Subject", doc.subject)
    _sub(mh, "Content", doc.content)
    signer = _sub(mh, "SignerInfo")
    _sub(signer, "Competence", doc.signer.competence)
    _sub(signer, "Position", doc.signer.position)
    _sub(signer, "FullName", doc.signer.full_name)
    if doc.due_date is not None:
        _sub(mh, "DueDate", format_date(doc.due_date))
    if doc.to_places:
        places = _sub(mh, "ToPlaces")
        for place in doc.to_places:
            _sub(places, "Place", place)
    other = _sub(mh, "OtherInfo")
    _optional(other, "Priority", doc.other_info.priority)
    _sub(other, "SphereOfPromulgation", doc.other_info.sphere_of_promulgation)
    _sub(other, "TyperNotation", doc.other_info.typer_notation)
    _optional(other, "PromulgationAmount", doc.other_info.promulgation_amount)
    _optional(other, "PageAmount", doc.other_info.page_amount)
    _optional(other, "Direction", doc.other_info.direction)
    if doc.other_info.appendixes:
        appendixes = _sub(other, "Appendixes")
        for appendix in doc.other_info.appendixes:
            _sub(appendixes, "Appendix", appendix)
    for response in doc.response_for:
        _response_for(mh, response)
    _optional(mh, "SteeringType", doc.steering_type)
    _sub(mh, "DocumentId", doc.document_id)

    trace_list = _sub(header, "TraceHeaderList")
    for trace in doc.trace:
        element = _sub(trace_list, "TraceHeader")
        _sub(element, "OrganId", trace.organ_id)
        if trace.timestamp is not None:
            _sub(element, "Timestamp", format_timestamp(trace.timestamp))
    _business(trace_list, doc.business)

    body = _sub(envelope, "edXMLBody")
    # xlink is declared where it is used, on the manifest
    manifest = etree.SubElement(body, q("edXMLManifest"), nsmap={"xlink": XLINK_NS})
    manifest.set("version", "1.0")
    if doc.attachments:
        for attachment in doc.attachments:
            _reference(manifest, attachment)
        encoded = etree.SubElement(root, q("AttachmentEncoded"))
        for attachment in doc.attachments:
            _encoded(encoded, attachment)


def _business(parent: _Element, business: Business) -> None:
    if not isinstance(business.doc_type, BusinessDocType):
        raise BuildError("Loại nghiệp vụ (BussinessDocType) phải là 0, 1, 2 hoặc 3.")
    element = _sub(parent, "Bussiness")  # sic: QCVN 102:2016 spells it with a double s
    _sub(element, "BussinessDocType", str(int(business.doc_type)))
    _sub(element, "BussinessDocReason", business.doc_reason)
    if business.document_info or business.document_receiver or business.receivers:
        info = _sub(element, "BussinessDocumentInfo")
        _sub(info, "DocumentInfo", business.document_info)
        _sub(info, "DocumentReceiver", business.document_receiver)
        if business.receivers:
            receivers = _sub(info, "ReceiverList")
            for receiver in business.receivers:
                item = _sub(receivers, "Receiver")
                _optional(item, "ReceiverType", receiver.receiver_type)
                _sub(item, "OrganId", receiver.organ_id)
    _optional(element, "DocumentId", business.document_id)
    for staff in business.staff:
        _staff(element, staff)
    _optional(element, "Paper", business.paper)
    if business.replacements:
        replacements = _sub(element, "ReplacementInfoList")
        for replacement in business.replacements:
            item = _sub(replacements, "ReplacementInfo")
            _sub(item, "DocumentId", replacement.document_id)
            organs = _sub(item, "OrganIdList")
            for organ_id in replacement.organ_ids:
                _sub(organs, "OrganId", organ_id)


def _reference(manifest: _Element, attachment: Attachment) -> None:
    cid = f"cid:{attachment.content_id}"
    reference = _sub(manifest, "Reference")
    reference.set(f"{{{XLINK_NS}}}href", cid)
    reference.set(f"{{{XLINK_NS}}}role", "XLinkRole")
    reference.set(f"{{{XLINK_NS}}}type", "simple")
    _sub(reference, "Description", attachment.description)
    _sub(reference, "AttachmentName", attachment.name)
    _sub(reference, "ContentType", attachment.content_type)
    _sub(reference, "ContentId", cid)


def _encoded(parent: _Element, attachment: Attachment) -> None:
    element = _sub(parent, "Attachment")
    _sub(element, "ContentType", attachment.content_type)
    _sub(element, "ContentId", f"cid:{attachment.content_id}")
    _sub(element, "Description", attachment.description)
    _sub(element, "ContentTransferEncoded", base64.b64encode(attachment.data).decode("ascii"))
    _sub(element, "AttachmentName", attachment.name)


def _check_attachments(attachments: tuple[Attachment, ...], limits: Limits) -> None:
    if len(attachments) > limits.max_attachments:
        raise BuildError(f"Văn bản có quá {limits.max_attachments} tệp đính kèm.")
    seen: set[str] = set()
    for attachment in attachments:
        content_id = attachment.content_id.strip()
        if not content_id or content_id != attachment.content_id or content_id.lower().startswith("cid:"):
            raise BuildError(
                f"Tệp đính kèm '{attachment.name}' cần mã ContentId không rỗng, không có tiền tố 'cid:'."
            )
        if content_id in seen:
            raise BuildError(f"Hai tệp đính kèm cùng mã ContentId '{content_id}'.")
        seen.add(content_id)
        if attachment.size > limits.max_attachment_bytes:
            raise BuildError(
                f"Tệp đính kèm '{attachment.name}' lớn hơn {amount(limits.max_attachment_bytes)} byte: "
                "nơi nhận sẽ từ chối."
            )
