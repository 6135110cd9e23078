"""Where a dossier goes next along its workflow, or back, and who may take it there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import WorkflowStep
from motcua.core.prepared import Prepared, shaped

from ..models import Dossier, DossierEvent
from ..permissions import handed_in


@dataclass(frozen=True)
class StepTarget:
    """Where forwarding or sending back would take the dossier: an agency, and one of its units unless
    the step belongs to the agency as a whole (its leadership, or its officers posted agency-wide)."""

    step: int | None
    step_name: str
    role: str
    agency: Agency
    unit: Unit | None
    assignee_id: int | None = None
    assignee_name: str = ""

    @property
    def place(self) -> str:
        """The unit and agency, as an officer reads them."""
        if self.unit is None:
            return self.agency.name
        return f"{self.unit.name} ({self.agency.name})"


# Read by the dossier page for its panels and by forwarding: prepared (`core.prepared`).
_NEXT_STEP: Prepared[WorkflowStep] = Prepared(
    lambda version_id, after: (
        WorkflowStep.objects.filter(version_id=version_id, position__gt=after)
        .select_related("unit__agency", "agency")
        .order_by("position")[:1]
    ),
    version_id=int,
    after=int,
)


def next_step_target(dossier: Dossier) -> StepTarget | None:
    """The next step of the procedure's internal workflow, and the agency and unit that do it."""
    step = _NEXT_STEP.first(version_id=dossier.procedure_version_id, after=dossier.current_step or 0)
    if step is None:
        return None
    if step.unit is not None:
        agency = step.unit.agency
    elif step.agency is not None:
        agency = step.agency
    else:
        agency = Agency.objects.get(pk=dossier.receiving_agency_id)
    return StepTarget(step.position, step.name, step.role, agency, step.unit)


def send_back_target(dossier: Dossier, events: list[DossierEvent] | None = None) -> StepTarget | None:
    """Back to the step, agency, unit and officer that handed the dossier to its current step.

    The officer is named only while they still serve in that unit (or agency-wide); otherwise the
    unit (or agency) gets it back and its head assigns it. `events`: the whole history in order,
    when the caller read it already.
    """
    from motcua.accounts.models import User

    event = handed_in(dossier, events)
    if event is None or not event.payload.get("from_agency_id"):
        return None
    p = event.payload
    agency = Agency.objects.filter(pk=p["from_agency_id"]).first()
    unit = Unit.objects.select_related("agency").filter(pk=p.get("from_unit_id")).first()
    if agency is None:
        return None
    actor = None
    if event.actor_id is not None:
        serving = StaffRole.objects.filter(user_id=event.actor_id, agency_id=agency.pk).filter(
            Q(unit_id=getattr(unit, "pk", None)) | Q(unit__isnull=True)
        )
        actor = User.objects.filter(pk=event.actor_id, is_active=True).first() if serving.exists() else None
    step = p.get("from_step")
    name = WorkflowStep.objects.filter(version_id=dossier.procedure_version_id, position=step).first()
    return StepTarget(
        step,
        name.name if name else "",
        name.role if name else "",
        agency,
        unit,
        actor.pk if actor else None,
        actor.display_name if actor else "",
    )


def officers_of(agency_id: int, unit_id: int | None = None, *, agency_wide: bool = False) -> list[Any]:
    """Staff who can be given a dossier at an agency: in a unit (or posted agency-wide), or with
    `agency_wide` only those posted agency-wide (a step of the agency as a whole)."""
    mode = "agency-wide" if agency_wide else "unit" if unit_id is not None else "agency"

    def build(agency: int, unit: int = 0) -> QuerySet[Any]:
        from motcua.accounts.models import User

        posts = StaffRole.objects.filter(agency_id=agency).exclude(role=Role.ADMINISTRATOR)
        if mode == "agency-wide":
            posts = posts.filter(unit__isnull=True)
        elif mode == "unit":
            posts = posts.filter(Q(unit_id=unit) | Q(unit__isnull=True))
        return User.objects.filter(pk__in=posts.values("user_id"), is_active=True).order_by("full_name", "pk")

    # Each action panel that names an officer asks: one prepared read per way of asking.
    if mode == "unit":
        return shaped(("officers of", mode), build, agency=int, unit=int).all(agency=agency_id, unit=unit_id)
    return shaped(("officers of", mode), build, agency=int).all(agency=agency_id)
