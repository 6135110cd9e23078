"""The list of dossiers a user may read, newest first, by keyset: flat in depth, no exact count.

The list is what `visible_dossiers` allows (the user's own dossiers, and those an agency where they
are staff holds or held), but read as a union of branches, each answered by one index in order:

* the user's own dossiers: `owner_id = me`, newest first (`dossier_owner_submitted` finds them; a
  citizen has few);
* for each agency where the user is staff, the dossiers it holds or held: the `DossierHolder` rows
  of that agency walked backwards on `dossier_holder_agency` (agency, dossier), which gives the
  dossier ids already in order; the receiving and the current agency are always holders
  (`services._base._record_holders`), so that one table answers all three conditions that
  `visible_dossiers` writes as an OR.

Each branch gives at most `size + 1` ids below the cursor; they are merged in Python (a dossier
held by two of my agencies, or mine and my agency's, appears once); then the page's rows are read
by id. A page 2,000 rows deep costs what page 1 costs. Filters are applied inside each branch, on
the dossier joined by its primary key: a filter that keeps a fraction `f` of an agency's dossiers
makes a branch read about `size / f` holder rows, whatever the depth.

The order is the dossier id, descending: ids are given in order of creation, so this is newest
first, and it is stable (no two rows share a key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from motcua.core.time import VN_TZ

from ..models import Dossier, DossierHolder
from ..states import State
from .urgency import day_bounds

# States whose legal clock runs or is paused: the only ones a due status applies to.
OPEN_STATES = (
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.FINANCIAL_OBLIGATION,
    State.WITHDRAWAL_REQUESTED,
)


class DueStatus(StrEnum):
    """How an open dossier stands against its due moment (the original one, as the worklists)."""

    OVERDUE = "overdue"  # the due moment has passed
    DUE_SOON = "due_soon"  # due before the end of today in Vietnam (the worklists' "due today")
    ON_TIME = "on_time"  # due after today


@dataclass(frozen=True)
class ListFilters:
    """What the caller narrowed the list to; every field optional."""

    state: str | None = None
    procedure_code: str | None = None
    unit_id: int | None = None  # the unit holding the dossier now
    received_from: date | None = None  # Vietnamese calendar days, both ends included
    received_to: date | None = None
    due_status: DueStatus | None = None


@dataclass
class ListPage:
    dossiers: list[dict[str, Any]]  # the `columns` the caller asked for, and `pk`
    next_after: int | None  # the id the next page starts below
    previous_before: int | None  # the id the previous page starts above
    count: int | None  # exact when asked for, or when the first page is the whole list
    staff_agencies: set[int] = field(default_factory=set)


def _conditions(filters: ListFilters, at: datetime) -> dict[str, Any]:
    """The filters as lookups on the dossier's own columns."""
    found: dict[str, Any] = {}
    if filters.state:
        found["state"] = filters.state
    if filters.procedure_code:
        found["procedure_version__procedure__code"] = filters.procedure_code
    if filters.unit_id is not None:
        found["current_unit_id"] = filters.unit_id
    if filters.received_from:
        found["received_at__gte"] = datetime.combine(filters.received_from, time(0), tzinfo=VN_TZ)
    if filters.received_to:
        end = datetime.combine(filters.received_to, time(0), tzinfo=VN_TZ) + timedelta(days=1)
        found["received_at__lt"] = end
    if filters.due_status:
        found["state__in"] = OPEN_STATES
        found["paused_at__isnull"] = True  # a paused clock is neither late nor early yet
        end_of_today = day_bounds(at)[1]
        if filters.due_status == DueStatus.OVERDUE:
            found["due_at__lt"] = at
        elif filters.due_status == DueStatus.DUE_SOON:
            found["due_at__gte"] = at
            found["due_at__lt"] = end_of_today
        else:
            found["due_at__gte"] = end_of_today
    return found


def _branches(user: Any, agencies: set[int], conditions: dict[str, Any]) -> list[QuerySet[Any]]:
    """One query per branch giving dossier ids newest first (`id` named `key` in each)."""
    own = Dossier.objects.filter(owner_id=user.pk, **conditions).values_list("pk", flat=True)
    branches: list[QuerySet[Any]] = [own.order_by("-pk")]
    on_dossier = {f"dossier__{name}": value for name, value in conditions.items()}
    for agency_id in sorted(agencies):
        held = DossierHolder.objects.filter(agency_id=agency_id, **on_dossier)
        branches.append(held.order_by("-dossier_id").values_list("dossier_id", flat=True))
    return branches


def _page_ids(branches: list[QuerySet[Any]], *, below: int | None, above: int | None, size: int) -> list[int]:
    """Up to `size + 1` distinct ids nearest the cursor, in the direction of travel."""
    found: set[int] = set()
    for branch in branches:
        model_key = "pk" if branch.model is Dossier else "dossier_id"
        if above is not None:
            query = branch.filter(**{f"{model_key}__gt": above}).order_by(model_key)
        elif below is not None:
            query = branch.filter(**{f"{model_key}__lt": below})
        else:
            query = branch
        found.update(query[: size + 1])
    return sorted(found, reverse=above is None)[: size + 1]


def dossier_list_page(
    user: Any,
    agencies: set[int],
    filters: ListFilters | None = None,
    *,
    at: datetime,
    after: int | None = None,
    before: int | None = None,
    size: int = 50,
    exact_count: bool = False,
    columns: Sequence[str],
) -> ListPage:
    """One page of the dossiers `user` may read, newest first; `agencies` are their staff agencies.

    `after` is the id the page starts below (the next page), `before` the id it starts above (the
    previous page). Queries: one per branch (the user's own, one per staff agency), the rows, and
    the exact count only when `exact_count` asks for it: the same number at any depth.

    The page's rows are dicts of `columns` (`values()`, `pk` added), not model instances: a list
    shows only columns, and building model instances (five per row) is work it does not need.
    """
    if not getattr(user, "is_authenticated", False):
        return ListPage([], None, None, 0)
    conditions = _conditions(filters or ListFilters(), at)
    branches = _branches(user, agencies, conditions)
    ids = _page_ids(branches, below=after, above=before, size=size)
    more = len(ids) > size
    ids = ids[:size]
    if before is not None:
        ids.reverse()  # read upwards from the cursor; shown newest first like every page
        has_previous, has_next = more, True
    else:
        has_previous, has_next = after is not None, more
    by_pk = {row["pk"]: row for row in Dossier.objects.filter(pk__in=ids).values("pk", *columns)}
    dossiers = [by_pk[pk] for pk in ids if pk in by_pk]
    count: int | None = None
    if exact_count:
        count = _exact_count(user, agencies, conditions)
    elif not has_previous and not has_next:
        count = len(dossiers)  # the whole list is on this page: its length is the count, for free
    return ListPage(
        dossiers=dossiers,
        next_after=ids[-1] if ids and has_next else None,
        previous_before=ids[0] if ids and has_previous else None,
        count=count,
        staff_agencies=agencies,
    )


def _exact_count(user: Any, agencies: set[int], conditions: dict[str, Any]) -> int:
    """Every visible dossier counted once: one query over the OR, only when the caller asks."""
    visible = Q(owner_id=user.pk)
    if agencies:
        visible |= Q(pk__in=DossierHolder.objects.filter(agency_id__in=agencies).values("dossier_id"))
    return Dossier.objects.filter(visible, **conditions).count()
