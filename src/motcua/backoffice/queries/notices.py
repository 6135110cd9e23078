"""Notices to staff: dossiers given to them, and urgent ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors.reading import Kind
from motcua.dossiers.states import State

from .worklists import day_bounds


@dataclass(frozen=True)
class StaffNotice:
    kind: str  # "assigned", "overdue", "due_today"
    at: datetime  # when it happened or became urgent
    dossier: Dossier
    by: str = ""
    is_new: bool = False


ACTIVE_FOR_OFFICER = (State.RECEIVED, State.PROCESSING)


_ASSIGNMENT_KINDS = (Kind.ASSIGNED, Kind.TRANSFERRED)


def _to_me(user_id: int) -> Q:
    return Q(payload__assignee_id=user_id) | Q(payload__to_assignee_id=user_id)


def _urgent_q(at: datetime) -> Q:
    return Q(state__in=ACTIVE_FOR_OFFICER, paused_at__isnull=True, due_at__lt=day_bounds(at)[1])


def _given_to_me(user: Any, *, after: datetime) -> QuerySet[DossierEvent]:
    """Hand-overs and assignments to me, by someone else, of dossiers I still hold."""
    return (
        DossierEvent.objects.filter(
            dossier__assignee_id=user.pk,
            dossier__state__in=ACTIVE_FOR_OFFICER,
            kind__in=_ASSIGNMENT_KINDS,
            at__gt=after,
        )
        .filter(_to_me(user.pk))
        .exclude(actor_id=user.pk)
    )


def staff_notice_count(user: Any, *, since: datetime | None, at: datetime) -> int:
    """New since `since`: dossiers given to me, and mine that became overdue or due today. Two queries."""
    since = since or at - timedelta(days=7)
    assigned = _given_to_me(user, after=since).count()
    start_of_day, end_of_day = day_bounds(at)
    became = Q(due_at__gt=since, due_at__lte=at)
    if since < start_of_day:
        became |= Q(due_at__gt=at, due_at__lt=end_of_day)
    urgent = Dossier.objects.filter(_urgent_q(at), became, assignee_id=user.pk).count()
    return assigned + urgent


def staff_notices(user: Any, *, since: datetime | None, at: datetime, limit: int = 100) -> list[StaffNotice]:
    """What was given to me in the last days and what of mine is urgent now, newest first."""
    since = since or at - timedelta(days=7)
    window = min(since, at - timedelta(days=7))
    start_of_day = day_bounds(at)[0]
    notices: list[StaffNotice] = []
    events = (
        _given_to_me(user, after=window).select_related("dossier__procedure_version").order_by("-at")[:limit]
    )
    for event in events:
        notices.append(StaffNotice("assigned", event.at, event.dossier, event.actor_name, event.at > since))
    urgent = (
        Dossier.objects.filter(_urgent_q(at), assignee_id=user.pk)
        .select_related("procedure_version")
        .order_by("due_at")[:limit]
    )
    for dossier in urgent:
        due = dossier.due_at
        assert due is not None  # filtered on due_at
        if due <= at:
            notices.append(StaffNotice("overdue", due, dossier, is_new=due > since))
        else:
            notices.append(StaffNotice("due_today", start_of_day, dossier, is_new=start_of_day > since))
    return sorted(notices, key=lambda n: n.at, reverse=True)
