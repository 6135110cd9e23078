from __future__ import annotations

from django.db.models import QuerySet

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
    rows = StaffRole.objects.filter(user=user)
    if roles:
        rows = rows.filter(role__in=roles)
    return set(rows.values_list("agency_id", flat=True))


def is_staff_account(user) -> bool:  # type: ignore[no-untyped-def]
    """An account of the back office or the admin: a staff role anywhere, or Django staff.

    Such an account never acts as a citizen (never linked to an identity login, never the
    applicant of a dossier it could have registered at the counter).
    """
    return bool(user.is_staff or user.is_superuser or StaffRole.objects.filter(user=user).exists())


def is_staff_member(user) -> bool:  # type: ignore[no-untyped-def]
    return bool(staff_agency_ids(user))


__all__ = ["Role", "active_agencies", "is_staff_member", "roles_of", "staff_agency_ids"]
