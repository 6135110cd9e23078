"""The public verification page (no login): upload a PDF, read the verdict, download the report.

Thin: the page asks `services.verify_upload` and shows what the report says.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.web.files import file_response

from . import conf, services, throttling
from .models import VerificationRecord
from .verification import too_large_report

UPLOAD_FIELD = "tep"


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"max_mb": conf.max_verify_bytes() // (1024 * 1024)}
    if request.method == "POST":
        wait = throttling.wait_before_verifying(request)  # the API's limit, the same budget
        if wait is not None:
            context["error"] = _(
                "Bạn đã gửi quá nhiều yêu cầu xác minh trong thời gian ngắn. "
                "Vui lòng thử lại sau %(seconds)s giây."
            ) % {"seconds": wait}
            response = render(request, "signatures/verify.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        upload = request.FILES.get(UPLOAD_FIELD)
        if upload is None:
            context["error"] = "Vui lòng chọn tệp PDF cần xác minh."
            return render(request, "signatures/verify.html", context, status=400)
        limit = conf.max_verify_bytes()
        if upload.size is not None and upload.size > limit:
            context["report"] = too_large_report(upload.size, max_bytes=limit)
        else:
            report, record = services.verify_upload(
                content=upload.read(limit + 1), file_name=upload.name or ""
            )
            context["report"] = report
            context["record"] = record
        context["file_name"] = upload.name
    return render(request, "signatures/verify.html", context)


def report_xml(request: HttpRequest, pk: str) -> HttpResponse:
    """The ETSI TS 119 102-2 validation report of an earlier verification."""
    try:
        record = VerificationRecord.objects.get(pk=pk)
    except (VerificationRecord.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc
    if not record.xml:
        raise Http404
    return file_response(
        record.xml.encode(),
        filename=f"bao-cao-xac-minh-{record.pk}.xml",
        content_type="application/xml; charset=utf-8",
        inline=False,
    )
