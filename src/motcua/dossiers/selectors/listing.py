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

from motcua.core.prepared import Prepared, shaped, with_ids
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


def _branch(owned: bool, conditions: tuple[str, ...], direction: str, size: int) -> Prepared[int]:
    """The prepared read of one branch's ids nearest the cursor: the user's own dossiers (`owned`), or
    an agency's held ones, walked newest first (`below` a cursor or from the top) or upwards
    (`above`). `conditions` names the filters' lookups, each bound to a value of its own."""

    def build(who: int, cursor: int = 0, **values: Any) -> QuerySet[Any]:
        rows: QuerySet[Any]
        if owned:
            rows, key, on = Dossier.objects.filter(owner_id=who), "pk", ""
        else:
            rows, key, on = DossierHolder.objects.filter(agency_id=who), "dossier_id", "dossier__"
        rows = rows.filter(
            **{
                f"{on}{name}": _CONSTANT[name] if name in _CONSTANT else values[_value_name(name)]
                for name in conditions
            }
        )
        if direction == "above":
            rows = rows.filter(**{f"{key}__gt": cursor}).order_by(key)
        elif direction == "below":
            rows = rows.filter(**{f"{key}__lt": cursor}).order_by(f"-{key}")
        else:
            rows = rows.order_by(f"-{key}")
        return rows.values_list(key, flat=True)[: size + 1]

    kinds: dict[str, type] = {
        "who": int,
        **{_value_name(name): _KINDS[name] for name in conditions if name not in _CONSTANT},
    }
    if direction != "top":
        kinds["cursor"] = int
    return shaped(("dossier list", owned, conditions, direction, size), build, **kinds)


def _value_name(lookup: str) -> str:
    return lookup.replace("__", "_")


# The type of each filter's value (`_conditions`), and the filters that are always the same value.
_KINDS: dict[str, type] = {
    "state": str,
    "procedure_version__procedure__code": str,
    "current_unit_id": int,
    "received_at__gte": datetime,
    "received_at__lt": datetime,
    "due_at__lt": datetime,
    "due_at__gte": datetime,
}
_CONSTANT: dict[str, Any] = {"state__in": OPEN_STATES, "paused_at__isnull": True}


def _page_ids(
    user: Any,
    agencies: set[int],
    conditions: dict[str, Any],
    *,
    below: int | None,
    above: int | None,
    size: int,
) -> list[int]:
    """Up to `size + 1` distinct ids nearest the cursor, in the direction of travel: one query per
    branch (the user's own dossiers, then each staff agency's)."""
    if above is not None:
        direction, cursor = "above", above
    elif below is not None:
        direction, cursor = "below", below
    else:
        direction, cursor = "top", None
    names = tuple(sorted(conditions))
    values = {_value_name(name): conditions[name] for name in names if name not in _CONSTANT}
    if cursor is not None:
        values["cursor"] = cursor
    found: set[int] = set()
    for owned, who in [(True, user.pk), *((False, agency_id) for agency_id in sorted(agencies))]:
        found.update(_branch(owned, names, direction, size).all(who=who, **values))
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
    ids = _page_ids(user, agencies, conditions, below=after, above=before, size=size)
    more = len(ids) > size
    ids = ids[:size]
    if before is not None:
        ids.reverse()  # read upwards from the cursor; shown newest first like every page
        has_previous, has_next = more, True
    else:
        has_previous, has_next = after is not None, more
    by_pk = {row["pk"]: row for row in _rows(ids, tuple(columns), size)}
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


def _rows(ids: list[int], columns: tuple[str, ...], size: int) -> list[dict[str, Any]]:
    """The page's rows by id: one prepared statement of `size` ids (`core.prepared.with_ids`)."""
    return with_ids(
        ("dossier list rows", columns),
        lambda pks: Dossier.objects.filter(pk__in=pks).values("pk", *columns),
        ids,
        size,
    )


def _exact_count(user: Any, agencies: set[int], conditions: dict[str, Any]) -> int:
    """Every visible dossier counted once: one query over the OR, only when the caller asks."""
    visible = Q(owner_id=user.pk)
    if agencies:
        visible |= Q(pk__in=DossierHolder.objects.filter(agency_id__in=agencies).values("dossier_id"))
    return Dossier.objects.filter(visible, **conditions).count()
