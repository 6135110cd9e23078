"""Home, catalogue browsing and search, procedure pages and their blank forms."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.agencies.models import Agency
from motcua.catalog.cache import cached
from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.catalog.selectors import catalogue_entry, procedure_detail
from motcua.printing.render import render_pdf
from motcua.web import schema_form
from motcua.web.files import file_response
from motcua.web.pagecache import shared_page

from ..search import find_procedures

PAGE_SIZE = 20


def _sectors_with_counts() -> list[Sector]:
    active = Q(procedures__is_active=True, procedures__current_version__isnull=False)
    return list(Sector.objects.annotate(count=Count("procedures", filter=active)).filter(count__gt=0))


def _agencies() -> list[Agency]:
    with_procedures = ProcedureVersion.objects.filter(
        procedure__current_version=F("pk"), procedure__is_active=True
    )
    ids = set(with_procedures.values_list("competent_agency_id", flat=True)) | set(
        with_procedures.values_list("receiving_agencies", flat=True)
    )
    return list(Agency.objects.filter(pk__in=ids - {None}).order_by("code"))


@shared_page
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("linh-vuc") or None
    agency = request.GET.get("co-quan") or None
    level = request.GET.get("muc-do") or None
    if level not in (None, *ProcedureVersion.OnlineLevel.values):
        level = None
    page, approximate = _search_page(query, sector, agency, level, request.GET.get("trang"))
    context = {
        "query": query,
        "sector": sector,
        "agency": agency,
        "level": level,
        "page": page,
        "approximate": approximate,
        "searched": bool(query or sector or agency or level),
    }
    # Search as one types: htmx asks for the results alone (portal/_search_results.html), without
    # the filters' lists, which only the whole page shows.
    if getattr(request, "htmx", False) and not request.htmx.history_restore_request:  # type: ignore[attr-defined]
        sectors = [] if context["searched"] else cached("sectors", (), _sectors_with_counts)
        return render(
            request, "portal/_search_results.html", {**context, "sectors": sectors, "htmx_partial": True}
        )
    return render(
        request,
        "portal/home.html",
        {
            **context,
            "sectors": cached("sectors", (), _sectors_with_counts),
            "agencies": cached("agencies", (), _agencies),
            "levels": ProcedureVersion.OnlineLevel.choices,
        },
    )


def _search_page(
    query: str, sector: str | None, agency: str | None, level: str | None, number: str | None
) -> tuple[Page, bool]:
    """One page of search results, read once per catalogue stamp (catalog.cache): the rows of the
    page with what the template shows of them, the number of matches, whether only the typo-forgiving
    search found them."""

    def read() -> tuple[int, int, list[Procedure], bool]:
        result = find_procedures(query, sector_code=sector, agency_code=agency, online_level=level)
        page = Paginator(result.procedures, PAGE_SIZE).get_page(number)  # type: ignore[arg-type]
        return page.paginator.count, page.number, list(page.object_list), result.approximate

    count, found_number, rows, approximate = cached("search", (query, sector, agency, level, number), read)
    page = Paginator(range(count), PAGE_SIZE).get_page(found_number)
    page.object_list = rows
    return page, approximate


def _current(code: str) -> tuple[Procedure, ProcedureVersion]:
    try:
        found = procedure_detail(code)
    except Procedure.DoesNotExist as exc:
        raise Http404 from exc
    version = next((v for v in found.versions.all() if v.pk == found.current_version_id), None)
    if version is None:
        raise Http404
    return found, version


@shared_page
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    page = cached("procedure-page", (code,), lambda: _procedure_page(code))
    if page is None:
        raise Http404
    template, context = page
    return render(request, template, context)


def _procedure_page(code: str) -> tuple[str, dict[str, Any]] | None:
    """What the procedure page shows, read once per catalogue stamp; None for an unknown code."""
    entry = catalogue_entry(code)
    if entry is not None:
        # In the national catalogue, not completed by the province yet: what is known, no form.
        return "portal/catalogue_entry.html", {"procedure": entry}
    try:
        found, version = _current(code)
    except Http404:
        return None
    return (
        "portal/procedure.html",
        {
            "procedure": found,
            "version": version,
            "online": version.online_level != ProcedureVersion.OnlineLevel.NONE,
            "documents": sorted(version.required_documents.all(), key=lambda d: d.position),
            "steps": sorted(version.workflow_steps.all(), key=lambda s: s.position),
        },
    )


def blank_form(request: HttpRequest, code: str, document_id: int) -> HttpResponse:
    """A printable blank form for a required document that has one, made from the form schema."""
    found, version = _current(code)
    document = next(
        (d for d in version.required_documents.all() if d.pk == document_id and d.blank_form_name), None
    )
    if document is None:
        raise Http404
    fields = schema_form.fields_for(version.form_schema, {})
    pdf = render_pdf(
        "portal/print/blank_form.html",
        {"procedure": found, "version": version, "document": document, "fields": fields},
    )
    name = f"mau-don-{found.code}-{document.pk}.pdf"
    return file_response(pdf, filename=name, content_type="application/pdf")
