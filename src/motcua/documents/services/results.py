"""The clerk numbers, dates, seals and issues the result the leader approved (the table's ISSUE_RESULT)."""

from __future__ import annotations

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

    Unsigned results (signing not set up) are laid out again with the number, the issue date and
    the signer's full name, without any draft mark; a result the leader signed keeps its signature
    and receives the agency seal carrying the number and time (signatures.services.seal_attachment).
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

    subject = templating.render(template.summary, values, dossier.form_data or {})
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
    if result.is_signed:
        content = _seal_signed(result, actor=actor, agency_id=agency.pk, notation=document.notation)
        signed = True
    else:
        page = rendering.result_page(
            dossier,
            template=template,
            signer=signer,
            summary=summary,
            notation=document.notation,
            issued_on=document.issued_on,
        )
        content = rendering.render(page)
        signed = False
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
    import hashlib

    document.result = issued
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.save(update_fields=["result", "sha256"])
    return dossier


def _seal_signed(result: Any, *, actor: Any, agency_id: int, notation: str) -> bytes:
    """A signed result cannot be laid out again: the seal carries the number and time instead.

    The clerk seals with the agency's certificate when signing is set up and a seal rule lets them;
    otherwise (the leader's approval already sealed it, or a signed copy came from elsewhere) the
    signed copy is kept byte for byte and the register records its number.
    """
    from motcua.signatures.models import SigningRule
    from motcua.signatures.selectors import signing_rule_for
    from motcua.signatures.services import result_signing_enabled, seal_attachment

    with result.file.open("rb") as handle:
        content = handle.read()
    if not result_signing_enabled() or signing_rule_for(actor, agency_id, SigningRule.Kind.SEAL) is None:
        return content
    return seal_attachment(actor=actor, agency_id=agency_id, content=content, notation=f"Số: {notation}")
