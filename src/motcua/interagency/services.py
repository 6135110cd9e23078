"""Sending dossiers to agencies on other instances, receiving them, and carrying their progress back.

Every function here runs inside the transaction of the dossier event or exchange row it reacts to
(see `receivers`), so a dossier's state and the message that reports it commit together; the
exchange's outbox delivers later, sealed by the worker.

- handing side: an officer hands the dossier to a unit of a peer's stand-in agency:
  `hand_over_to_peer` queues the dossier eDoc; the citizen withdraws it while the peer holds it:
  `recall_from_peer` sends 13; a peer's status arrives: `record_status` writes it into the dossier's
  history (02 takes the dossier back, 15 stops it, 16 declines the withdrawal); the peer's result
  eDoc arrives: `take_result` verifies the result's own signatures, then resolves the dossier with
  it, ready to be returned (in its own transaction, after the inbox's commit).
- receiving side: a dossier eDoc is accepted (01 already queued): `register_incoming` files it as
  our dossier and answers 03; our officers act on it: `report_progress` sends 04, 05, the result
  eDoc and 06 when it is returned, or 02 with the reason when it is stopped.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.core.errors import DomainError
from motcua.dossiers import applicant as applicant_fields
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.exchange import edxml, statuses
from motcua.exchange.models import InboxDocument, ReceivedStatus, RemoteOrgan
from motcua.exchange.services import recall_document, send_document, send_status
from motcua.signatures.errors import VerifierBusy
from motcua.signatures.reports import Verdict
from motcua.signatures.services import SYSTEM
from motcua.signatures.throttling import QUEUE_WAIT
from motcua.signatures.verification import verify_pdf_isolated

from . import wire
from .models import Handover, IncomingDossier

log = logging.getLogger(__name__)
Kind = DossierEvent.Kind


def _organ(agency: Agency) -> edxml.Organ:
    return edxml.Organ(
        organ_id=agency.code, organ_name=agency.name, organ_add=agency.address, telephone=agency.phone
    )


def applicant_of(dossier: Dossier) -> dict[str, str]:
    found = {f.name: str(getattr(dossier, f.attribute) or "") for f in applicant_fields.FIELDS}
    found[applicant_fields.KIND.name] = dossier.applicant_kind
    return found


# --- the handing side ---------------------------------------------------------------------------


def peer_of(agency_id: int | None) -> RemoteOrgan | None:
    """The peer organ an agency of our catalogue stands for, if any."""
    if agency_id is None:
        return None
    return (
        RemoteOrgan.objects.select_related("peer").filter(agency_id=agency_id, peer__is_active=True).first()
    )


def dossier_package(dossier: Dossier, event: DossierEvent) -> tuple[wire.DossierPackage, dict[str, bytes]]:
    """The package of a dossier as the hand-over `event` leaves it, with its files' bytes."""
    files: dict[str, bytes] = {}
    entries = []
    for number, attachment in enumerate(
        dossier.attachments.select_related("required_document").order_by("id"), start=1
    ):
        with attachment.file.open("rb") as handle:
            data = handle.read()
        content_id = f"tep-{number}"
        files[content_id] = data
        document = attachment.required_document.name if attachment.required_document else ""
        entries.append(
            wire.file_entry(content_id, attachment.original_name, attachment.content_type, data, document)
        )
    step = (
        dossier.procedure_version.workflow_steps.filter(position=dossier.current_step).first()
        if dossier.current_step is not None
        else None
    )
    package = wire.DossierPackage(
        dossier_code=dossier.code,
        procedure_code=dossier.procedure_version.procedure.code,
        procedure_name=dossier.procedure_version.name,
        applicant=applicant_of(dossier),
        form_data=dossier.form_data or {},
        channel=dossier.channel,
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.appointment_at or dossier.due_at,
        share_due_at=dossier.step_due_at,
        share_time=step.allotted_time if step else None,
        share_unit=step.allotted_unit if step else "",
        note=event.note,
        handed_by=event.actor_name,
        files=tuple(entries),
    )
    return package, files


def hand_over_to_peer(dossier: Dossier, event: DossierEvent, remote: RemoteOrgan) -> Handover:
    """Queue the dossier eDoc to `remote`, in the hand-over's transaction (idempotent by message id)."""
    payload = event.payload
    sender = Agency.objects.get(pk=payload["from_agency_id"])
    package, files = dossier_package(dossier, event)
    on = timezone.localdate(event.at)
    edoc = wire.dossier_edoc(
        package,
        sender=_organ(sender),
        receiver=edxml.Organ(remote.organ_id, remote.name),
        on=on,
        files=files,
        handover=event.seq,
    )
    send_document(actor=SYSTEM, agency_id=sender.pk, edoc=edoc)
    handover, _ = Handover.objects.get_or_create(
        organ_id=remote.organ_id,
        document_id=edoc.document_id,
        defaults={
            "dossier": dossier,
            "organ_name": remote.name,
            "hand_back": {
                "agency_id": payload["from_agency_id"],
                "unit_id": payload.get("from_unit_id"),
                "assignee_id": payload.get("from_assignee_id"),
                "step": payload.get("from_step"),
            },
            "event_seq": event.seq,
            "sent_at": event.at,
        },
    )
    return handover


