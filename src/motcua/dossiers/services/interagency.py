"""Inter-agency dossiers across instances (hồ sơ liên thông): the dossier writes the exchange needs.

The exchange and `motcua.interagency` carry messages; what happens to a dossier is written here, by
the same `_record` as every other action (one event each, the state machine checked):

- `register_interagency_dossier`: the receiving instance files and receives a dossier another
  instance handed over, with its files, its share of the time as the due moment and the origin's
  code kept by the caller as the external reference; the citizen is not asked again.
- `record_peer_status`: the handing instance writes a peer's report into the dossier's history, and
  takes the dossier back when the peer refused it (02), stops it when the peer accepted the
  citizen's withdrawal (15), or declines the withdrawal when the peer had already completed (16).
- `receive_peer_result`: the peer's issued result arrives; the dossier is resolved with it, and the
  one-stop counter returns it to the citizen with the ordinary action. A result that crosses the
  citizen's withdrawal on the way declines it: the peer completed before the recall reached it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from motcua.agencies.models import Agency, Unit
from motcua.catalog.selectors import current_version
from motcua.core import time as core_time

from .. import applicant as applicant_fields
from ..codes import new_lookup_secret, next_code
from ..models import ApplicantKind, Channel, Dossier
from ..states import State
from ..uploads import check_upload
from ._base import Kind, _attach, _lock, _one_stop_unit, _record
from .ending import _decline_withdrawal
from .processing import _hand_over
from .results import _store_result

# The origin's peer reports that move the dossier, besides being written in its history.
PEER_REFUSED = "02"
PEER_RECALL_ACCEPTED = "15"
PEER_RECALL_REFUSED = "16"


@transaction.atomic
def register_interagency_dossier(
    *,
    agency: Agency,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any],
    channel: str,
    files: Sequence[tuple[str, str, bytes]],
    origin: str,
    origin_code: str,
    due_at: datetime | None,
    note: str = "",
    at: datetime | None = None,
) -> Dossier:
    """File and receive a dossier handed over by `origin` (an agency on another instance).

    `files`: (name, content type, bytes), already verified and virus-scanned by the exchange; each
    still passes the dossier door's own check (allowed types, by content). Raises `NotFound` for a
    procedure not in our catalogue, `UnacceptableUpload` for a file we do not take: the caller
    answers the origin with the reason.
    """
    at = at or core_time.now()
    version = current_version(procedure_code)
    checked = [
        (None, check_upload(SimpleUploadedFile(name, data, content_type)))
        for name, content_type, data in files
    ]
    one_stop = _one_stop_unit(agency)
    dossier = Dossier(
        code=next_code(agency, at),
        lookup_secret=new_lookup_secret(),
        procedure_version=version,
        receiving_agency=agency,
        current_agency=agency,
        channel=channel if channel in Channel.values else Channel.COUNTER,
        **applicant_fields.attributes(dict(applicant), kind_default=ApplicantKind.CITIZEN),
        form_data=dict(form_data),
        state="",
        submitted_at=at,
    )
    dossier.save()
    event = _record(
        dossier,
        actor=None,
        kind=Kind.SUBMITTED,
        to_state=State.SUBMITTED,
        at=at,
        note=note,
        payload={
            "agency_id": agency.pk,
            "unit_id": one_stop.pk if one_stop else None,
            "channel": dossier.channel,
            "interagency": {"origin": origin, "origin_code": origin_code},
        },
        action="nhận hồ sơ liên thông",
    )
    _attach(dossier, checked, event_seq=event.seq, at=at)
    _record(
        dossier,
        actor=None,
        kind=Kind.RECEIVED,
        to_state=State.RECEIVED,
        at=at,
        payload={"unit_id": dossier.current_unit_id, "due_at": due_at.isoformat() if due_at else None},
        action="tiếp nhận hồ sơ liên thông",
    )
    # Our part of the workflow: the first step held by one of our units (else the first step).
    ours = (
        version.workflow_steps.filter(unit__agency=agency).select_related("unit").order_by("position").first()
    )
    if ours is not None and ours.position != dossier.current_step:
        _hand_over(
            dossier,
            actor=None,
            agency_id=agency.pk,
            unit=ours.unit,
            assignee_id=None,
            step=ours.position,
            note="",
            at=at,
            action="chuyển bước xử lý của cơ quan nhận liên thông",
        )
    return dossier


@transaction.atomic
def record_peer_status(
    *,
    dossier_id: int,
    organ_id: str,
    organ_name: str,
    code: str,
    label: str,
    description: str = "",
    hand_back: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Write a peer's report into the dossier's history; on a refusal (02) hand the dossier back to
    `hand_back` (agency_id, unit_id, assignee_id, step: who handed it over), on an accepted
    withdrawal (15) stop it."""
    at = at or core_time.now()
    dossier = _lock(dossier_id, None)
    payload = {"organ_id": organ_id, "organ_name": organ_name, "code": code, "label": label}
    _record(
        dossier,
        actor=None,
        kind=Kind.PEER_STATUS,
        to_state=dossier.state,
        at=at,
        note=description,
        payload=payload,
        action="cơ quan liên thông báo tiến độ",
    )
    if code == PEER_REFUSED and hand_back and dossier.state == State.PROCESSING:
        unit_id = hand_back.get("unit_id")
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
        _hand_over(
            dossier,
            actor=None,
            agency_id=hand_back["agency_id"],
            unit=unit,
            assignee_id=hand_back.get("assignee_id"),
            step=hand_back.get("step"),
            note=description,
            at=at,
            action="cơ quan liên thông trả lại hồ sơ",
            checked=True,
        )
    elif code == PEER_RECALL_ACCEPTED and dossier.state == State.WITHDRAWAL_REQUESTED:
        _record(
            dossier,
            actor=None,
            kind=Kind.STOPPED,
            to_state=State.STOPPED,
            at=at,
            note=description,
            payload={"reason": description, "peer": organ_id},
            action="dừng giải quyết theo yêu cầu rút hồ sơ",
        )
    elif code == PEER_RECALL_REFUSED and dossier.state == State.WITHDRAWAL_REQUESTED:
        _withdrawal_declined_by_peer(dossier, organ_name=organ_name, at=at)
    return dossier


