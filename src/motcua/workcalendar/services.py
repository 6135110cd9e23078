"""Writes of the working calendar: an administrator's corrections of the national calendar."""

from __future__ import annotations

import logging
from datetime import date as date_type
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext

from motcua.agencies.models import Agency, Role, StaffRole
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed

from .models import CalendarOverride

if TYPE_CHECKING:
    from motcua.accounts.models import User

logger = logging.getLogger(__name__)


def _ancestor_ids(agency: Agency) -> set[int]:
    """The agency and every agency above it, up to the province."""
    ids: set[int] = set()
    current: Agency | None = agency
    while current is not None and current.pk not in ids:
        ids.add(current.pk)
        current = current.parent
    return ids


def require_calendar_admin(actor: User, agency: Agency | None) -> None:
    """Superusers, and administrators of the agency or of an agency above it, may correct its calendar.

    A province-wide correction needs a superuser or an administrator of a top-level agency (the province).
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(gettext("Bạn cần đăng nhập để sửa lịch làm việc."))
    if actor.is_superuser:
        return
    admin_rows = StaffRole.objects.filter(user=actor, role=Role.ADMINISTRATOR)
    if agency is None:
        allowed = admin_rows.filter(agency__parent__isnull=True).exists()
    else:
        allowed = admin_rows.filter(agency_id__in=_ancestor_ids(agency)).exists()
    if not allowed:
        raise PermissionDenied(
            "Chỉ quản trị hệ thống của tỉnh mới được sửa lịch làm việc chung toàn tỉnh."
            if agency is None
            else f"Bạn không phải quản trị hệ thống của {agency.name} nên không được sửa lịch làm việc."
        )


@transaction.atomic
def add_override(
    *,
    date: date_type,
    kind: str,
    reason: str,
    source: str,
    agency: Agency | None = None,
    actor: User,
) -> CalendarOverride:
    """Declare a date a day off or a make-up working day, for the province or one agency.

    An existing correction of the same date and scope is replaced: the latest announcement wins.
    """
    require_calendar_admin(actor, agency)
    if kind not in CalendarOverride.Kind.values:
        raise ValidationFailed(gettext("Loại ngày phải là 'nghỉ' hoặc 'làm việc bù'."), field="kind")
    reason, source = (reason or "").strip(), (source or "").strip()
    if not reason:
        raise ValidationFailed(gettext("Cần ghi lý do, ví dụ: Nghỉ bù Giỗ Tổ Hùng Vương."), field="reason")
    if not source:
        raise ValidationFailed(
            gettext("Cần ghi văn bản công bố, ví dụ: Công văn 2450/VPCP-KGVX ngày 12/4/2024."), field="source"
        )
    override = (
        CalendarOverride.objects.select_for_update(of=("self",)).filter(date=date, agency=agency).first()
    ) or CalendarOverride(date=date, agency=agency)
    override.kind = kind
    override.reason = reason
    override.source = source
    override.created_by = actor
    override.save()  # post_save clears the calendar cache
    logger.info("calendar override %s %s agency=%s by %s", date, kind, agency and agency.pk, actor.pk)
    return override


@transaction.atomic
def remove_override(*, override_id: int, actor: User) -> None:
    """Withdraw a correction; the national calendar decides that date again."""
    override = (
        CalendarOverride.objects.select_for_update(of=("self",))
        .select_related("agency")
        .filter(pk=override_id)
        .first()
    )
    if override is None:
        raise NotFound(gettext("Không tìm thấy ngày nghỉ, ngày làm bù cần xoá."))
    require_calendar_admin(actor, override.agency)
    override.delete()  # post_delete clears the calendar cache
    logger.info("calendar override %s removed by %s", override_id, actor.pk)
