"""Who may do what to which dossier."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import Q

from motcua.agencies.models import Role, StaffRole
from motcua.core.errors import PermissionDenied

from .models import Dossier, DossierHolder


class Action(StrEnum):
    VIEW = "view"
    RECEIVE = "receive"
    REGISTER = "register"
    REFUSE = "refuse"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    TRANSFER = "transfer"
    ASSIGN = "assign"
    REQUEST_FINANCIAL_OBLIGATION = "request_financial_obligation"
    CONFIRM_FINANCIAL_OBLIGATION = "confirm_financial_obligation"
    RESOLVE = "resolve"
    RETURN_RESULT = "return_result"
    REQUEST_WITHDRAWAL = "request_withdrawal"
    DECIDE_WITHDRAWAL = "decide_withdrawal"
    STOP = "stop"
    APOLOGISE = "apologise"
    ATTACH_RESULT = "attach_result"


R = Role
# The staff roles that may take each action at an agency that holds the dossier (receiving or
# current); VIEW also at an agency that held it before. The system administrator configures the
# system; they read dossiers but do not decide on them.
STAFF_ROLES: dict[Action, frozenset[str]] = {
    Action.VIEW: frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER, R.CLERK, R.ADMINISTRATOR}),
    Action.RECEIVE: frozenset({R.INTAKE_OFFICER}),
    Action.REGISTER: frozenset({R.INTAKE_OFFICER}),
    Action.REFUSE: frozenset({R.INTAKE_OFFICER}),
    Action.REQUEST_SUPPLEMENT: frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER}),
    Action.SUPPLEMENT: frozenset({R.INTAKE_OFFICER}),
    Action.TRANSFER: frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER}),
    Action.ASSIGN: frozenset({R.LEADER}),
    Action.REQUEST_FINANCIAL_OBLIGATION: frozenset({R.SPECIALIST, R.LEADER}),
    Action.CONFIRM_FINANCIAL_OBLIGATION: frozenset({R.INTAKE_OFFICER, R.SPECIALIST}),
    Action.RESOLVE: frozenset({R.LEADER}),
    Action.RETURN_RESULT: frozenset({R.INTAKE_OFFICER, R.CLERK}),
    Action.REQUEST_WITHDRAWAL: frozenset({R.INTAKE_OFFICER}),
    Action.DECIDE_WITHDRAWAL: frozenset({R.INTAKE_OFFICER, R.LEADER}),
    Action.STOP: frozenset({R.LEADER}),
    Action.APOLOGISE: frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER}),
    Action.ATTACH_RESULT: frozenset({R.SPECIALIST, R.LEADER}),
}
# What the applicant may do on their own dossier.
APPLICANT_ACTIONS = frozenset({Action.VIEW, Action.SUPPLEMENT, Action.REQUEST_WITHDRAWAL})


def staff_roles_for(user: Any, dossier: Dossier) -> set[str]:
    """The user's roles at the agencies that hold the dossier now (receiving and current): to act on it."""
    if not getattr(user, "is_authenticated", False):
        return set()
    agencies = {dossier.receiving_agency_id, dossier.current_agency_id}
    return set(StaffRole.objects.filter(user=user, agency_id__in=agencies).values_list("role", flat=True))


def roles_on(user: Any, dossier: Dossier) -> tuple[set[str], set[str]]:
    """(acting, reading): the user's roles at the agencies that hold the dossier now, and at every
    agency that has ever held it (`DossierHolder`). One query."""
    if not getattr(user, "is_authenticated", False):
        return set(), set()
    holding = {dossier.receiving_agency_id, dossier.current_agency_id}
    # The receiving and current agencies are holders too; naming them keeps acting within reading
    # even for a dossier whose holders were never written.
    held = DossierHolder.objects.filter(dossier_id=dossier.pk).values("agency_id")
    posts = (
        StaffRole.objects.filter(user=user)
        .filter(Q(agency_id__in=holding) | Q(agency_id__in=held))
        .values_list("agency_id", "role")
    )
    acting: set[str] = set()
    reading: set[str] = set()
    for agency_id, role in posts:
        reading.add(role)
        if agency_id in holding:
            acting.add(role)
    return acting, reading


def is_owner(user: Any, dossier: Dossier) -> bool:
    return bool(getattr(user, "is_authenticated", False) and dossier.owner_id == user.pk)


def can(user: Any, action: Action, dossier: Dossier) -> bool:
    """An agency that handed the dossier on still reads it (to answer the applicant, print its part
    of Form 06, count it); acting stays with the agencies that hold it now."""
    if action in APPLICANT_ACTIONS and is_owner(user, dossier):
        return True
    if action == Action.VIEW:
        return bool(roles_on(user, dossier)[1] & STAFF_ROLES[action])
    return bool(staff_roles_for(user, dossier) & STAFF_ROLES[action])


def require_permission(user: Any, action: Action, dossier: Dossier) -> None:
    if not can(user, action, dossier):
        raise PermissionDenied(action=str(action))


def require_staff_role(user: Any, action: Action, agency_id: int) -> None:
    """For actions that create a dossier (registration at the counter)."""
    if (
        not getattr(user, "is_authenticated", False)
        or not StaffRole.objects.filter(user=user, agency_id=agency_id, role__in=STAFF_ROLES[action]).exists()
    ):
        raise PermissionDenied(action=str(action))