def open_handover(dossier: Dossier) -> Handover | None:
    """The hand-over that holds the dossier now (the peer has it), if any."""
    remote = peer_of(dossier.current_agency_id)
    if remote is None:
        return None
    return (
        Handover.objects.filter(dossier=dossier, organ_id=remote.organ_id, result_received_at__isnull=True)
        .order_by("-event_seq")
        .first()
    )


def recall_from_peer(dossier: Dossier, event: DossierEvent) -> None:
    """The citizen's withdrawal reaches the peer holding the dossier: status 13 with the reason."""
    handover = open_handover(dossier)
    if handover is None:
        return
    agency_id = handover.hand_back["agency_id"]
    recall_document(actor=SYSTEM, agency_id=agency_id, document_id=handover.document_id, reason=event.note)


def record_status(status: ReceivedStatus) -> None:
    """A peer's status about a dossier we handed it: into the dossier's history (and its effect)."""
    handover = (
        Handover.objects.filter(organ_id=status.sender, document_id=status.document_id)
        .select_related("dossier")
        .first()
    )
    if handover is None:
        return  # a status about an ordinary document
    dossier_services.record_peer_status(
        dossier_id=handover.dossier_id,
        organ_id=status.sender,
        organ_name=status.sender_name or handover.organ_name,
        code=status.status_code,
        label=statuses.label(status.status_code),
        description=status.description if status.description != statuses.label(status.status_code) else "",
        hand_back=handover.hand_back,
    )


def take_result(received: InboxDocument, doc: edxml.EDoc) -> None:
    """The peer's result eDoc: the dossier it answers is resolved with the result attached, marked
    signed when every digital signature in the PDF verifies against our trust store (checked first,
    outside the transaction: it may ask a CA for revocation)."""
    answers = wire.answered_document(doc)
    handover = Handover.objects.filter(organ_id=received.sender, document_id=answers).first()
    if handover is None or handover.result_received_at is not None:
        return
    pdf = next((a for a in doc.attachments if a.content_type == "application/pdf"), None)
    if pdf is None:
        log.warning("interagency result %s without a PDF", received.document_id)
        return
    try:
        report = verify_pdf_isolated(pdf.data, with_xml=False, wait=QUEUE_WAIT)
    except VerifierBusy:
        # Every verification worker is taken (the public checker's load): the result is left as
        # accepted with only 01 sent, and `register_waiting` takes it on its next run.
        log.warning("interagency result %s left for later: the verifiers are busy", received.document_id)
        return
    signed = report.verdict == Verdict.VALID
    notation = "/".join(part for part in (doc.code.code_number, doc.code.code_notation) if part)
    with transaction.atomic():
        dossier_services.receive_peer_result(
            dossier_id=handover.dossier_id,
            organ_name=received.sender_name or handover.organ_name,
            content=pdf.data,
            name=pdf.name or "ket-qua.pdf",
            notation=notation,
            issued_on=doc.promulgation.promulgation_date or timezone.localdate(),
            summary=doc.subject,
            signed=signed,
        )
        Handover.objects.filter(pk=handover.pk).update(result_received_at=timezone.now())
        send_status(received, statuses.COMPLETED)


# --- the receiving side -------------------------------------------------------------------------


def register_incoming(received: InboxDocument, doc: edxml.EDoc) -> IncomingDossier | None:
    """File an accepted dossier eDoc as one of our dossiers and answer 03; a dossier we cannot take
    (unknown procedure, a file type we refuse, a broken package) is answered 02 with the reason."""
    if IncomingDossier.objects.filter(inbox=received).exists():
        return None  # announced twice
    try:
        carried = wire.read_dossier(doc)
        package = carried.package
        with transaction.atomic():
            dossier = dossier_services.register_interagency_dossier(
                agency=received.agency,
                procedure_code=package.procedure_code,
                applicant=package.applicant,
                form_data=package.form_data,
                channel=package.channel,
                files=[(f.name, f.content_type, carried.files[f.content_id]) for f in package.files],
                origin=received.sender,
                origin_code=package.dossier_code,
                due_at=package.share_due_at,
                note=package.note,
            )
            incoming = IncomingDossier.objects.create(
                dossier=dossier,
                inbox=received,
                origin_organ_id=received.sender,
                origin_organ_name=received.sender_name,
                origin_code=package.dossier_code,
                share_due_at=package.share_due_at,
                registered_at=timezone.now(),
            )
            send_status(received, "03")
        return incoming
    except (wire.NotADossier, DomainError) as exc:
        reason = "Không tiếp nhận được hồ sơ liên thông: " + str(getattr(exc, "message", exc))
        with transaction.atomic():
            send_status(received, statuses.REFUSED, reason=reason)
        return None


