"""How urgent a dossier is, and the leader's overview of the agency's load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from motcua.agencies.models import Unit
from motcua.dossiers.models import Dossier

from .urgency import day_bounds
from .worklists import ACTIVE_STATES, WAITING_STATES


@dataclass
class Load:
    """Counts of one unit or officer in the leader's overview."""

    key: int | None
    name: str
    active: int = 0
    due_today: int = 0
    overdue: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class Overview:
    agency_id: int
    total: Load
    units: list[Load]
    officers: list[Load]


def leader_overview(agency_id: int, at: datetime) -> Overview:
    """Dossiers the agency handles, by unit and officer: in progress, due today, overdue, waiting.

    One grouped query over the agency's active dossiers, then two small lookups for names.
    """
    from motcua.accounts.models import User

    running = Q(paused_at__isnull=True) & ~Q(state__in=WAITING_STATES)
    end_of_day = day_bounds(at)[1]
    rows = (
        Dossier.objects.filter(current_agency_id=agency_id, state__in=ACTIVE_STATES)
        .values("current_unit_id", "assignee_id")
        .annotate(
            active=Count("pk"),
            overdue=Count("pk", filter=running & Q(due_at__lt=at)),
            due_today=Count("pk", filter=running & Q(due_at__gte=at, due_at__lt=end_of_day)),
            waiting=Count("pk", filter=Q(state__in=WAITING_STATES)),
        )
        .order_by()
    )
    total = Load(None, "")
    units: dict[int | None, Load] = {}
    officers: dict[int | None, Load] = {}
    for row in rows:
        for bucket in (
            total,
            units.setdefault(row["current_unit_id"], Load(row["current_unit_id"], "")),
            officers.setdefault(row["assignee_id"], Load(row["assignee_id"], "")),
        ):
            bucket.active += row["active"]
            bucket.overdue += row["overdue"]
            bucket.due_today += row["due_today"]
            bucket.waiting += row["waiting"]
    unit_names = dict(Unit.objects.filter(pk__in=[k for k in units if k]).values_list("pk", "name"))
    people = {u.pk: u.display_name for u in User.objects.filter(pk__in=[k for k in officers if k])}
    for key, load in units.items():
        load.name = unit_names.get(key, "") if key else "(chưa có đơn vị)"
    for key, load in officers.items():
        load.name = people.get(key, "") if key else "(chưa phân công)"

    def order(loads: dict[int | None, Load]) -> list[Load]:
        return sorted(loads.values(), key=lambda x: (-x.overdue, -x.due_today, -x.active, x.name))

    return Overview(agency_id, total, order(units), order(officers))
