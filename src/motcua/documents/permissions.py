"""Who may keep an agency's registers: its clerks (văn thư); who directs incoming documents: its leaders."""

from __future__ import annotations

from typing import Any

from motcua.agencies.models import Role, StaffRole
from motcua.core.errors import PermissionDenied


def _has(user: Any, agency_id: int, *roles: str) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and StaffRole.objects.filter(user=user, agency_id=agency_id, role__in=roles).exists()
    )


def is_clerk(user: Any, agency_id: int) -> bool:
    return _has(user, agency_id, Role.CLERK)


def require_clerk(user: Any, agency_id: int) -> None:
    if not is_clerk(user, agency_id):
        raise PermissionDenied("Chỉ văn thư của cơ quan mới được vào sổ, cấp số văn bản.")


def may_read_registers(user: Any, agency_id: int) -> bool:
    return _has(user, agency_id, Role.CLERK, Role.LEADER)


def require_reader(user: Any, agency_id: int) -> None:
    if not may_read_registers(user, agency_id):
        raise PermissionDenied("Bạn không có quyền xem sổ văn bản của cơ quan này.")


def require_leader(user: Any, agency_id: int) -> None:
    if not _has(user, agency_id, Role.LEADER):
        raise PermissionDenied("Chỉ lãnh đạo cơ quan mới được cho ý kiến chỉ đạo giải quyết văn bản đến.")


def clerk_agencies(user: Any) -> list[int]:
    """The agencies whose registers the user keeps (as clerk) or reads (as leader)."""
    if not getattr(user, "is_authenticated", False):
        return []
    rows = StaffRole.objects.filter(user=user, role__in=(Role.CLERK, Role.LEADER))
    return sorted(set(rows.values_list("agency_id", flat=True)))
