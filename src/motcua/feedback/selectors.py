"""Reads of feedback: the officers' list with overdue warnings, the citizen's own, the published
answers, one feedback for a reader, suggestions of repeats, and the figures statistics read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Avg, Case, Count, DateTimeField, F, Q, QuerySet, When
from django.db.models.functions import Coalesce

from motcua.core.errors import NotFound

from .models import Feedback
from .permissions import is_public, may_read_private, officer_agency_ids, readable
from .similarity import THRESHOLD, similarity
from .states import OPEN_STATES, State

SIMILAR_CANDIDATES = 500


def with_current_due(queryset: QuerySet[Feedback]) -> QuerySet[Feedback]:
    """`current_due`: the due moment of the phase the feedback is in (None when nobody at the agency
    owes anything: refused, waiting for the citizen, answered without consent, published)."""
    return queryset.annotate(
        current_due=Case(
            When(state=State.RECEIVED, then=F("decide_due_at")),
            When(state=State.ACCEPTED, then=F("handle_due_at")),
            When(state=State.ANSWERED, consent_to_publish=True, then=F("publish_due_at")),
            default=None,
            output_field=DateTimeField(),
        )
    )


def officer_feedback(
    user: Any, *, state: str = "", overdue_only: bool = False, at: datetime
) -> QuerySet[Feedback]:
    """The feedback of the officer's agencies, the most urgent first."""
    rows = with_current_due(Feedback.objects.filter(agency_id__in=officer_agency_ids(user)))
    if state == "open":
        rows = rows.filter(Q(state__in=OPEN_STATES | {State.ANSWERED}) & Q(current_due__isnull=False))
    elif state in State.values:
        rows = rows.filter(state=state)
    if overdue_only:
        rows = rows.filter(Q(current_due__lt=at))  # a Q: the stubs do not know annotations
    return rows.select_related("agency").order_by(F("current_due").asc(nulls_last=True), "-received_at")


def overdue_count(user: Any, at: datetime) -> int:
    return officer_feedback(user, overdue_only=True, at=at).count()


def authors_feedback(user: Any) -> QuerySet[Feedback]:
    return Feedback.objects.filter(author=user).select_related("agency").order_by("-received_at")


def published_feedback() -> QuerySet[Feedback]:
    """Published answers, newest first: what anyone may read at /phan-anh-kien-nghi/."""
    return (
        Feedback.objects.filter(state=State.PUBLISHED)
        .select_related("agency", "procedure")
        .order_by("-published_at", "-id")
    )


@dataclass(frozen=True)
class Reading:
    feedback: Feedback
    private: bool  # the reader sees everything (author, officers); else only the published part


def feedback_for(user: Any, code: str) -> Reading:
    """One feedback for this reader; NotFound when they may not read it (never a hint it exists)."""
    feedback = (
        with_current_due(Feedback.objects.filter(code=str(code)[:24]))
        .select_related("agency", "procedure", "dossier", "author", "repeat_of", "answered_by", "approved_by")
        .first()
    )
    if feedback is None:
        raise NotFound()
    if may_read_private(user, feedback):
        return Reading(feedback, True)
    if is_public(feedback):
        return Reading(feedback, False)
    raise NotFound()


def similar_feedback(feedback: Feedback, limit: int = 5) -> list[tuple[Feedback, float]]:
    """Earlier feedback of the same agency whose words overlap most: a suggestion for linking."""
    candidates = (
        Feedback.objects.filter(agency_id=feedback.agency_id, received_at__lte=feedback.received_at)
        .exclude(pk=feedback.pk)
        .exclude(repeat_of=feedback)
        .only("id", "code", "title", "folded", "state", "received_at")
        .order_by("-received_at")[:SIMILAR_CANDIDATES]
    )
    scored = [(c, similarity(feedback.folded, c.folded)) for c in candidates]
    scored = [(c, s) for c, s in scored if s >= THRESHOLD]
    scored.sort(key=lambda pair: (-pair[1], -pair[0].received_at.timestamp()))
    return scored[:limit]


def readable_feedback(user: Any) -> QuerySet[Feedback]:
    return readable(user, Feedback.objects.all())


# --- what statistics read (Decision 766, indexes 5.1-5.3) --------------------------------------------


@dataclass(frozen=True)
class AgencyFigures:
    agency_id: int
    received: int
    refused: int
    answered: int
    answered_on_time: int
    answered_late: int
    open_overdue: int
    repeated: int
    rated: int
    average_rating: float | None


def figures_by_agency(start: datetime, end: datetime, *, at: datetime | None = None) -> list[AgencyFigures]:
    """Per agency, the feedback received in [start, end): how many were refused, answered (on time
    or late), still open past their due moment at `at` (default: `end`), repeats, and the ratings."""
    at = at or end
    rows = (
        with_current_due(Feedback.objects.filter(received_at__gte=start, received_at__lt=end))
        .values("agency_id")
        .annotate(
            received=Count("id"),
            refused=Count("id", filter=Q(state=State.REFUSED)),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            answered_on_time=Count(
                "id", filter=Q(answered_at__isnull=False, answered_at__lte=F("handle_due_at"))
            ),
            answered_late=Count("id", filter=Q(answered_at__gt=F("handle_due_at"))),
            open_overdue=Count(
                "id",
                filter=Q(state__in=[State.RECEIVED, State.ACCEPTED], current_due__lt=at),
            ),
            repeated=Count("id", filter=Q(repeat_of__isnull=False)),
            rated=Count("rating"),
            average_rating=Avg("rating"),
        )
        .order_by("agency_id")
    )
    return [
        AgencyFigures(
            agency_id=r["agency_id"],
            received=r["received"],
            refused=r["refused"],
            answered=r["answered"],
            answered_on_time=r["answered_on_time"],
            answered_late=r["answered_late"],
            open_overdue=r["open_overdue"],
            repeated=r["repeated"],
            rated=r["rated"],
            average_rating=round(float(r["average_rating"]), 2) if r["average_rating"] is not None else None,
        )
        for r in rows
    ]


def average_rating(
    *, agency_id: int | None = None, start: datetime | None = None, end: datetime | None = None
) -> float | None:
    """The mean score (1 not satisfied .. 3 very satisfied) of rated answers; None when none is rated."""
    rows = Feedback.objects.filter(rating__isnull=False)
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    if start is not None:
        rows = rows.filter(received_at__gte=start)
    if end is not None:
        rows = rows.filter(received_at__lt=end)
    value = rows.aggregate(avg=Coalesce(Avg("rating"), None))["avg"]
    return round(float(value), 2) if value is not None else None
