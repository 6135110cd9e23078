"""Citizen pages. Thin: they ask selectors and call services, nothing more."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.catalog.selectors import procedure_detail, search_procedures


def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    sector = request.GET.get("linh-vuc") or None
    level = request.GET.get("muc-do") or None
    procedures = search_procedures(query, sector_code=sector, online_level=level)
    page = Paginator(procedures, 20).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/home.html",
        {
            "query": query,
            "sector": sector,
            "level": level,
            "page": page,
            "sectors": Sector.objects.order_by("name"),
            "levels": ProcedureVersion.OnlineLevel.choices,
            "searched": bool(query or sector or level),
        },
    )


def procedure(request: HttpRequest, code: str) -> HttpResponse:
    try:
        found = procedure_detail(code)
    except Procedure.DoesNotExist as exc:
        raise Http404 from exc
    version = next(v for v in found.versions.all() if v.pk == found.current_version_id)
    return render(request, "portal/procedure.html", {"procedure": found, "version": version})
