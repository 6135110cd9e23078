"""GET /api/v1/calendar/due: the due moment of a time limit on an agency's working calendar."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.agencies.models import Agency
from motcua.core.errors import ValidationFailed
from motcua.core.time import iso_local
from motcua.workcalendar.engine import CalendarError
from motcua.workcalendar.selectors import calendar_for

from ..serializers import DueQuerySerializer, DueResponseSerializer
from .common import error_responses


class DueDateView(APIView):
    @extend_schema(
        operation_id="calendar_due",
        tags=["Lịch làm việc"],
        summary="Tính hạn giải quyết theo ngày/giờ làm việc",
        parameters=[DueQuerySerializer],
        responses={200: DueResponseSerializer, **error_responses(400)},
    )
    def get(self, request: Request) -> Response:
        query = DueQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        agency = None
        if code := params.get("agency"):
            agency = Agency.objects.filter(code=code).first()
            if agency is None:
                raise ValidationError({"agency": "Không tìm thấy cơ quan có mã định danh này."})
        try:
            calendar = calendar_for(agency)
            unit = params["unit"] or "day"
            due = calendar.add(params["start"], params["amount"], unit, params.get("cut_off"))
        except CalendarError as exc:
            raise ValidationFailed(f"Không tính được hạn: {exc}.") from exc
        return Response(
            {
                "start": iso_local(params["start"]),
                "amount": params["amount"],
                "unit": unit,
                "agency": agency.code if agency else None,
                "due": iso_local(due),
            }
        )
