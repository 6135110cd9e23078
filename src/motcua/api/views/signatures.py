"""Signature verification: upload a PDF, get the verdict as JSON; download the TS 119 102-2 report.

A file that cannot be validated (not a PDF, truncated, broken signature dictionary, too large)
is a verdict, not an error: HTTP 200 with `verdict = "indeterminate"` and the reason.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.signatures import conf, services
from motcua.signatures.models import VerificationRecord
from motcua.signatures.throttling import VerifyThrottle, body_too_large, verification_slot
from motcua.signatures.verification import too_large_report
from motcua.web.files import file_response

from .common import error_responses

TAGS = ["Chữ ký số"]


class StrictBooleanField(serializers.BooleanField):
    """`true` or `false`, as the schema says; DRF's own also takes yes/on/1 and their opposites."""

    TRUE_VALUES = {"true", True}
    FALSE_VALUES = {"false", False}
    NULL_VALUES: set[object] = set()


class VerifyUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Tệp PDF cần xác minh.", allow_empty_file=True)
    xml_report = StrictBooleanField(
        default=False,
        help_text="Lập cả báo cáo ETSI TS 119 102-2 (XML) để tải về qua report_url (tốn thêm thời gian).",
    )


class CertificateSummarySerializer(serializers.Serializer):
    subject = serializers.CharField()
    common_name = serializers.CharField()
    organization = serializers.CharField()
    issuer = serializers.CharField()
    serial_hex = serializers.CharField()
    not_before = serializers.DateTimeField(allow_null=True)
    not_after = serializers.DateTimeField(allow_null=True)
    fingerprint_sha256 = serializers.CharField()


class SignatureReportSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    field_name = serializers.CharField()
    verdict = serializers.ChoiceField(choices=["valid", "invalid", "indeterminate"])
    verdict_label = serializers.CharField()
    indication = serializers.ChoiceField(choices=["TOTAL-PASSED", "TOTAL-FAILED", "INDETERMINATE"])
    sub_indication = serializers.CharField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    signer = CertificateSummarySerializer(allow_null=True)
    chain = CertificateSummarySerializer(many=True)
    level = serializers.CharField(help_text="PAdES B-B, B-T, B-LT hoặc B-LTA.")
    signing_time = serializers.DateTimeField(allow_null=True)
    timestamp_time = serializers.DateTimeField(allow_null=True)
    best_signature_time = serializers.DateTimeField(allow_null=True)
    integrity = serializers.BooleanField(allow_null=True)
    trusted = serializers.BooleanField(allow_null=True)
    revoked = serializers.BooleanField(allow_null=True)
    revocation = serializers.CharField()
    modification = serializers.CharField()
    modification_message = serializers.CharField()
    coverage = serializers.CharField()


class VerificationReportSerializer(serializers.Serializer):
    id = serializers.UUIDField(allow_null=True)
    verdict = serializers.ChoiceField(choices=["valid", "invalid", "indeterminate"])
    verdict_label = serializers.CharField()
    indication = serializers.CharField()
    message = serializers.CharField()
    problem = serializers.CharField(allow_null=True)
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    validated_at = serializers.DateTimeField()
    document_timestamps = serializers.IntegerField()
    signatures = SignatureReportSerializer(many=True)
    report_url = serializers.CharField(allow_null=True, help_text="Báo cáo ETSI TS 119 102-2 (XML).")


class SignatureVerifyView(APIView):
    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]
    throttle_classes = [VerifyThrottle]

    @extend_schema(
        operation_id="signatures_verify",
        tags=TAGS,
        summary="Xác minh chữ ký số trên tệp PDF",
        description=(
            "Không cần đăng nhập. Trả về kết luận theo ETSI EN 319 102-1 cho từng chữ ký và cho cả văn bản. "
            "Tệp không xác minh được (không phải PDF, bị cắt cụt, hỏng từ điển chữ ký, quá lớn) vẫn trả về "
            "200 với verdict = indeterminate và lý do. Mỗi địa chỉ chỉ được xác minh vài tệp cùng lúc (429), "
            "và khi máy chủ đang xác minh quá nhiều tệp, yêu cầu nhận 503 kèm Retry-After."
        ),
        request={"multipart/form-data": VerifyUploadSerializer},
        responses={200: VerificationReportSerializer, **error_responses(400, 413, 415, 429, 503)},
    )
    def post(self, request: Request) -> Response:
        if body_too_large(request):  # refused unread (after the throttle): nothing spooled to disk
            raise RequestDataTooBig("signature verification body over the limit")
        upload = VerifyUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        limit = conf.max_verify_bytes()
        if file.size is not None and file.size > limit:
            report = too_large_report(file.size, max_bytes=limit)
            record = services.record_verification(report=report, file_name=file.name or "")
        else:
            with verification_slot(request):  # 429 / 503 when this client or the server is full
                report, record = services.verify_upload(
                    content=file.read(limit + 1),
                    file_name=file.name or "",
                    with_xml=upload.validated_data["xml_report"],
                )
        data = report.to_dict()
        data["id"] = str(record.pk)
        data["report_url"] = (
            request.build_absolute_uri(f"/api/v1/signatures/reports/{record.pk}") if record.xml else None
        )
        return Response(data)


class SignatureReportView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="signatures_report",
        tags=TAGS,
        summary="Tải báo cáo xác minh (ETSI TS 119 102-2, XML)",
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.STR, description="Báo cáo XML"),
            **error_responses(404),
        },
    )
    def get(self, request: Request, report_id: str) -> HttpResponse:
        try:
            record = VerificationRecord.objects.get(pk=report_id)
        except (VerificationRecord.DoesNotExist, ValueError, DjangoValidationError) as exc:
            raise NotFound() from exc
        if not record.xml:
            raise NotFound()
        return file_response(
            record.xml.encode(),
            filename=f"bao-cao-xac-minh-{record.pk}.xml",
            content_type="application/xml; charset=utf-8",
            inline=False,
        )
