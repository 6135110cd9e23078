"""Dossiers: submission, lists, detail, anonymous tracking and registration at the counter."""

from __future__ import annotations

from typing import Any

from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from motcua.agencies.selectors import staff_agency_ids
from motcua.core.time import now
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.permissions import Post, allowed_actions, is_staff_reader, posts_on, reads
from motcua.dossiers.selectors import (
    WholeDossier,
    applicant_events,
    applicant_may_download_result,
    dossier_by_secret,
    dossier_for,
    history,
    results_newest_first,
    whole_dossier,
    whole_reading_for,
)
from motcua.dossiers.selectors.listing import DueStatus, ListFilters, dossier_list_page
from motcua.dossiers.states import State
from motcua.web.files import file_response

from .. import inputs
from ..pagination import Pagination, read_cursor, sign_cursor
from ..parsers import BoundedJSONParser
from ..serializers import (
    ATTACHMENT_COLUMNS,
    SUMMARY_COLUMNS,
    CounterSubmitSerializer,
    DossierDetailSerializer,
    DossierSummarySerializer,
    DossierTrackingSerializer,
    SubmitSerializer,
    detail_data,
    document_files,
    multipart_request,
    summary_rows,
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
    dossier: Dossier,
    request: Request,
    *,
    status_code: int = status.HTTP_200_OK,
    show_secret: bool = False,
    posts: tuple[Post, ...] | None = None,
    whole: WholeDossier | None = None,
) -> Response:
    """The dossier as the caller may see it: staff of holding agencies see all, others the applicant view.

    `posts` (`permissions.posts_on`), when the caller read them to find the dossier, are reused: the
    staff test and the allowed actions need no query of their own. The results, the whole history,
    the attachments and the workflow are read together once (`whole_dossier`, unless the caller
    read them with the posts), for the answer and for the allowed actions. The schema is
    DossierDetailSerializer's; the answer is built without its fields (`detail_data`).
    """
    user = request.user
    posts = posts_on(user, dossier) if posts is None else posts
    is_staff = reads(posts)  # former holders too: they read what they handed on
    whole = whole_dossier(dossier, ATTACHMENT_COLUMNS) if whole is None else whole
    results, events = whole.results, whole.events
    data = detail_data(
        dossier,
        events=events if is_staff else applicant_events(events),
        attachments=whole.attachments,
        results=results if is_staff else visible_results(dossier, staff=False, results=results),
        allowed_actions=allowed_actions(
            user, dossier, posts=posts, results=results, events=events, steps=whole.steps
        ),
        staff_agency_ids={dossier.receiving_agency_id, dossier.current_agency_id} if is_staff else set(),
        show_secret=show_secret,
        request=request,
    )
    return Response(data, status=status_code, headers={"ETag": f'"{dossier.version}"'})


