"""Worklist names in URLs and on screen, and reading their filters from a query string."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.queries import Worklist, WorklistFilters
from motcua.dossiers.search import MAX_QUERY
from motcua.dossiers.states import State

WORKLIST_SLUGS: dict[Worklist, str] = {
    Worklist.TO_RECEIVE: "cho-tiep-nhan",
    Worklist.TO_PROCESS: "can-xu-ly",
    Worklist.TO_APPROVE: "cho-phe-duyet",
    Worklist.TO_RETURN: "tra-ket-qua",
    Worklist.WAITING: "cho-cong-dan",
    Worklist.AGENCY: "toan-co-quan",
}
BY_SLUG = {slug: worklist for worklist, slug in WORKLIST_SLUGS.items()}
WORKLIST_LABELS: dict[Worklist, Any] = {
    Worklist.TO_RECEIVE: _("Chờ tiếp nhận"),
    Worklist.TO_PROCESS: _("Cần xử lý"),
    Worklist.TO_APPROVE: _("Chờ phê duyệt"),
    Worklist.TO_RETURN: _("Chờ trả kết quả"),
    Worklist.WAITING: _("Chờ công dân"),
    Worklist.AGENCY: _("Toàn cơ quan"),
}
WORKLIST_HINTS: dict[Worklist, Any] = {
    Worklist.TO_RECEIVE: _("Hồ sơ nộp trực tuyến cần kiểm tra, yêu cầu rút hồ sơ cần quyết định."),
    Worklist.TO_PROCESS: _("Hồ sơ được giao cho tôi hoặc đang ở đơn vị của tôi."),
    Worklist.TO_APPROVE: _("Hồ sơ ở bước phê duyệt của lãnh đạo, hoặc được chuyển cho tôi."),
    Worklist.TO_RETURN: _("Đã có kết quả, chờ trả cho tổ chức, cá nhân."),
    Worklist.WAITING: _("Đang chờ người nộp bổ sung giấy tờ hoặc thực hiện nghĩa vụ tài chính."),
    Worklist.AGENCY: _("Mọi hồ sơ cơ quan đang giải quyết."),
}
URGENCY_PARAMS = {"qua-han": "overdue", "hom-nay": "today"}
FILTER_KEYS = ("tim", "thu-tuc", "co-quan", "don-vi", "trang-thai", "can-bo", "muc-do", "tu", "den")


def _int(value: str | None) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 <= number < 2**62 else None


def day_from_query(value: str | None) -> date | None:
    """dd/mm/yyyy as typed (the active language's DATE_INPUT_FORMATS), or yyyy-mm-dd from old links."""
    try:
        return forms.DateField(required=False).clean((value or "")[:20])
    except ValidationError:
        return None


def filters_from(query: QueryDict) -> WorklistFilters:
    """Whatever is malformed in the query string is ignored, never an error page."""
    state = query.get("trang-thai") or None
    return WorklistFilters(
        procedure_id=_int(query.get("thu-tuc")) or None,
        agency_id=_int(query.get("co-quan")) or None,
        unit_id=_int(query.get("don-vi")) or None,
        state=state if state in State.values else None,
        assignee_id=_int(query.get("can-bo")) if query.get("can-bo") not in (None, "") else None,
        urgency=URGENCY_PARAMS.get(query.get("muc-do", "")),
        submitted_from=day_from_query(query.get("tu")),
        submitted_to=day_from_query(query.get("den")),
        search=(query.get("tim") or "").strip()[:MAX_QUERY] or None,
    )


def filter_query(query: QueryDict, **changes: Any) -> str:
    """The filters of `query` (without the page cursor), with `changes`, as a query string."""
    values = {k: query.get(k) for k in FILTER_KEYS if query.get(k)}
    values.update({k.replace("_", "-"): v for k, v in changes.items() if v is not None})
    return urlencode(values)
