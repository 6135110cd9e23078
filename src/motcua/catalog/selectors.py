"""Reads of the catalogue used by the portal, back office and API."""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet

from motcua.core.text import fold

from .models import Procedure, ProcedureVersion


def search_procedures(
    query: str = "",
    *,
    sector_code: str | None = None,
    agency_code: str | None = None,
    online_level: str | None = None,
) -> QuerySet[Procedure]:
    """Active procedures matching every word of `query`, accents or not ('ly lich tu phap')."""
    procedures = Procedure.objects.filter(is_active=True, current_version__isnull=False).select_related(
        "sector", "current_version", "current_version__competent_agency"
    )
    for word in fold(query).split():
        procedures = procedures.filter(search_folded__contains=word)
    if sector_code:
        procedures = procedures.filter(sector__code=sector_code)
    if agency_code:
        procedures = procedures.filter(
            Q(current_version__receiving_agencies__code=agency_code)
            | Q(current_version__competent_agency__code=agency_code)
        ).distinct()
    if online_level:
        procedures = procedures.filter(current_version__online_level=online_level)
    return procedures.order_by("sector__name", "code")


def procedure_detail(code: str) -> Procedure:
    """A procedure with everything its current version says; raises Procedure.DoesNotExist."""
    version_qs = ProcedureVersion.objects.select_related("competent_agency").prefetch_related(
        "required_documents", "fees", "workflow_steps__unit", "receiving_agencies"
    )
    return (
        Procedure.objects.select_related("sector")
        .prefetch_related(Prefetch("versions", queryset=version_qs))
        .select_related("current_version__competent_agency")
        .get(code=code, is_active=True)
    )


def current_version(code: str) -> ProcedureVersion:
    """The version under which a new dossier for procedure `code` is filed."""
    return (
        ProcedureVersion.objects.select_related("procedure", "competent_agency")
        .prefetch_related("required_documents", "fees", "workflow_steps", "receiving_agencies")
        .get(procedure__code=code, procedure__is_active=True, procedure__current_version=F("pk"))
    )
