"""The clerk numbers, dates, seals and issues the result the leader approved (the table's ISSUE_RESULT)."""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from datetime import datetime
from typing import Any

from django.db import transaction

from motcua.core import time as core_time
from motcua.dossiers.actions import Action
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import latest_event, latest_result
from motcua.dossiers.services import checked_text, lock_for, store_issued_result

from .. import rendering
from ..errors import SignerMismatch
from .outgoing import record_outgoing

logger = logging.getLogger(__name__)
DEFAULT_POSITION = ("THỦ TRƯỞNG CƠ QUAN",)


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def signer_of(user: Any, agency_id: int) -> rendering.Signer:
    """The signer's position (the signing rule's title, Decree 30: KT., TM., ...) and full name."""
    from motcua.signatures.models import SigningRule
    from motcua.signatures.selectors import signing_rule_for

    rule = signing_rule_for(user, agency_id, SigningRule.Kind.PERSONAL)
    lines = tuple(rule.title_lines) if rule is not None else DEFAULT_POSITION
    full_name = (getattr(user, "full_name", "") or "").strip() or str(user)
    return rendering.Signer(position_lines=lines, full_name=full_name)


def check_certificate_name(result: Any, signer: rendering.Signer) -> None:
    """The name printed under the signature is the name the official's certificate was issued to."""
    from motcua.signatures.models import SignatureRecord

    record = (
        SignatureRecord.objects.filter(
            result__dossier_id=result.dossier_id, purpose=SignatureRecord.Purpose.RESULT_OFFICIAL
        )
        .select_related("certificate")
        .order_by("-id")
        .first()
    )
    if record is not None and _folded(record.certificate.subject_common_name) != _folded(signer.full_name):
        raise SignerMismatch(
            f"Họ tên trên chứng thư số ({record.certificate.subject_common_name}) khác họ tên của người ký "
            f"({signer.full_name}); chưa ban hành. Hãy sửa hồ sơ cán bộ hoặc chứng thư số."
        )


def result_for_signing(
    dossier: Dossier, *, signer: Any, title: str = "", text: str | None = None, summary: str = ""
) -> bytes:
    """The result as the leader signs it: the Decree 30 layout from the procedure's template, the
    signer's position and full name, and the number and date left for the clerk (no draft mark:
    what is signed is what is issued). `title` and `text` replace the template's summary and body."""
    template = rendering.template_for(dossier.procedure_version.procedure_id)
    page = rendering.result_page(
        dossier,
        template=template,
        signer=signer_of(signer, dossier.current_agency_id),
        summary=summary,
        body_text=text,
    )
    if title.strip():
        page.summary = title.strip()
    return rendering.render(page)


@transaction.atomic
def issue_result(
    *,
    dossier_id: int,
    actor: Any,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Number the approved result in the agency's outgoing register, date it, seal it and issue it.

    The approved page is never laid out again: the number and date are written where the page left
    them blank (or, on a file from elsewhere, at the top right), then a signed result receives the
    agency seal over the leader's signature (Decree 30 Art. 14-16).
    """
    note = checked_text(note, label="ghi chú", limit=500)
    dossier = lock_for(
        Action.ISSUE_RESULT, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    moment = at or core_time.now()
    result = latest_result(dossier)
    assert result is not None  # the table requires one
    approval = latest_event(dossier, DossierEvent.Kind.RESOLVED)
    leader = approval.actor if approval is not None and approval.actor is not None else actor
    signed_on = core_time.local(approval.at if approval is not None else moment).date()
    agency = dossier.current_agency
    signer = signer_of(leader, agency.pk)
    check_certificate_name(result, signer)
    template = rendering.template_for(dossier.procedure_version.procedure_id)
    summary = approval.payload.get("result", "") if approval is not None else ""
    values = rendering.values_of(dossier, summary=summary)
    from .. import templating

    subject = templating.render(template.summary, values, dossier.form_data or {}).strip()
    if not subject:  # a certificate's template has a title and no summary: the register still needs one
        title = template.title.strip() or template.get_kind_display()
        subject = f"{title} cho Ông/Bà {dossier.applicant_name}"
    # The table authorised the actor under the row lock (the clerk, or a leader standing in).
    document, _warnings = record_outgoing(
        actor=actor,
        agency_id=agency.pk,
        kind=template.kind,
        subject=subject,
        signer_name=signer.full_name,
        signer_position=" ".join(signer.position_lines),
        signed_on=signed_on,
        recipients=f"Ông/Bà {dossier.applicant_name}",
        archive_holder="Văn thư; hồ sơ " + (dossier.code or ""),
        note=note,
        at=moment,
        dossier=dossier,
    )
    content, seal = _numbered(result, actor=actor, dossier=dossier, document=document)
    signed = result.is_signed
    issued = store_issued_result(
        dossier,
        actor=actor,
        content=content,
        name=f"{document.notation.replace('/', '-')}-{dossier.code}.pdf",
        notation=document.notation,
        issued_on=document.issued_on,
        signed=signed,
        at=moment,
    )
    if seal is not None:
        _record_seal(issued, seal, moment)
    document.result = issued
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.save(update_fields=["result", "sha256"])
    return dossier


def _numbered(result: Any, *, actor: Any, dossier: Dossier, document: Any) -> tuple[bytes, Any]:
    """The approved result with its number and date on the page, never laid out again.

    Signed by the leader: the clerk fills the number and date and seals it (signatures). Unsigned:
    a result we laid out gets its number and date in the places left for them; a file uploaded
    from elsewhere gets them printed at the top right of page 1. Returns the bytes and, if sealed,
    how (`signatures.services.Sealed`).
    """
    from motcua.signatures import issuefields
    from motcua.signatures.services import result_signing_enabled, seal_issued_result

    issued_on = document.issued_on
    text = issuefields.IssueText(
        notation=document.notation,
        date_line=f"ngày {issued_on:%d} tháng {issued_on:%m} năm {issued_on:%Y}",
    )
    with result.file.open("rb") as handle:
        content = handle.read()
    if result.is_signed:
        if result_signing_enabled():
            sealed = seal_issued_result(
                actor=actor,
                dossier=dossier,
                content=content,
                notation=text.notation,
                date_line=text.date_line,
            )
            return sealed.content, sealed
        # Signing was switched off after the leader signed: filling the fields keeps the signature.
        filled = (
            issuefields.fill_issue_fields(content, text) if issuefields.has_issue_fields(content) else content
        )
        return filled, None
    if issuefields.has_issue_fields(content):
        return issuefields.print_issue_text(content, text), None
    return issuefields.stamp_issue_text(content, text), None


def _record_seal(issued: Any, sealed: Any, at: datetime) -> None:
    from motcua.signatures.models import SignatureRecord

    SignatureRecord.objects.create(
        result=issued,
        certificate=sealed.certificate,
        signer=None,
        purpose=SignatureRecord.Purpose.RESULT_SEAL,
        field_name=sealed.field_name,
        level=sealed.level,
        signed_at=at,
        client_side=False,
    )
