"""POST /api/v1/dossiers/{code}/<action>: one endpoint per row of the table of actions.

Endpoints, request serializers and OpenAPI operations are derived from `dossiers.actions.TABLE`:
an action added there has its endpoint here. Every action looks the dossier up through
`dossier_for` first (404 when the user may not even see it), then calls `actions.perform`, whose
service checks the table (403 not a party, 409 wrong state or a requirement unmet).
"""

from __future__ import annotations

from typing import Any, ClassVar

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.dossiers.actions import TABLE, ActionSpec, Field, Kind, perform
from motcua.dossiers.selectors import dossier_for, reading_for

from .. import inputs
from ..parsers import BoundedJSONParser
from ..serializers import (
    MAX_ID,
    DossierDetailSerializer,
    VersionedSerializer,
    document_files,
    multipart_request,
)
from .common import error_responses
from .dossiers import dossier_response

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description='Phiên bản hồ sơ mong đợi, ví dụ "3" (thay cho `expected_version` trong nội dung).',
    pattern=r'^(\*|(W/)?"?[0-9]{1,18}"?)$',
)
FILE_KINDS = frozenset({Kind.DOCUMENT_FILES, Kind.PDF})


def serializer_field(f: Field) -> serializers.Field | None:
    """The DRF field that reads one declared input (None: files, which come as multipart parts)."""
    common: dict[str, Any] = {"help_text": str(f.help or f.label)}
    if not f.required:
        common["required"] = False
    if f.kind in (Kind.TEXT, Kind.LONG_TEXT):
        if not f.required:
            common.update(allow_blank=True, default=f.default if f.default is not None else "")
        return serializers.CharField(max_length=f.max_length, **common)
    if f.kind == Kind.LINES:
        return serializers.ListField(
            child=serializers.CharField(max_length=f.max_length), max_length=50, default=list, **common
        )
    if f.kind == Kind.REQUIRED_DOCUMENTS:
        return serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            max_length=50,
            default=list,
            **common,
        )
    if f.kind == Kind.INTEGER:
        if not f.required:
            common.update(allow_null=True, default=None)
        return serializers.IntegerField(min_value=f.min_value, max_value=f.max_value, **common)
    if f.kind in (Kind.UNIT, Kind.OFFICER):
        if not f.required:
            common.update(allow_null=True, default=None)
        return serializers.IntegerField(min_value=1, max_value=MAX_ID, **common)
    if f.kind == Kind.BOOLEAN:
        if not f.required:
            common["default"] = bool(f.default)
        return serializers.BooleanField(**common)
    if f.kind == Kind.CHOICE:
        if not f.required or f.default is not None:
            common.update(required=False, default=f.default)
        return serializers.ChoiceField(choices=[(v, str(label)) for v, label in f.choices], **common)
    if f.kind == Kind.DATETIME:
        return serializers.DateTimeField(
            **{**common, "help_text": f"{f.label}: ISO 8601; không có múi giờ: giờ Việt Nam."}
        )
    if f.kind == Kind.JSON:
        return serializers.DictField(
            required=False, allow_null=True, default=None, help_text=common["help_text"]
        )
    return None


def request_serializer(spec: ActionSpec) -> type[serializers.Serializer]:
    """The JSON body of an action: its declared inputs, plus the version the caller saw."""
    attrs: dict[str, Any] = {}
    for f in spec.inputs:
        field = serializer_field(f)
        if field is not None:
            attrs[f.name] = field
    name = "".join(part.capitalize() for part in spec.api_slug.split("-"))
    return type(name, (VersionedSerializer,), attrs)


def multipart_request_of(spec: ActionSpec, body: type[serializers.Serializer]) -> Any:
    """Documentation of the multipart variant: the JSON body as the `payload` part, then the files."""
    files: dict[str, serializers.Field] = {}
    for f in spec.inputs:
        if f.kind == Kind.PDF:
            files[f.name] = serializers.FileField(required=f.required, help_text=str(f.label))
        elif f.kind == Kind.DOCUMENT_FILES:
            files.update(document_files())
    name = "".join(part.capitalize() for part in spec.api_slug.split("-")) + "Multipart"
    return multipart_request(body, files, name)


