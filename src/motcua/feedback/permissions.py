"""Who may read a feedback and who may act on it, evaluated from the table (`actions.TABLE`).

`facts_for` reads the user's posts at the responsible agency in one query; `decide` is a pure
function of those facts and one row; `authorize` raises what a service refuses with, and
`allowed_actions` is what pages offer. `may_read` and `readable` say who reads a feedback that is
not published: its author and the officers of the responsible agency; a published one is read by
anyone, through the public page, which never shows who sent it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from motcua.agencies.models import Role, StaffRole
from motcua.core.errors import PermissionDenied

from .actions import ACTIONS, REQUIREMENT_MESSAGES, TABLE, Action, ActionSpec, Party, Require
from .errors import IllegalState
from .models import Feedback
from .states import State

OFFICER_ROLES = frozenset({Role.INTAKE_OFFICER, Role.SPECIALIST, Role.LEADER})
# Who reads the agency's feedback without acting on it (the system administrator, for support).
READING_ROLES = OFFICER_ROLES | {Role.ADMINISTRATOR}


@dataclass(frozen=True)
class Facts:
    """What the rules look at; plain data so that `decide` stays pure."""

    is_author: bool
    roles: frozenset[str]  # the user's roles at the responsible agency
    state: str
    consent: bool
    info_asked: bool
    rated: bool
    linked: bool


def _roles_at(user: Any, agency_id: int) -> frozenset[str]:
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(StaffRole.objects.filter(user=user, agency_id=agency_id).values_list("role", flat=True))


def facts_for(user: Any, feedback: Feedback) -> Facts:
    return Facts(
        is_author=bool(user is not None and user.is_authenticated and feedback.author_id == user.pk),
        roles=_roles_at(user, feedback.agency_id),
        state=feedback.state,
        consent=feedback.consent_to_publish,
        info_asked=feedback.info_asked_at is not None,
        rated=feedback.rating is not None,
        linked=feedback.repeat_of_id is not None,
    )


def parties(f: Facts) -> frozenset[Party]:
    found = set()
    if f.is_author:
        found.add(Party.AUTHOR)
    if f.roles & OFFICER_ROLES:
        found.add(Party.OFFICER)
    if Role.LEADER in f.roles:
        found.add(Party.LEADER)
    return frozenset(found)


def _holds(require: Require, f: Facts) -> bool:
    if require == Require.CONSENT:
        return f.consent
    if require == Require.NOT_ASKED:
        return not f.info_asked
    if require == Require.NOT_RATED:
        return not f.rated
    return not f.linked


def decide(spec: ActionSpec, f: Facts) -> Exception | None:
    """None when the action is allowed, else the error to refuse it with."""
    if not (spec.parties & parties(f)):
        return PermissionDenied()
    if f.state not in spec.states:
        return IllegalState()
    for require in spec.requires:
        if not _holds(require, f):
            return IllegalState(str(REQUIREMENT_MESSAGES[require]))
    return None


def authorize(user: Any, action: Action, feedback: Feedback) -> None:
    error = decide(ACTIONS[action], facts_for(user, feedback))
    if error is not None:
        raise error


def allowed_actions(user: Any, feedback: Feedback) -> list[ActionSpec]:
    f = facts_for(user, feedback)
    return [spec for spec in TABLE if decide(spec, f) is None]


def may_read_private(user: Any, feedback: Feedback) -> bool:
    """The whole feedback, with the sender's name and files: the author and the agency's officers."""
    f = facts_for(user, feedback)
    return f.is_author or bool(f.roles & READING_ROLES)


def is_public(feedback: Feedback) -> bool:
    return feedback.state == State.PUBLISHED


def officer_agency_ids(user: Any) -> list[int]:
    """The agencies whose feedback this officer reads."""
    if user is None or not user.is_authenticated:
        return []
    return sorted(
        set(StaffRole.objects.filter(user=user, role__in=READING_ROLES).values_list("agency_id", flat=True))
    )


def readable(user: Any, queryset: QuerySet[Feedback]) -> QuerySet[Feedback]:
    """The rows of `queryset` this user may read in full."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(Q(author=user) | Q(agency_id__in=officer_agency_ids(user)))
