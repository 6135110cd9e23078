"""The processing control form in full, the counter's register, and who can be chosen on a form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import WorkflowStep
from motcua.core.prepared import with_ids
from motcua.dossiers import clock
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import Kind


@dataclass(frozen=True)
class ControlRow:
    """One hand-over on Form 06: who gave it, who received it, when, and whether it was on time."""

    seq: int
    at: datetime
    step: int | None
    step_name: str
    giver_unit: str
    giver_name: str
    receiver_unit: str
    receiver_name: str
    due_at: datetime | None
    timeliness: str | None  # "early", "on_time", "late"; None where the form marks nothing
    note: str


def processing_control_rows(dossier: Dossier, events: list[DossierEvent] | None = None) -> list[ControlRow]:
    """Every hand-over of the dossier (Form 06 of Circular 03/2025), in order.

    Unit-to-unit hand-overs come from the transfer events, marked early, on time or late against
    the giving step's due moment as recorded at the hand-over; the result going back to the
    one-stop unit is marked against the dossier's (original) due moment; the hand-over to the
    applicant closes the form. `events`: the dossier's whole history in order, when the caller read
    it already.
    """
    from motcua.accounts.models import User

    kinds = (Kind.TRANSFERRED, Kind.RESOLVED, Kind.RETURNED)
    if events is None:
        events = list(DossierEvent.objects.filter(dossier=dossier, kind__in=kinds).order_by("seq"))
    else:
        events = [event for event in events if event.kind in kinds]
    unit_ids = {e.payload.get(k) for e in events for k in ("from_unit_id", "to_unit_id")} - {None}
    user_ids = {e.payload.get("to_assignee_id") for e in events} - {None}
    units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    agency_ids = {e.payload.get(k) for e in events for k in ("from_agency_id", "to_agency_id")} - {None}
    agencies = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))

    def place(unit_id: int | None, agency_id: int | None) -> str:
        """A unit by its name; a step of the agency as a whole by the agency's."""
        if unit_id:
            return units.get(unit_id, "")
        return agencies.get(agency_id, "") if agency_id else ""

    people = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_ids)}
    step_names = dict(
        WorkflowStep.objects.filter(version_id=dossier.procedure_version_id).values_list("position", "name")
    )
    one_stop = (
        Unit.objects.filter(agency_id=dossier.receiving_agency_id, is_one_stop=True)
        .values_list("name", flat=True)
        .first()
    ) or "Bộ phận tiếp nhận và trả kết quả"
    rows: list[ControlRow] = []
    holder_unit = one_stop
    for event in events:
        p = event.payload
        if event.kind == Kind.TRANSFERRED:
            due = p.get("from_step_due_at")
            rows.append(
                ControlRow(
                    seq=event.seq,
                    at=event.at,
                    step=p.get("from_step"),
                    step_name=step_names.get(p.get("from_step"), ""),
                    giver_unit=place(p.get("from_unit_id"), p.get("from_agency_id")),
                    giver_name=event.actor_name,
                    receiver_unit=place(p.get("to_unit_id"), p.get("to_agency_id")),
                    receiver_name=people.get(p.get("to_assignee_id"), ""),
                    due_at=datetime.fromisoformat(due) if due else None,
                    timeliness=p.get("timeliness", "on_time"),
                    note=event.note,
                )
            )
            holder_unit = place(p.get("to_unit_id"), p.get("to_agency_id"))
        elif event.kind == Kind.RESOLVED:
            rows.append(
                ControlRow(
                    seq=event.seq,
                    at=event.at,
                    step=None,
                    step_name="Trả kết quả giải quyết về Bộ phận Một cửa",
                    giver_unit=holder_unit,
                    giver_name=event.actor_name,
                    receiver_unit=one_stop,
                    receiver_name="",
                    due_at=dossier.due_at,
                    timeliness=clock.timeliness(event.at, dossier.due_at),
                    note=event.note,
                )
            )
        else:
            rows.append(
                ControlRow(
                    seq=event.seq,
                    at=event.at,
                    step=None,
                    step_name="Trả kết quả cho tổ chức, cá nhân",
                    giver_unit=one_stop,
                    giver_name=event.actor_name,
                    receiver_unit="Tổ chức, cá nhân",
                    receiver_name=dossier.applicant_name,
                    due_at=None,
                    timeliness=None,
                    note=event.note,
                )
            )
    return rows


def current_step_name(dossier: Dossier) -> str:
    """The name of the workflow step the dossier is at ('' when none)."""
    if dossier.current_step is None:
        return ""
    return (
        WorkflowStep.objects.filter(version_id=dossier.procedure_version_id, position=dossier.current_step)
        .values_list("name", flat=True)
        .first()
        or ""
    )


def transfer_destinations() -> list[Unit]:
    """Every unit of every active agency, for hand-overs inside the agency and across agencies."""
    return list(
        Unit.objects.filter(agency__is_active=True).select_related("agency").order_by("agency__code", "code")
    )


def register_rows(agency_id: int, start: datetime, end: datetime, limit: int | None = None) -> list[Dossier]:
    """The dossier register (Sổ theo dõi hồ sơ, Form 07): dossiers the agency received in [start, end)."""
    qs = (
        Dossier.objects.filter(receiving_agency_id=agency_id, received_at__gte=start, received_at__lt=end)
        .select_related("procedure_version", "current_agency")
        .defer("form_data", "clock")
        .order_by("received_at", "pk")
    )
    return list(qs[:limit] if limit else qs)


def officers_by_agency(agency_ids: set[int]) -> dict[int, list[Any]]:
    """Staff of several agencies at once (one query), for reassigning from a list."""
    found: dict[int, dict[int, Any]] = {}
    if not agency_ids:
        return {}

    def build(agencies: list[int]) -> QuerySet[StaffRole]:
        return (
            StaffRole.objects.filter(agency_id__in=agencies, user__is_active=True)
            .exclude(role=Role.ADMINISTRATOR)
            .select_related("user")
            .order_by("user__full_name", "user_id")
        )

    # One prepared statement per number of agencies (a page shows a few).
    posts = with_ids(("officers by agency",), build, sorted(agency_ids), len(agency_ids))
    for post in posts:
        found.setdefault(post.agency_id, {})[post.user_id] = post.user
    return {agency: list(users.values()) for agency, users in found.items()}
