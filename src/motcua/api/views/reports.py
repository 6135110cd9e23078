"""Statistics on the API: GET /api/v1/reports/form-06 (Form 06/VPCP/KSTT for a period)."""

from __future__ import annotations

from datetime import date
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.errors import ValidationFailed
from motcua.stats.figures import FORM06_COLUMNS, WIDE_COLUMNS
from motcua.stats.permissions import agencies_for_report
from motcua.stats.selectors import form_06

from .common import error_responses

TAGS = ["Thống kê, báo cáo"]
MAX_DAYS = 3 * 366


def _day(request: Request, name: str) -> date:
    value = request.query_params.get(name, "")
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = "Ngày cần có dạng YYYY-MM-DD."
        raise ValidationFailed(message, fields={name: message}) from None


def _columns() -> dict[str, Any]:
    fields: dict[str, Any] = {c: serializers.IntegerField() for c in FORM06_COLUMNS}
    fields.update({c: serializers.IntegerField() for c in WIDE_COLUMNS[:-2]})
    fields["on_time_rate"] = serializers.FloatField(allow_null=True, help_text="%; null khi không có hồ sơ")
    fields["average_minutes"] = serializers.FloatField(allow_null=True)
    return fields


def _named(name: str, help_text: str) -> Any:
    return inline_serializer(
        name,
        {"code": serializers.CharField(), "name": serializers.CharField()},
        required=False,
        help_text=help_text,
    )


# A row names its agency and level (by=agency), its sector (by=sector) or its procedure (by=procedure).
ROW = inline_serializer(
    "Form06Row",
    {
        "agency": _named("Form06Agency", "by=agency"),
        "level": serializers.CharField(required=False, help_text="province | commune (by=agency)"),
        "sector": _named("Form06Sector", "by=sector"),
        "procedure": _named("Form06Procedure", "by=procedure"),
        **_columns(),
    },
)
GROUPINGS = ("agency", "sector", "procedure")


class Form06View(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reports_form_06",
        tags=TAGS,
        summary="Biểu 06/VPCP/KSTT: tình hình giải quyết TTHC trong kỳ",
        parameters=[
            OpenApiParameter("from", str, required=True, description="Từ ngày (YYYY-MM-DD)"),
            OpenApiParameter("to", str, required=True, description="Đến ngày (YYYY-MM-DD)"),
            OpenApiParameter("agency", str, required=False, description="Mã định danh cơ quan"),
            OpenApiParameter(
                "by",
                str,
                required=False,
                enum=GROUPINGS,
                default="agency",
                description="Mỗi dòng là một cơ quan (theo cấp), một lĩnh vực hoặc một thủ tục",
            ),
        ],
        responses={
            200: inline_serializer(
                "Form06",
                {"rows": ROW.__class__(many=True), "total": inline_serializer("Form06Total", _columns())},
            ),
            **error_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> Response:
        agency_ids = agencies_for_report(request.user, request.query_params.get("agency") or None)
        start, end = _day(request, "from"), _day(request, "to")
        if end < start or (end - start).days > MAX_DAYS:
            message = "Kỳ báo cáo không hợp lệ: ngày kết thúc phải sau ngày bắt đầu, tối đa 3 năm."
            raise ValidationFailed(message, fields={"to": message})
        by = request.query_params.get("by") or "agency"
        if by not in GROUPINGS:
            message = "Cách nhóm không hợp lệ: agency, sector hoặc procedure."
            raise ValidationFailed(message, fields={"by": message})
        report = form_06(start, end, agency_ids=agency_ids, by=by)
        return Response(
            {"from": start.isoformat(), "to": end.isoformat(), "rows": report.rows, "total": report.total}
        )
