"""Printable forms (PDF), the processing control form on screen, and the dossier register."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.agencies.models import Agency
from motcua.backoffice.queries import processing_control_rows, register_rows
from motcua.core.errors import NotFound
from motcua.core.time import VN_TZ, local
from motcua.dossiers.selectors import dossier_for
from motcua.printing.forms import FORMS, form_context, form_pdf, register_context
from motcua.printing.render import render_pdf
from motcua.web.files import file_response

from ..auth import staff_required
from ..worklists import day_from_query
from .common import error_page, now, page, scope_of

REGISTER_SCREEN_ROWS = 500
REGISTER_PDF_ROWS = 5000


def _pdf(content: bytes, name: str) -> HttpResponse:
    return file_response(content, filename=name, content_type="application/pdf")


@staff_required
@require_GET
def form(request: HttpRequest, code: str, number: str) -> HttpResponse:
    try:
        dossier = dossier_for(request.user, code)
        rows = processing_control_rows(dossier) if number == "06" else None
        content = form_pdf(number, dossier, request, control_rows=rows)
    except NotFound as exc:
        return error_page(request, exc)
    return _pdf(content, f"mau-{number}-{dossier.code}.pdf")


@staff_required
@require_GET
def control(request: HttpRequest, code: str) -> HttpResponse:
    """Form 06 on screen, with the same rows as the PDF."""
    try:
        dossier = dossier_for(request.user, code)
        context = form_context("06", dossier, request, control_rows=processing_control_rows(dossier))
    except NotFound as exc:
        return error_page(request, exc)
    return page(request, "backoffice/control.html", context)


def _period(request: HttpRequest) -> tuple[date, date]:
    today = local(now()).date()
    default_start = today.replace(day=1)
    start = day_from_query(request.GET.get("tu")) or default_start
    end = day_from_query(request.GET.get("den")) or today
    if end < start:
        start, end = end, start
    if (end - start).days > 366:
        start = end - timedelta(days=366)
    return start, end


def _register(request: HttpRequest, limit: int) -> tuple[Agency | None, list[Agency], date, date, list]:  # type: ignore[type-arg]
    scope = scope_of(request)
    agencies = list(Agency.objects.filter(pk__in=scope.agencies()).order_by("code"))
    chosen = request.GET.get("co-quan")
    agency = next((a for a in agencies if str(a.pk) == chosen), agencies[0] if agencies else None)
    start, end = _period(request)
    rows = []
    if agency is not None:
        rows = register_rows(
            agency.pk,
            datetime.combine(start, time(0), tzinfo=VN_TZ),
            datetime.combine(end + timedelta(days=1), time(0), tzinfo=VN_TZ),
            limit=limit + 1,
        )
    return agency, agencies, start, end, rows


@staff_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    """Sổ theo dõi hồ sơ (Form 07) of an agency over a period."""
    agency, agencies, start, end, rows = _register(request, REGISTER_SCREEN_ROWS)
    return page(
        request,
        "backoffice/register.html",
        {
            "agency": agency,
            "agencies": agencies,
            "start": start,
            "end": end,
            "rows": rows[:REGISTER_SCREEN_ROWS],
            "truncated": len(rows) > REGISTER_SCREEN_ROWS,
            "limit": REGISTER_SCREEN_ROWS,
            "spec": FORMS["07"],
        },
    )


@staff_required
@require_GET
def register_pdf(request: HttpRequest) -> HttpResponse:
    agency, _agencies, start, end, rows = _register(request, REGISTER_PDF_ROWS)
    if agency is None:
        return error_page(request, NotFound(_("Không có cơ quan để lập sổ.")))
    context = register_context(
        agency,
        datetime.combine(start, time(0), tzinfo=VN_TZ),
        datetime.combine(end, time(0), tzinfo=VN_TZ),
        rows[:REGISTER_PDF_ROWS],
    )
    context["truncated"] = len(rows) > REGISTER_PDF_ROWS
    context["issued_at"] = now()
    content = render_pdf(FORMS["07"].template, context, base_url=request.build_absolute_uri("/"))
    return _pdf(content, f"so-theo-doi-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.pdf")
