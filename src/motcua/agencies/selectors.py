from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from motcua.core.prepared import Prepared

from .models import Agency, Role, StaffRole


def active_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).select_related("parent").order_by("code")


def roles_of(user, agency: Agency | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    """The role codes a user holds, at one agency or anywhere."""
    if not getattr(user, "is_authenticated", False):
        return set()
    rows = StaffRole.objects.filter(user=user)
    if agency is not None:
        rows = rows.filter(agency=agency)
    return set(rows.values_list("role", flat=True))


def staff_agency_ids(user, roles: set[str] | None = None) -> set[int]:  # type: ignore[no-untyped-def]
    """Ids of the agencies where the user holds a staff role (any, or one of `roles`)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not roles:  # every API list and dossier page asks this: compiled once (core.prepared)
        return set(_AGENCY_IDS.all(user_id=user.pk))
    rows = StaffRole.objects.filter(user=user, role__in=roles)
    return set(rows.values_list("agency_id", flat=True))


_AGENCY_IDS: Prepared[int] = Prepared(
    lambda user_id: StaffRole.objects.filter(user_id=user_id).values_list("agency_id", flat=True),
    user_id=int,
)


def is_staff_account(user, *, holds_role: bool | None = None) -> bool:  # type: ignore[no-untyped-def]
    """An account of the back office or the admin: a staff role anywhere, or Django staff.

    Such an account never acts as a citizen (never linked to an identity login, never the
    applicant of a dossier it could have registered at the counter, never logged in on the
    portal) and needs the second factor wherever it logs in. `holds_role` is the value of
    `staff_role_exists()` when the caller read it with the user already (one query less).
    """
    if user.is_staff or user.is_superuser:
        return True
    if holds_role is None:
        holds_role = StaffRole.objects.filter(user=user).exists()
    return bool(holds_role)


def staff_role_exists(user_field: str = "user") -> Exists:
    """The role half of `is_staff_account` as a subquery, to annotate rows that point to a user."""
    return Exists(StaffRole.objects.filter(user=OuterRef(user_field)))


def is_system_administrator(user) -> bool:  # type: ignore[no-untyped-def]
    """A superuser, or an account holding the ADMINISTRATOR role at some agency."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return StaffRole.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()


def is_staff_member(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(staff_agency_ids(user))


__all__ = [
    "Role",
    "active_agencies",
    "is_staff_account",
    "is_staff_member",
    "is_system_administrator",
    "roles_of",
    "staff_agency_ids",
    "staff_role_exists",
]