def visible_results(
    dossier: Dossier, *, staff: bool, results: list[ResultDocument] | None = None
) -> list[ResultDocument]:
    """Every version of the result for staff; the applicant gets the latest once it is returned."""
    if results is None:
        results = results_newest_first(dossier)
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
    unit = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="Mã số (id) phòng ban đang giữ hồ sơ."
    )
    received_from = serializers.DateField(
        required=False, help_text="Tiếp nhận từ ngày (theo giờ Việt Nam, tính cả ngày này)."
    )
    received_to = serializers.DateField(
        required=False, help_text="Tiếp nhận đến ngày (theo giờ Việt Nam, tính cả ngày này)."
    )
    due_status = serializers.ChoiceField(
        choices=[(s.value, s.value) for s in DueStatus],
        required=False,
        allow_blank=True,
        help_text=(
            "Hồ sơ đang giải quyết (không tạm dừng) so với hạn giải quyết: `overdue` quá hạn, "
            "`due_soon` đến hạn trong hôm nay, `on_time` còn hạn sau hôm nay."
        ),
    )
    cursor = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Con trỏ trang: giá trị `next` hoặc `previous` của trang trước, giữ nguyên.",
    )
    page_size = serializers.IntegerField(
        required=False, min_value=1, max_value=Pagination.max_page_size, help_text="Số hồ sơ mỗi trang."
    )
    count = serializers.ChoiceField(
        choices=[("exact", "exact")],
        required=False,
        help_text="`exact`: đếm chính xác tổng số hồ sơ (chậm với danh sách lớn). Mặc định không đếm, "
        "trừ khi cả danh sách nằm trong một trang.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "page" in self.initial_data:
            raise serializers.ValidationError(
                {"page": "Danh sách hồ sơ phân trang bằng con trỏ: dùng liên kết `next` / `previous`."}
            )
        # DRF reads `?unit=` as "not given"; only the filters documented as blankable may be blank.
        blank = [
            name
            for name, field in self.fields.items()
            if self.initial_data.get(name) == "" and not getattr(field, "allow_blank", False)
        ]
        if blank:
            raise serializers.ValidationError(dict.fromkeys(blank, "Không được để trống."))
        start, end = attrs.get("received_from"), attrs.get("received_to")
        if start and end and start > end:
            raise serializers.ValidationError({"received_to": "Ngày kết thúc phải sau ngày bắt đầu."})
        return attrs


class DossierListPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True, help_text="Địa chỉ trang sau (con trỏ đã ký).")
    previous = serializers.CharField(allow_null=True, help_text="Địa chỉ trang trước (con trỏ đã ký).")
    count = serializers.IntegerField(
        allow_null=True,
        help_text="Tổng số hồ sơ: có khi hỏi `count=exact`, hoặc khi cả danh sách nằm trong trang này; "
        "còn lại là null.",
    )
    results = DossierSummarySerializer(many=True)


class SubmitPermission(BasePermission):
    """Anybody may file an application; reading the list needs a login."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method == "POST" or bool(request.user and request.user.is_authenticated)


class DossierListView(SubmissionLimited, APIView):
    permission_classes = [SubmitPermission]
    parser_classes = [BoundedJSONParser, MultiPartParser]

    @extend_schema(
        operation_id="dossiers_list",
        tags=TAGS,
        summary="Hồ sơ của tôi / hồ sơ của cơ quan tôi",
        description=(
            "Mới nhất trước, phân trang bằng con trỏ (keyset): trang sâu bao nhiêu cũng nhanh như trang "
            "đầu. Con trỏ được ký: sửa hay tự tạo con trỏ nhận 400."
        ),
        parameters=[DossierQuerySerializer],
        responses={200: DossierListPageSerializer, **error_responses(400, 401)},
    )
    def get(self, request: Request) -> Response:
        query = DossierQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        chosen = query.validated_data
        after, before = read_cursor(chosen.get("cursor"))
        size = chosen.get("page_size") or Pagination.page_size or 50
        filters = ListFilters(
            state=chosen.get("state") or None,
            procedure_code=chosen.get("procedure") or None,
            unit_id=chosen.get("unit"),
            received_from=chosen.get("received_from"),
            received_to=chosen.get("received_to"),
            due_status=DueStatus(chosen["due_status"]) if chosen.get("due_status") else None,
        )
        agencies = staff_agency_ids(request.user)
        page = dossier_list_page(
            request.user,
            agencies,
            filters,
            at=now(),
            after=after,
            before=before,
            size=size,
            exact_count=chosen.get("count") == "exact",
            columns=SUMMARY_COLUMNS,
        )
        url = request.build_absolute_uri()
        return Response(
            {
                "next": replace_query_param(url, "cursor", sign_cursor("a", page.next_after))
                if page.next_after is not None
                else None,
                "previous": replace_query_param(url, "cursor", sign_cursor("b", page.previous_before))
                if page.previous_before is not None
                else None,
                "count": page.count,
                # The schema is DossierSummarySerializer's; the rows are built without its fields.
                "results": summary_rows(page.dossiers, staff_agency_ids=agencies),
            }
        )

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
        reading, whole = whole_reading_for(request.user, code, ATTACHMENT_COLUMNS)
        return dossier_response(reading.dossier, request, posts=reading.posts, whole=whole)


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