def _values(spec: ActionSpec, data: dict[str, Any], uploads: list[inputs.Upload]) -> dict[str, Any]:
    values = {f.name: data[f.name] for f in spec.inputs if f.name in data}
    for f in spec.inputs:
        if f.kind == Kind.DOCUMENT_FILES:
            values[f.name] = inputs.documents([u for u in uploads if u.field != "file"])
        elif f.kind == Kind.PDF:
            files = [u.file for u in uploads if u.field == f.name]
            if not files and f.required:
                raise serializers.ValidationError({f.name: "Vui lòng gửi tệp PDF trong trường này."})
            values[f.name] = files[0] if files else None
    return values


class DossierActionView(APIView):
    """The shared body of every action endpoint; `spec` is set on each generated subclass."""

    spec: ClassVar[ActionSpec]
    body: ClassVar[type[serializers.Serializer]]
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    def post(self, request: Request, code: str) -> Response:
        dossier = dossier_for(request.user, code)
        file_fields = frozenset(f.name for f in self.spec.inputs if f.kind == Kind.PDF)
        data, uploads = inputs.read_body(request, self.body, file_fields=file_fields)
        updated = perform(
            self.spec.action,
            dossier_id=dossier.pk,
            actor=request.user,
            values=_values(self.spec, data, uploads),
            expected_version=inputs.expected_version(request, data),
        )
        # The answer as the caller now reads it (the action may have taken it out of their hands).
        reading = reading_for(request.user, updated.code)
        return dossier_response(reading.dossier, request, posts=reading.posts)


def _who(spec: ActionSpec) -> str:
    from motcua.dossiers.actions import Party

    names = {
        Party.OWNER: "người nộp (chủ hồ sơ)",
        Party.RECEIVING_INTAKE: "cán bộ tiếp nhận của nơi tiếp nhận hồ sơ",
        Party.RECEIVING_RETURN: "cán bộ tiếp nhận hoặc văn thư của nơi tiếp nhận hồ sơ",
        Party.STEP_HOLDER: (
            "cán bộ được giao bước hiện tại (hoặc cán bộ của đơn vị đang giữ hồ sơ có vai trò của bước)"
        ),
        Party.UNIT_HEAD: "lãnh đạo đơn vị đang giữ hồ sơ hoặc lãnh đạo cơ quan",
        Party.AGENCY_CLERK: "văn thư của cơ quan đã phê duyệt kết quả (cơ quan đang giữ hồ sơ)",
        Party.LEADER_WITHOUT_CLERK: (
            "lãnh đạo đơn vị đang giữ hồ sơ hoặc lãnh đạo cơ quan, "
            "khi cơ quan đang giữ hồ sơ không có văn thư"
        ),
    }
    rows = [f"- {names[rule.party]}: trạng thái {', '.join(sorted(rule.states))}" for rule in spec.rules]
    return "\n".join(["Ai được thực hiện:", *rows])


def action_view(spec: ActionSpec) -> type[DossierActionView]:
    """A view class for one action, with its own OpenAPI operation."""
    name = "".join(part.capitalize() for part in spec.api_slug.split("-")) + "View"
    body = request_serializer(spec)
    request: Any = body
    attributes: dict[str, Any] = {"spec": spec, "body": body, "__doc__": str(spec.description or spec.label)}
    if any(f.kind in FILE_KINDS for f in spec.inputs):
        request = {"application/json": body, "multipart/form-data": multipart_request_of(spec, body)}
        attributes["parser_classes"] = [BoundedJSONParser, MultiPartParser]

    def post(self: DossierActionView, request: Request, code: str) -> Response:
        return DossierActionView.post(self, request, code)

    attributes["post"] = extend_schema(
        operation_id=f"dossiers_{spec.api_slug.replace('-', '_')}",
        tags=["Xử lý hồ sơ"],
        summary=str(spec.description or spec.label),
        description=_who(spec),
        parameters=[IF_MATCH],
        request=request,
        responses={200: DossierDetailSerializer, **error_responses(400, 401, 403, 404, 409, 413, 415)},
    )(post)
    return type(name, (DossierActionView,), attributes)


ACTION_VIEWS: dict[str, type[DossierActionView]] = {spec.api_slug: action_view(spec) for spec in TABLE}
