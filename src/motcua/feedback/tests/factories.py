"""Test data for feedback: the dossiers' small province, and feedback filed through the service."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from motcua.dossiers.tests.factories import World, build_world, vn

from .. import services
from ..models import Feedback
from ..states import Subject

__all__ = ["World", "build_world", "file", "vn"]


def file(world: World, at: datetime | None = None, **overrides: Any) -> Feedback:
    """Feedback of the world's citizen on the world's procedure (routed to its department)."""
    fields: dict[str, Any] = {
        "author": world.citizen,
        "subject": Subject.PROCEDURE,
        "procedure_code": world.version.procedure.code,
        "title": "Thời hạn cấp Phiếu lý lịch tư pháp quá dài",
        "content": "Tôi đề nghị rút ngắn thời hạn cấp Phiếu lý lịch tư pháp cho công dân.",
        "consent_to_publish": True,
        "address": "203.0.113.7",
        "at": at or vn(2025, 3, 3, 9, 0),
    }
    fields.update(overrides)
    return services.file_feedback(**fields)
