"""Reads only the back office makes: staff scope, worklists, urgency, overview, notices, control form."""

from __future__ import annotations

from .control import (
    ControlRow,
    current_step_name,
    officers_by_agency,
    processing_control_rows,
    register_rows,
    transfer_destinations,
)
from .notices import StaffNotice, staff_notice_count, staff_notices
from .overview import Load, Overview, leader_overview
from .scope import StaffPost, StaffScope, staff_scope
from .urgency import Urgency, day_bounds, urgency_of
from .worklists import (
    WORKLIST_ROLES,
    Worklist,
    WorklistFilters,
    WorklistPage,
    WorklistRow,
    decode_cursor,
    encode_cursor,
    worklist_branches,
    worklist_choices,
    worklist_counts,
    worklist_page,
    worklist_queryset,
    worklists_for,
)

__all__ = [
    "WORKLIST_ROLES",
    "ControlRow",
    "Load",
    "Overview",
    "StaffNotice",
    "StaffPost",
    "StaffScope",
    "Urgency",
    "Worklist",
    "WorklistFilters",
    "WorklistPage",
    "WorklistRow",
    "current_step_name",
    "day_bounds",
    "decode_cursor",
    "encode_cursor",
    "leader_overview",
    "officers_by_agency",
    "processing_control_rows",
    "register_rows",
    "staff_notice_count",
    "staff_notices",
    "staff_scope",
    "transfer_destinations",
    "urgency_of",
    "worklist_branches",
    "worklist_choices",
    "worklist_counts",
    "worklist_page",
    "worklist_queryset",
    "worklists_for",
]
