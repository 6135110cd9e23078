"""Feedback (phản ánh, kiến nghị) on the API: the list a user may read in full, one feedback, and
POST /api/v1/feedback/{code}/{action} for every row of `feedback.actions.TABLE`, through the same
services and permission checks as the pages (404 unreadable, 403 not a party, 409 wrong state)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.agencies.models import Agency
from motcua.core import time as core_time
from motcua.core.net import client_address
from motcua.feedback import services
from motcua.feedback.actions import TABLE, ActionSpec, Field
from motcua.feedback.models import MAX_TEXT, MAX_TITLE, Feedback
from motcua.feedback.permissions import allowed_actions
from motcua.feedback.selectors import feedback_for, readable_feedback, with_current_due
from motcua.feedback.states import State, Subject

from ..pagination import Pagination
from ..parsers import BoundedJSONParser
from ..serializers import AgencyRefSerializer, LocalDateTimeField
from .common import error_responses

TAGS = ["Phản ánh, kiến nghị"]


class FeedbackPublicSerializer(serializers.Serializer):
    """What anyone reads of a published answer: never the sender, the dossier or the files."""

    code = serializers.CharField()
    subject = serializers.CharField(help_text="procedure | dossier | conduct")
    title = serializers.CharField()
    content = serializers.CharField()
    state = serializers.CharField()
    agency = AgencyRefSerializer()
    received_at = LocalDateTimeField()
    answer = serializers.CharField()
    answered_at = LocalDateTimeField(allow_null=True)
    published_at = LocalDateTimeField(allow_null=True)


class FeedbackSerializer(FeedbackPublicSerializer):
    """Everything, for the author and the agency's officers."""

    consent_to_publish = serializers.BooleanField()
    decide_due_at = LocalDateTimeField()
    info_due_at = LocalDateTimeField()
    handle_due_at = LocalDateTimeField()
    publish_due_at = LocalDateTimeField(allow_null=True)
    current_due = LocalDateTimeField(allow_null=True, help_text="Hạn của bước hiện tại.")
    overdue = serializers.SerializerMethodField()
    refusal_reason = serializers.CharField()
    info_question = serializers.CharField()
    info_reply = serializers.CharField()
    repeat_of = serializers.SerializerMethodField()
    rating = serializers.IntegerField(
        allow_null=True, help_text="1 không hài lòng, 2 hài lòng, 3 rất hài lòng"
    )

    def get_overdue(self, feedback: Feedback) -> bool:
        due = getattr(feedback, "current_due", None)
        return bool(due is not None and due < self.context["at"])

    def get_repeat_of(self, feedback: Feedback) -> str | None:
        return feedback.repeat_of.code if feedback.repeat_of_id else None  # type: ignore[union-attr]


class FeedbackDetailSerializer(FeedbackSerializer):
    allowed_actions = serializers.ListField(child=serializers.CharField())


class FileFeedbackSerializer(serializers.Serializer):
    subject = serializers.ChoiceField(choices=Subject.choices, help_text="procedure | dossier | conduct")
    title = serializers.CharField(max_length=MAX_TITLE)
    content = serializers.CharField(max_length=MAX_TEXT)
    procedure = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    dossier = serializers.CharField(max_length=40, required=False, default="", allow_blank=True)
    agency = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True, help_text="Mã định danh cơ quan."
    )
    officer_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    consent_to_publish = serializers.BooleanField(required=False, default=False)


