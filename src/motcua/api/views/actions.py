"""POST /api/v1/dossiers/{code}/<action>: one endpoint per business action, declared as data.

Every action looks the dossier up through `dossier_for` first (404 when the user may not even see
it), then calls its service, which checks the permission (403) and the state machine (409).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_for

from .. import inputs
from ..serializers import (
    ApologySerializer,
    AssignSerializer,
    DossierDetailSerializer,
    FinancialObligationSerializer,
    MultipartSubmitSerializer,
    NoteSerializer,
    ReasonSerializer,
    ReceiptSerializer,
    RequestSupplementSerializer,
    ResolveSerializer,
    ReturnSerializer,
    SupplementSerializer,
    TransferSerializer,
    WithdrawalDecisionSerializer,
)
from .common import error_responses
from .dossiers import dossier_response

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description='Phiên bản hồ sơ mong đợi, ví dụ "3" (thay cho `expected_version` trong nội dung).',
)


@dataclass(frozen=True)
class Call:
    """What an action endpoint hands to its service."""

    dossier_id: int
    user: Any
    data: dict[str, Any]
    uploads: list[inputs.Upload]
    expected_version: int | None


@dataclass(frozen=True)
class DossierAction:
    slug: str
    summary: str
    serializer: type[serializers.Serializer]
    run: Callable[[Call], Dossier]
    accepts_files: bool = False


def _v(call: Call) -> dict[str, Any]:
    return {"dossier_id": call.dossier_id, "expected_version": call.expected_version}


ACTIONS: tuple[DossierAction, ...] = (
    DossierAction(
        "receive",
        "Tiếp nhận hồ sơ (bắt đầu tính thời hạn giải quyết)",
        NoteSerializer,
        lambda c: services.receive_dossier(**_v(c), officer=c.user, note=c.data["note"]),
    ),
    DossierAction(
        "refuse",
        "Từ chối tiếp nhận hồ sơ",
        ReasonSerializer,
        lambda c: services.refuse_dossier(**_v(c), officer=c.user, reason=c.data["reason"]),
    ),
    DossierAction(
        "request-supplement",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ",
        RequestSupplementSerializer,
        lambda c: services.request_supplement(
            **_v(c), officer=c.user, missing=c.data["missing"], reason=c.data["reason"]
        ),
    ),
    DossierAction(
        "supplement",
        "Bổ sung hồ sơ (JSON, hoặc multipart kèm tệp)",
        SupplementSerializer,
        lambda c: services.supplement_dossier(
            **_v(c),
            actor=c.user,
            documents=inputs.documents(c.uploads),
            form_data=c.data["form_data"] or None,
            note=c.data["note"],
        ),
        accepts_files=True,
    ),
    DossierAction(
        "transfer",
        "Chuyển xử lý cho phòng ban (cùng cơ quan hoặc liên thông)",
        TransferSerializer,
        lambda c: services.transfer_dossier(
            **_v(c),
            actor=c.user,
            to_unit_id=c.data["to_unit"],
            to_assignee_id=c.data["to_assignee"],
            step=c.data["step"],
            note=c.data["note"],
        ),
    ),
    DossierAction(
        "assign",
        "Phân công cán bộ xử lý",
        AssignSerializer,
        lambda c: services.assign_dossier(
            **_v(c), actor=c.user, assignee_id=c.data["assignee"], note=c.data["note"]
        ),
    ),
    DossierAction(
        "request-financial-obligation",
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        FinancialObligationSerializer,
        lambda c: services.request_financial_obligation(
            **_v(c), actor=c.user, amount=c.data["amount"], description=c.data["description"]
        ),
    ),
    DossierAction(
        "confirm-financial-obligation",
        "Xác nhận đã thực hiện nghĩa vụ tài chính",
        ReceiptSerializer,
        lambda c: services.confirm_financial_obligation(
            **_v(c), actor=c.user, receipt_number=c.data["receipt_number"]
        ),
    ),
    DossierAction(
        "resolve",
        "Phê duyệt kết quả giải quyết",
        ResolveSerializer,
        lambda c: services.resolve_dossier(**_v(c), actor=c.user, result_summary=c.data["result_summary"]),
    ),
    DossierAction(
        "return",
        "Trả kết quả",
        ReturnSerializer,
        lambda c: services.return_result(**_v(c), actor=c.user, method=c.data["method"], note=c.data["note"]),
    ),
    DossierAction(
        "request-withdrawal",
        "Yêu cầu rút hồ sơ",
        ReasonSerializer,
        lambda c: services.request_withdrawal(**_v(c), actor=c.user, reason=c.data["reason"]),
    ),
    DossierAction(
        "decide-withdrawal",
        "Chấp nhận hoặc không chấp nhận yêu cầu rút hồ sơ",
        WithdrawalDecisionSerializer,
        lambda c: services.decide_withdrawal(
            **_v(c), actor=c.user, accept=c.data["accept"], note=c.data["note"]
        ),
    ),
    DossierAction(
        "stop",
        "Dừng giải quyết hồ sơ",
        ReasonSerializer,
        lambda c: services.stop_dossier(**_v(c), actor=c.user, reason=c.data["reason"]),
    ),
    DossierAction(
        "apologise",
        "Xin lỗi và hẹn lại ngày trả kết quả",
        ApologySerializer,
        lambda c: services.apologise_and_extend(
            **_v(c), actor=c.user, new_appointment=c.data["new_appointment"], reason=c.data["reason"]
        ),
    ),
)


class DossierActionView(APIView):
    """The shared body of every action endpoint; `dossier_action` is set on each generated subclass."""

    dossier_action: ClassVar[DossierAction]
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]

    def post(self, request: Request, code: str) -> Response:
        dossier = dossier_for(request.user, code)
        data, uploads = inputs.read_body(request, self.dossier_action.serializer)
        call = Call(dossier.pk, request.user, data, uploads, inputs.expected_version(request, data))
        updated = self.dossier_action.run(call)
        return dossier_response(updated, request.user)


def action_view(action: DossierAction) -> type[DossierActionView]:
    """A view class for one action, with its own OpenAPI operation."""
    name = "".join(part.capitalize() for part in action.slug.split("-")) + "View"
    request: Any = action.serializer
    attributes: dict[str, Any] = {"dossier_action": action, "__doc__": action.summary}
    if action.accepts_files:
        request = {"application/json": action.serializer, "multipart/form-data": MultipartSubmitSerializer}
        attributes["parser_classes"] = [JSONParser, MultiPartParser]

    def post(self: DossierActionView, request: Request, code: str) -> Response:
        return DossierActionView.post(self, request, code)

    attributes["post"] = extend_schema(
        operation_id=f"dossiers_{action.slug.replace('-', '_')}",
        tags=["Xử lý hồ sơ"],
        summary=action.summary,
        parameters=[IF_MATCH],
        request=request,
        responses={200: DossierDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )(post)
    return type(name, (DossierActionView,), attributes)


ACTION_VIEWS: dict[str, type[DossierActionView]] = {action.slug: action_view(action) for action in ACTIONS}