# Our officers' actions on an incoming dossier, as the statuses its origin receives.
PROGRESS: dict[str, str] = {
    Kind.ASSIGNED: "04",
    Kind.TRANSFERRED: "05",
    Kind.RESULT_ATTACHED: "05",
    Kind.RESOLVED: "05",
}
ENDINGS = frozenset({Kind.STOPPED, Kind.REFUSED})


def report_progress(dossier: Dossier, event: DossierEvent) -> None:
    """Tell the origin what our officers did, in the event's transaction."""
    if event.actor_id is None and event.kind != Kind.RETURNED:
        return  # the system's own bookkeeping (registration, a recall we answered already)
    incoming = (
        IncomingDossier.objects.select_related("inbox", "inbox__agency").filter(dossier=dossier).first()
    )
    if incoming is None:
        return
    received = incoming.inbox
    if event.kind in PROGRESS:
        send_status(received, PROGRESS[event.kind])
    elif event.kind in ENDINGS:
        reason = event.note or str(event.payload.get("reason", "")) or str(Kind(event.kind).label)
        send_status(received, statuses.REFUSED, reason=reason)
    elif event.kind == Kind.RETURNED:
        send_result(incoming, dossier)


def send_result(incoming: IncomingDossier, dossier: Dossier) -> None:
    """The issued result back to the origin (an eDoc answering the dossier message), then 06."""
    result = dossier.results.exclude(notation="").order_by("-event_seq").first()
    if result is None:
        raise DomainError("Hồ sơ liên thông chưa có văn bản kết quả đã ban hành để gửi lại.")
    with result.file.open("rb") as handle:
        pdf = handle.read()
    agency = dossier.receiving_agency
    resolved = dossier.events.filter(kind=Kind.RESOLVED).order_by("-seq").first()
    summary = str((resolved.payload or {}).get("result", "")) if resolved else ""
    summary = summary or dossier.procedure_version.name
    edoc = wire.result_edoc(
        sender=_organ(agency),
        receiver=edxml.Organ(incoming.origin_organ_id, incoming.origin_organ_name),
        answers=incoming.inbox.document_id,
        dossier_code=incoming.origin_code,
        notation=result.notation,
        issued_on=result.issued_on or timezone.localdate(),
        summary=summary,
        name=result.name,
        pdf=pdf,
    )
    send_document(actor=SYSTEM, agency_id=agency.pk, edoc=edoc)
    send_status(incoming.inbox, statuses.COMPLETED)
    IncomingDossier.objects.filter(pk=incoming.pk).update(result_sent_at=timezone.now())


def stop_recalled(received: InboxDocument) -> None:
    """The origin recalled a dossier it handed us (we answered 15): our copy stops."""
    incoming = IncomingDossier.objects.filter(inbox=received).select_related("dossier").first()
    if incoming is None:
        return
    try:
        dossier_services.stop_recalled_dossier(dossier_id=incoming.dossier_id, origin=received.sender_name)
    except DomainError as exc:  # already ended
        log.info("recalled interagency dossier %s not stopped: %s", incoming.dossier_id, exc)


def message_of(received: InboxDocument) -> edxml.EDoc | None:
    if not received.xml:
        return None
    message = edxml.read(bytes(received.xml)).message
    return message if isinstance(message, edxml.EDoc) else None


def on_accepted(received: InboxDocument) -> Any:
    """An accepted eDoc (after its commit): a dossier to register, or a result to take."""
    if received.document_info not in (wire.DOSSIER_KIND, wire.RESULT_KIND):
        return None  # an official document: the clerk's incoming register takes it
    doc = message_of(received)
    if doc is None:
        return None
    if wire.is_dossier(doc):
        return register_incoming(received, doc)
    if wire.is_result(doc):
        take_result(received, doc)
    return None


def register_waiting() -> int:
    """Take the dossier and result messages accepted but never taken (only receipt 01 sent so far):
    the announcement after the inbox's commit did not happen or failed. Each is idempotent."""
    waiting = (
        InboxDocument.objects.filter(
            state=InboxDocument.State.ACCEPTED,
            document_info__in=(wire.DOSSIER_KIND, wire.RESULT_KIND),
            last_status=statuses.RECEIVED,
        )
        .exclude(pk__in=IncomingDossier.objects.values("inbox"))
        .select_related("agency")
        .order_by("pk")
    )
    done = 0
    for received in waiting:
        on_accepted(received)
        done += 1
    return done