class FeedbackListView(ListAPIView):
    serializer_class = FeedbackSerializer
    pagination_class = Pagination
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    def get_queryset(self) -> QuerySet[Feedback]:
        rows = with_current_due(readable_feedback(self.request.user)).select_related("agency", "repeat_of")
        state = self.request.query_params.get("state", "")
        if state:
            if state not in State.values:
                raise serializers.ValidationError({"state": "Trạng thái không hợp lệ."})
            rows = rows.filter(state=state)
        return rows.order_by("-received_at", "-id")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "at": core_time.now()}

    @extend_schema(
        operation_id="feedback_list",
        tags=TAGS,
        summary="Phản ánh của tôi / phản ánh gửi đến cơ quan tôi",
        responses={200: FeedbackSerializer(many=True), **error_responses(400, 401, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="feedback_file",
        tags=TAGS,
        summary="Gửi phản ánh, kiến nghị (công dân đã đăng nhập; tệp đính kèm gửi qua Cổng)",
        request=FileFeedbackSerializer,
        responses={201: FeedbackDetailSerializer, **error_responses(400, 401, 403, 429)},
    )
    def post(self, request: Request) -> Response:
        body = FileFeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        agency_id = ""
        if data["agency"]:
            agency_id = str(
                Agency.objects.filter(code=data["agency"]).values_list("pk", flat=True).first() or ""
            )
        feedback = services.file_feedback(
            author=request.user,
            subject=data["subject"],
            title=data["title"],
            content=data["content"],
            procedure_code=data["procedure"],
            dossier_code=data["dossier"],
            agency_id=agency_id,
            officer_name=data["officer_name"],
            consent_to_publish=data["consent_to_publish"],
            address=client_address(request),
        )
        response = feedback_response(request, feedback.code)
        response.status_code = 201
        return response


def feedback_response(request: Request, code: str) -> Response:
    reading = feedback_for(request.user, code)
    feedback = reading.feedback
    if not reading.private:
        return Response(FeedbackPublicSerializer(feedback).data)
    feedback.allowed_actions = [spec.action.value for spec in allowed_actions(request.user, feedback)]  # type: ignore[attr-defined]
    return Response(FeedbackDetailSerializer(feedback, context={"at": core_time.now()}).data)


class FeedbackDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="feedback_retrieve",
        tags=TAGS,
        summary="Một phản ánh: đầy đủ cho người gửi và cán bộ cơ quan, phần công khai cho mọi người",
        responses={200: FeedbackDetailSerializer, **error_responses(404)},
    )
    def get(self, request: Request, code: str) -> Response:
        return feedback_response(request, code)


def _field(f: Field) -> serializers.Field:
    if f.kind == "score":
        return serializers.IntegerField(min_value=1, max_value=3, help_text=str(f.label))
    required = f.name != "comment"
    return serializers.CharField(
        max_length=f.max_length,
        required=required,
        allow_blank=not required,
        default="" if not required else serializers.empty,
        help_text=str(f.label),
    )


class FeedbackActionView(APIView):
    spec: ClassVar[ActionSpec]
    body: ClassVar[type[serializers.Serializer]]
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    def post(self, request: Request, code: str) -> Response:
        feedback = feedback_for(request.user, code).feedback
        body = self.body(data=request.data)
        body.is_valid(raise_exception=True)
        services.perform(
            self.spec.action, feedback_id=feedback.pk, actor=request.user, inputs=dict(body.validated_data)
        )
        return feedback_response(request, code)


def _action_view(spec: ActionSpec) -> type[FeedbackActionView]:
    slug = spec.action.value.replace("_", "-")
    name = "Feedback" + "".join(part.capitalize() for part in slug.split("-"))
    body = type(name + "Request", (serializers.Serializer,), {f.name: _field(f) for f in spec.fields})

    def post(self: FeedbackActionView, request: Request, code: str) -> Response:
        return FeedbackActionView.post(self, request, code)

    # On the method, not the class: an operation id on a view class names every method alike.
    documented = extend_schema(
        operation_id=f"feedback_{spec.action.value}",
        tags=TAGS,
        summary=str(spec.label),
        request=body,
        responses={200: FeedbackDetailSerializer, **error_responses(400, 401, 403, 404, 409)},
    )(post)
    return type(name + "View", (FeedbackActionView,), {"spec": spec, "body": body, "post": documented})


ACTION_VIEWS: dict[str, type[FeedbackActionView]] = {
    spec.action.value.replace("_", "-"): _action_view(spec) for spec in TABLE
}
