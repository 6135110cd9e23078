"""Dossiers: submission, lists, detail, anonymous tracking and registration at the counter."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.agencies.selectors import staff_agency_ids
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import roles_on
from motcua.dossiers.selectors import dossier_by_secret, dossier_for, history, visible_dossiers
from motcua.dossiers.states import State

from .. import inputs
from ..pagination import Pagination
from ..serializers import (
    CounterSubmitSerializer,
    DossierDetailSerializer,
    DossierSummarySerializer,
    DossierTrackingSerializer,
    MultipartSubmitSerializer,
    SubmitSerializer,
)
from ..throttles import TrackingThrottle
from .common import error_responses

TAGS = ["Hồ sơ"]
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Khóa chống gửi trùng (tối đa 64 ký tự): gửi lại cùng khóa trả về hồ sơ đã tạo.",
)


def dossier_response(
    dossier: Dossier, user: Any, *, status_code: int = status.HTTP_200_OK, show_secret: bool = False
) -> Response:
    """The dossier as `user` may see it: staff of the holding agencies see all, others the applicant view."""
    is_staff = bool(roles_on(user, dossier)[1])  # former holders too: they read what they handed on
    context = {
        "events": history(dossier, applicant_view=not is_staff),
        "staff_agency_ids": {dossier.receiving_agency_id, dossier.current_agency_id} if is_staff else set(),
        "show_secret": show_secret,
    }
    data = DossierDetailSerializer(dossier, context=context).data
    return Response(data, status=status_code, headers={"ETag": f'"{dossier.version}"'})


def submission_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that submission and counter registration share."""
    return {
        "procedure_code": data["procedure"],
        "applicant": data["applicant"],
        "form_data": data["form_data"],
        "receiving_agency_code": data["receiving_agency"],
    }


class DossierQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=State.choices, required=False)
    procedure = serializers.CharField(required=False, help_text="Mã thủ tục.")


class SubmitPermission(BasePermission):
    """Anybody may file an application; reading the list needs a login."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method == "POST" or bool(request.user and request.user.is_authenticated)


class DossierListView(ListAPIView):
    serializer_class = DossierSummarySerializer
    pagination_class = Pagination
    permission_classes = [SubmitPermission]
    parser_classes = [JSONParser, MultiPartParser]

    def get_queryset(self) -> QuerySet[Dossier]:
        query = DossierQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        dossiers = visible_dossiers(self.request.user)
        if state := query.validated_data.get("state"):
            dossiers = dossiers.filter(state=state)
        if procedure := query.validated_data.get("procedure"):
            dossiers = dossiers.filter(procedure_version__procedure__code=procedure)
        return dossiers

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "staff_agency_ids": staff_agency_ids(self.request.user)}

    @extend_schema(
        operation_id="dossiers_list",
        tags=TAGS,
        summary="Hồ sơ của tôi / hồ sơ của cơ quan tôi",
        parameters=[DossierQuerySerializer],
        responses={200: DossierSummarySerializer(many=True), **error_responses(400, 401, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="dossiers_submit",
        tags=TAGS,
        summary="Nộp hồ sơ trực tuyến (JSON, hoặc multipart kèm tệp)",
        description=(
            "Không cần đăng nhập; người đã đăng nhập trở thành chủ hồ sơ. Phản hồi có `lookup_secret` "
            "(mã tra cứu) – chỉ hiển thị lần này cho người nộp."
        ),
        parameters=[IDEMPOTENCY_HEADER],
        request={"application/json": SubmitSerializer, "multipart/form-data": MultipartSubmitSerializer},
        responses={201: DossierDetailSerializer, **error_responses(400, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data, uploads = inputs.read_body(request, SubmitSerializer)
        key = inputs.idempotency_key(request)
        user = request.user if request.user.is_authenticated else None
        dossier = services.submit_dossier(
            **submission_fields(data),
            documents=inputs.documents(uploads),
            owner=user,
            idempotency_key=key,
        )
        return dossier_response(dossier, request.user, status_code=status.HTTP_201_CREATED, show_secret=True)


class DossierDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossiers_retrieve",
        tags=TAGS,
        summary="Chi tiết hồ sơ và quá trình xử lý",
        responses={200: DossierDetailSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        return dossier_response(dossier_for(request.user, code), request.user)


class TrackingQuerySerializer(serializers.Serializer):
    secret = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=32,
        help_text="Mã tra cứu in trên giấy tiếp nhận.",
    )


class DossierTrackView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [TrackingThrottle]

    @extend_schema(
        operation_id="dossiers_track",
        tags=TAGS,
        auth=[],
        summary="Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu (không cần đăng nhập)",
        parameters=[TrackingQuerySerializer],
        responses={200: DossierTrackingSerializer, **error_responses(404, 429)},
    )
    def get(self, request: Request, code: str) -> Response:
        # A malformed secret is answered like a wrong one: the reply must not tell the two apart.
        secret = request.query_params.get("secret", "")[:32]
        dossier = dossier_by_secret(code, secret)
        context = {"events": history(dossier, applicant_view=True)}
        return Response(DossierTrackingSerializer(dossier, context=context).data)


class CounterDossierView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        operation_id="counter_dossiers_register",
        tags=TAGS,
        summary="Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính tại Bộ phận Một cửa",
        request={
            "application/json": CounterSubmitSerializer,
            "multipart/form-data": MultipartSubmitSerializer,
        },
        responses={201: DossierDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data, uploads = inputs.read_body(request, CounterSubmitSerializer)
        dossier = services.register_at_counter(
            officer=request.user,
            **submission_fields(data),
            documents=inputs.documents(uploads),
            channel=data["channel"],
            note=data["note"],
        )
        return dossier_response(dossier, request.user, status_code=status.HTTP_201_CREATED, show_secret=True)
