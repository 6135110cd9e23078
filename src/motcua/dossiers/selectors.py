"""Reads of dossiers for pages and the API, with visibility rules applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from motcua.agencies.models import Unit
from motcua.agencies.selectors import staff_agency_ids
from motcua.core.errors import NotFound

from . import clock
from .codes import secrets_match
from .models import Dossier, DossierEvent, ResultDocument
from .permissions import Action, can
from .states import State

Kind = DossierEvent.Kind

# What the applicant sees of the history: not internal hand-overs and assignments.
APPLICANT_VISIBLE_EVENTS = frozenset(
    {
        Kind.SUBMITTED,
        Kind.RECEIVED,
        Kind.REFUSED,
        Kind.SUPPLEMENT_REQUESTED,
        Kind.SUPPLEMENTED,
        Kind.FINANCIAL_OBLIGATION_REQUESTED,
        Kind.FINANCIAL_OBLIGATION_FULFILLED,
        Kind.RESOLVED,
        Kind.RETURNED,
        Kind.WITHDRAWAL_REQUESTED,
        Kind.WITHDRAWAL_REJECTED,
        Kind.STOPPED,
        Kind.APOLOGISED,
    }
)


def _base() -> QuerySet[Dossier]:
    return Dossier.objects.select_related(
        "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
    )


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    """Dossiers the user may read: their own, and those held by an agency where they are staff."""
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    agencies = staff_agency_ids(user)
    condition = Q(owner=user)
    if agencies:
        condition |= Q(receiving_agency_id__in=agencies) | Q(current_agency_id__in=agencies)
    return _base().filter(condition).order_by("-submitted_at", "-id")


def dossier_for(user: Any, code: str) -> Dossier:
    """The dossier with `code` if the user may read it; otherwise NotFound, never a hint it exists."""
    dossier = _base().filter(code=code).first()
    if dossier is None or not can(user, Action.VIEW, dossier):
        raise NotFound("Không tìm thấy hồ sơ.")
    return dossier


def dossier_by_secret(code: str, secret: str) -> Dossier:
    """Anonymous tracking: the code and the lookup secret printed on the receipt."""
    dossier = _base().filter(code=code).first()
    if dossier is None or not secrets_match(secret, dossier.lookup_secret):
        raise NotFound("Mã hồ sơ hoặc mã tra cứu không đúng.")
    return dossier


def history(dossier: Dossier, *, applicant_view: bool) -> list[DossierEvent]:
    events = DossierEvent.objects.filter(dossier=dossier).select_related("actor").order_by("seq")
    if applicant_view:
        events = events.filter(kind__in=APPLICANT_VISIBLE_EVENTS)
    return list(events)


def with_history(queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return queryset.prefetch_related(
        Prefetch("events", queryset=DossierEvent.objects.order_by("seq")), "attachments"
    )


@dataclass(frozen=True)
class HandOver:
    """One row of the processing control form (Form 06)."""

    seq: int
    at: datetime
    giver_name: str
    giver_unit: str
    receiver_unit: str
    step: int | None
    step_due_at: datetime | None
    timeliness: str
    note: str


def control_form(dossier: Dossier) -> list[HandOver]:
    events = list(DossierEvent.objects.filter(dossier=dossier, kind=Kind.TRANSFERRED).order_by("seq"))
    unit_ids = {e.payload.get(k) for e in events for k in ("from_unit_id", "to_unit_id")} - {None}
    units = {u.pk: u.name for u in Unit.objects.filter(pk__in=unit_ids)}
    rows = []
    for event in events:
        due = event.payload.get("from_step_due_at")
        rows.append(
            HandOver(
                seq=event.seq,
                at=event.at,
                giver_name=event.actor_name,
                giver_unit=units.get(event.payload.get("from_unit_id"), ""),
                receiver_unit=units.get(event.payload.get("to_unit_id"), ""),
                step=event.payload.get("from_step"),
                step_due_at=datetime.fromisoformat(due) if due else None,
                timeliness=event.payload.get("timeliness", "on_time"),
                note=event.note,
            )
        )
    return rows


def replayed(dossier: Dossier) -> clock.Snapshot:
    """Recompute the snapshot from the stored events, for audits and tests."""
    from .services import calendar_of, terms_for

    events = [
        clock.Event(e.kind, e.at, e.to_state, e.payload)
        for e in DossierEvent.objects.filter(dossier=dossier).order_by("seq")
    ]
    return clock.replay(events, terms_for(dossier.procedure_version), calendar_of(dossier))


def latest_result(dossier: Dossier) -> ResultDocument | None:
    return ResultDocument.objects.filter(dossier=dossier).order_by("-id").first()


def applicant_may_download_result(dossier: Dossier) -> bool:
    """The applicant gets the result once it has been returned."""
    return dossier.state == State.RETURNED
