"""edXML (QCVN 102:2016): build, read, sign and verify the messages agencies exchange.

Pure code, no database: `read`/`parse` (lenient or strict), `build`, `sign`, `verify`,
`receipt_problems`, the model in `model`, the code tables in `codes`. The Django side (the agency
seal from the certificate register, the trust store) is in `motcua.exchange.services`/`selectors`.
"""

from __future__ import annotations

from .build import StatusLayout, build, new_content_id
from .checks import receipt_problems
from .codes import STATUS_CODES, BusinessDocType
from .errors import EdxmlError, NotEdxml, SignatureProblem, StrictRefusal
from .limits import DEFAULT_LIMITS, Limits
from .model import (
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
    document_id_for,
    split_document_id,
)
from .parse import Reading, ReadMode, Unpacked, parse, read
from .sign import SignatureCheck, SignerKey, sign, verify

__all__ = [
    "DEFAULT_LIMITS",
    "STATUS_CODES",
    "Attachment",
    "Business",
    "BusinessDocType",
    "Code",
    "DocumentType",
    "EDoc",
    "EdxmlError",
    "Limits",
    "Message",
    "NotEdxml",
    "Organ",
    "OtherInfo",
    "PromulgationInfo",
    "ReadMode",
    "ReadWarning",
    "Reading",
    "Receiver",
    "ReplacementInfo",
    "ResponseFor",
    "SignatureCheck",
    "SignatureProblem",
    "SignerInfo",
    "SignerKey",
    "StaffInfo",
    "StatusLayout",
    "StatusMessage",
    "StrictRefusal",
    "TraceHeader",
    "Unpacked",
    "build",
    "document_id_for",
    "new_content_id",
    "parse",
    "read",
    "receipt_problems",
    "sign",
    "split_document_id",
    "verify",
]
