"""The public signature verification page (no login): upload a PDF, read the verdict, download the report.

Thin: the page asks `signatures.services.verify_upload` (the same service, throttle and fetch
policy as the API) and shows what the report says.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.signatures import conf, selectors, services, throttling
from motcua.signatures.errors import VerifierBusy
from motcua.signatures.verification import too_large_report
from motcua.web.files import file_response

from ..verdicts import document_verdict

UPLOAD_FIELD = "tep"
XML_FIELD = "bao_cao_xml"  # the ETSI XML report is built only when this box is ticked
TEMPLATE = "portal/verify/page.html"


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    max_mb = conf.max_verify_bytes() // (1024 * 1024)
    context: dict[str, object] = {"max_mb": max_mb}
    if request.method == "POST":
        wait = throttling.wait_before_verifying(request)  # the API's limit, the same budget
        if wait is not None:
            context["error"] = _(
                "Bạn đã gửi quá nhiều yêu cầu xác minh trong thời gian ngắn. "
                "Vui lòng thử lại sau %(seconds)s giây."
            ) % {"seconds": wait}
            response = render(request, TEMPLATE, context, status=429)
            response["Retry-After"] = str(wait)
            return response
        if throttling.body_too_large(request):  # refused unread: nothing spooled to disk
            context["error"] = _("Tệp vượt quá giới hạn %(max_mb)s MB nên không thể xác minh.") % {
                "max_mb": max_mb
            }
            return render(request, TEMPLATE, context, status=413)
        upload = request.FILES.get(UPLOAD_FIELD)
        if upload is None:
            context["error"] = _("Vui lòng chọn tệp PDF cần xác minh.")
            return render(request, TEMPLATE, context, status=400)
        limit = conf.max_verify_bytes()
        if upload.size is not None and upload.size > limit:
            refused = too_large_report(upload.size, max_bytes=limit)
            context["verdict"] = document_verdict(refused, max_mb=max_mb)
        else:
            try:
                with throttling.verification_slot(request):
                    report, record = services.verify_upload(
                        content=upload.read(limit + 1),
                        file_name=upload.name or "",
                        with_xml=bool(request.POST.get(XML_FIELD)),
                    )
            except VerifierBusy as busy:  # this client's or the server's verifications at once
                context["error"] = busy.message
                response = render(request, TEMPLATE, context, status=busy.http_status)
                response["Retry-After"] = str(busy.retry_after)
                return response
            context["verdict"] = document_verdict(report, max_mb=max_mb)
            context["record"] = record
        context["file_name"] = upload.name
    return render(request, TEMPLATE, context)


def verify_report(request: HttpRequest, pk: str) -> HttpResponse:
    """The ETSI TS 119 102-2 validation report of an earlier verification (its raw codes live here)."""
    xml = selectors.verification_report_xml(pk)
    if xml is None:
        raise Http404
    return file_response(
        xml.encode(),
        filename=f"bao-cao-xac-minh-{pk}.xml",
        content_type="application/xml; charset=utf-8",
        inline=False,
    )
