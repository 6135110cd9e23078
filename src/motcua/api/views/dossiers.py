"""Dossiers: submission, lists, detail, anonymous tracking and registration at the counter."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.agencies.selectors import staff_agency_ids
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.permissions import allowed_actions, is_staff_reader
from motcua.dossiers.selectors import (
    applicant_may_download_result,
    dossier_by_secret,
    dossier_for,
    history,
    visible_dossiers,
)
from motcua.dossiers.states import State
from motcua.web.files import file_response

from .. import inputs
from ..pagination import Pagination
from ..parsers import BoundedJSONParser
from ..serializers import (
    CounterSubmitSerializer,
    DossierDetailSerializer,
    DossierSummarySerializer,
    DossierTrackingSerializer,
    SubmitSerializer,
    document_files,
    multipart_request,
)
from ..throttles import SubmissionLimited, TrackingThrottle
from .common import error_responses

TAGS = ["Hồ sơ"]
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Khóa chống gửi trùng (tối đa 64 ký tự): gửi lại cùng khóa trả về hồ sơ đã tạo.",
    pattern=r"^[\x21-\x7e]{1,64}$",
)


def dossier_response(
    dossier: Dossier, request: Request, *, status_code: int = status.HTTP_200_OK, show_secret: bool = False
) -> Response:
    """The dossier as the caller may see it: staff of holding agencies see all, others the applicant view."""
    user = request.user
    is_staff = is_staff_reader(user, dossier)  # former holders too: they read what they handed on
    context = {
        "events": history(dossier, applicant_view=not is_staff),
        "staff_agency_ids": {dossier.receiving_agency_id, dossier.current_agency_id} if is_staff else set(),
        "show_secret": show_secret,
        "allowed_actions": allowed_actions(user, dossier),
        "results": visible_results(dossier, staff=is_staff),
        "request": request,
    }
    data = DossierDetailSerializer(dossier, context=context).data
    return Response(data, status=status_code, headers={"ETag": f'"{dossier.version}"'})


def visible_results(dossier: Dossier, *, staff: bool) -> list[ResultDocument]:
    """Every version of the result for staff; the applicant gets the latest once it is returned."""
    results = list(ResultDocument.objects.filter(dossier=dossier).order_by("-id"))
    if staff:
        return results
    return results[:1] if applicant_may_download_result(dossier) else []


def submission_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that submission and counter registration share."""
    return {
        "procedure_code": data["procedure"],
        "applicant": data["applicant"],
        "form_data": data["form_data"],
        "receiving_agency_code": data["receiving_agency"],
        "fee_exemption_id": data.get("fee_exemption"),
    }


class DossierQuerySerializer(serializers.Serializer):
    # An empty filter (`?state=`) means no filter.
    state = serializers.ChoiceField(choices=State.choices, required=False, allow_blank=True)
    procedure = serializers.CharField(
        required=False, allow_blank=True, max_length=30, help_text="Mã thủ tục; để trống: mọi thủ tục."
    )


class SubmitPermission(BasePermission):
    """Anybody may file an application; reading the list needs a login."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method == "POST" or bool(request.user and request.user.is_authenticated)


class DossierListView(SubmissionLimited, ListAPIView):
    serializer_class = DossierSummarySerializer
    pagination_class = Pagination
    permission_classes = [SubmitPermission]
    parser_classes = [BoundedJSONParser, MultiPartParser]

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
            "Không cần đăng nhập (trừ khi hệ thống đặt MOTCUA_ANONYMOUS_SUBMISSION=account); người đã đăng "
            "nhập trở thành chủ hồ sơ. Số hồ sơ nộp từ một địa chỉ mạng trong giờ, trong ngày và từ một "
            "tài khoản trong ngày có giới hạn: vượt quá thì nhận 429 kèm Retry-After. Phản hồi có "
            "`lookup_secret` (mã tra cứu) – chỉ hiển thị lần này cho người nộp."
        ),
        parameters=[IDEMPOTENCY_HEADER],
        request={
            "application/json": SubmitSerializer,
            "multipart/form-data": multipart_request(SubmitSerializer, document_files(), "SubmitMultipart"),
        },
        responses={201: DossierDetailSerializer, **error_responses(400, 401, 404, 409, 413, 415, 429)},
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
        return dossier_response(dossier, request, status_code=status.HTTP_201_CREATED, show_secret=True)


class DossierDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossiers_retrieve",
        tags=TAGS,
        summary="Chi tiết hồ sơ và quá trình xử lý",
        responses={200: DossierDetailSerializer, **error_responses(401, 404)},
    )
    def get(self, request: Request, code: str) -> Response:
        return dossier_response(dossier_for(request.user, code), request)


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
    parser_classes = [BoundedJSONParser, MultiPartParser]

    @extend_schema(
        operation_id="counter_dossiers_register",
        tags=TAGS,
        summary="Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính tại Bộ phận Một cửa",
        request={
            "application/json": CounterSubmitSerializer,
            "multipart/form-data": multipart_request(
                CounterSubmitSerializer, document_files(), "CounterSubmitMultipart"
            ),
        },
        responses={201: DossierDetailSerializer, **error_responses(400, 401, 403, 404, 409, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        data, uploads = inputs.read_body(request, CounterSubmitSerializer)
        dossier = services.register_at_counter(
            officer=request.user,
            **submission_fields(data),
            documents=inputs.documents(uploads),
            papers=[
                services.Paper(p["document"], p["form"], p["copies"]) for p in data.get("paper_documents", [])
            ],
            channel=data["channel"],
            note=data["note"],
        )
        return dossier_response(dossier, request, status_code=status.HTTP_201_CREATED, show_secret=True)


def _download(handle: Any, name: str, content_type: str) -> HttpResponseBase:
    """Always a download from the API (never shown inline), with the file responses' headers."""
    return file_response(handle, filename=name, content_type=content_type, inline=False)


class AttachmentDownloadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossiers_attachment_download",
        tags=TAGS,
        summary="Tải một tệp đính kèm của hồ sơ",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="Tệp"),
            **error_responses(401, 404),
        },
    )
    def get(self, request: Request, code: str, attachment_id: int) -> HttpResponseBase:
        dossier = dossier_for(request.user, code)
        found = dossier.attachments.filter(pk=attachment_id).first()
        if found is None:
            raise NotFound()
        return _download(found.file.open("rb"), found.original_name, found.content_type)


class ResultDownloadView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossiers_result_download",
        tags=TAGS,
        summary="Tải văn bản kết quả (người nộp: sau khi trả kết quả; cán bộ: mọi phiên bản)",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Tệp PDF"),
            **error_responses(401, 404),
        },
    )
    def get(self, request: Request, code: str, result_id: int) -> HttpResponseBase:
        dossier = dossier_for(request.user, code)
        readable = visible_results(dossier, staff=is_staff_reader(request.user, dossier))
        found = next(
            (r for r in readable if r.pk == result_id),
            None,
        )
        if found is None:
            raise NotFound()
        return _download(found.file.open("rb"), found.name, "application/pdf")
