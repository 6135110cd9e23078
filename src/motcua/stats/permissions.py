"""Who reads the statistics: leaders and administrators, for their agencies; the province's, for all."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from motcua.agencies.models import Agency, Role, StaffRole
from motcua.core.errors import PermissionDenied

READERS = (Role.LEADER, Role.ADMINISTRATOR)


def report_agencies(user: Any) -> list[int] | None:
    """The agencies whose figures `user` may read; None for every agency (the province's leaders and
    administrators, a superuser). Raises PermissionDenied for anyone else."""
    if getattr(user, "is_superuser", False):
        return None
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(gettext("Chỉ lãnh đạo và quản trị hệ thống được xem báo cáo thống kê."))
    roles = list(
        StaffRole.objects.filter(user=user, role__in=READERS).values_list("agency_id", "agency__kind")
    )
    if not roles:
        raise PermissionDenied(gettext("Chỉ lãnh đạo và quản trị hệ thống được xem báo cáo thống kê."))
    if any(kind == Agency.Kind.PROVINCE for _, kind in roles):
        return None
    return sorted({agency_id for agency_id, _ in roles})


def agencies_for_report(user: Any, agency_code: str | None) -> list[int] | None:
    """The agencies a report for `user` covers, narrowed to `agency_code` when given."""
    allowed = report_agencies(user)
    if not agency_code:
        return allowed
    agency = Agency.objects.filter(code=agency_code).values_list("pk", flat=True).first()
    if agency is None or (allowed is not None and agency not in allowed):
        raise PermissionDenied(gettext("Không có quyền xem báo cáo của cơ quan này."))
    return [agency]