def _withdrawal_declined_by_peer(dossier: Dossier, *, organ_name: str, at: datetime | None) -> None:
    """The peer holding the dossier had completed it when the recall came: the citizen's withdrawal
    cannot be granted, and the dossier goes back to the state the request was made in."""
    _decline_withdrawal(
        dossier,
        actor=None,
        note=f"{organ_name} đã giải quyết xong hồ sơ trước khi nhận yêu cầu thu hồi; không thể rút hồ sơ.",
        at=at,
        action="không chấp nhận rút hồ sơ do cơ quan liên thông đã giải quyết xong",
    )


@transaction.atomic
def receive_peer_result(
    *,
    dossier_id: int,
    organ_name: str,
    content: bytes,
    name: str,
    notation: str,
    issued_on: date,
    summary: str,
    signed: bool = False,
    at: datetime | None = None,
) -> Dossier:
    """The peer's issued result (numbered and dated by its clerk) resolves the dossier; the one-stop
    counter returns it with the ordinary action (the result already has its number). `signed`: its
    digital signatures were verified on arrival."""
    dossier = _lock(dossier_id, None)
    if dossier.state == State.WITHDRAWAL_REQUESTED:
        _withdrawal_declined_by_peer(dossier, organ_name=organ_name, at=at)
    result = _store_result(
        dossier,
        actor=None,
        content=content,
        name=name,
        signed=signed,
        at=at,
        payload={"notation": notation, "issued_on": issued_on.isoformat(), "peer": organ_name},
        action="nhận kết quả giải quyết từ cơ quan liên thông",
    )
    result.notation = notation[:60]
    result.issued_on = issued_on
    result.save(update_fields=["notation", "issued_on"])
    _record(
        dossier,
        actor=None,
        kind=Kind.RESOLVED,
        to_state=State.RESOLVED,
        at=at,
        note=f"{organ_name}: {summary}",
        payload={"result": summary, "peer": organ_name},
        action="kết quả của cơ quan liên thông",
    )
    return dossier


@transaction.atomic
def stop_recalled_dossier(*, dossier_id: int, origin: str, at: datetime | None = None) -> Dossier:
    """The agency that handed us the dossier recalled it (the citizen withdrew it there): it stops."""
    dossier = _lock(dossier_id, None)
    note = f"{origin}: thu hồi hồ sơ liên thông theo yêu cầu rút hồ sơ của người nộp."
    _record(
        dossier,
        actor=None,
        kind=Kind.STOPPED,
        to_state=State.STOPPED,
        at=at,
        note=note,
        payload={"reason": note},
        action="dừng giải quyết do cơ quan chuyển liên thông thu hồi",
    )
    return dossier
