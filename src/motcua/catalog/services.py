"""Writes to the catalogue: publishing procedures and their versions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from motcua.agencies.models import Agency, Role
from motcua.core.errors import ValidationFailed
from motcua.core.text import fold

from .cache import catalogue_changed
from .documents import published_document
from .models import Fee, FeeExemption, Procedure, ProcedureVersion, RequiredDocument, Sector, WorkflowStep
from .schemas import check_form_schema


def upsert_sector(*, code: str, name: str) -> Sector:
    sector, _ = Sector.objects.update_or_create(code=code, defaults={"name": name, "name_folded": fold(name)})
    return sector


def search_texts(code: str, name: str, sector_name: str = "") -> dict[str, str]:
    """The folded columns search reads: everything findable, and the name alone for ranking."""
    return {"search_folded": fold(" ".join((code, name, sector_name))), "name_folded": fold(name)}


def refresh_search_text(procedure: Procedure) -> None:
    sector_name = procedure.sector.name if procedure.sector else ""
    Procedure.objects.filter(pk=procedure.pk).update(
        **search_texts(procedure.code, procedure.name, sector_name)
    )
    catalogue_changed()  # an update() sends no signal


def with_signing_step(steps: list[Mapping[str, Any]], version: ProcedureVersion) -> list[WorkflowStep]:
    """The version's steps, numbered from 1, with exactly one signing step where a leader signs.

    A step may say `signs_result` itself; otherwise the last leader's step signs. A signing step
    must be a leader's step (only a leader approves and signs a result).
    """
    rows = [WorkflowStep(version=version, position=i, **step) for i, step in enumerate(steps, start=1)]
    marked = [row for row in rows if row.signs_result]
    if len(marked) > 1:
        raise ValidationFailed(gettext("Quy trình chỉ có một bước ký, phê duyệt kết quả."))
    if marked and marked[0].role != Role.LEADER:
        raise ValidationFailed(gettext("Bước ký, phê duyệt kết quả phải do lãnh đạo thực hiện."))
    if not marked:
        leaders = [row for row in rows if row.role == Role.LEADER]
        if leaders:
            leaders[-1].signs_result = True
    return rows


@transaction.atomic
def publish_procedure_version(
    *,
    code: str,
    sector: Sector,
    name: str,
    competent_agency: Agency,
    receiving_agencies: Iterable[Agency],
    processing_time: int,
    processing_time_unit: str = "day",
    required_documents: Iterable[Mapping[str, Any]] = (),
    fees: Iterable[Mapping[str, Any]] = (),
    fee_exemptions: Iterable[Mapping[str, Any]] = (),
    workflow_steps: Iterable[Mapping[str, Any]] = (),
    **details: Any,
) -> ProcedureVersion:
    """Publish a new version of a procedure (creating the procedure the first time).

    Earlier versions stay untouched: dossiers filed under them keep their terms.
    """
    if "form_schema" in details:
        check_form_schema(details["form_schema"])
    procedure, _ = Procedure.objects.select_for_update().get_or_create(
        code=code, defaults={"sector": sector, "name": name}
    )
    procedure.sector = sector
    procedure.name = name
    last = procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=last + 1,
        name=name,
        competent_agency=competent_agency,
        processing_time=processing_time,
        processing_time_unit=processing_time_unit,
        **details,
    )
    version.receiving_agencies.set(list(receiving_agencies))
    RequiredDocument.objects.bulk_create(
        RequiredDocument(version=version, position=i, **published_document(doc))
        for i, doc in enumerate(required_documents, start=1)
    )
    made = Fee.objects.bulk_create(Fee(version=version, **fee) for fee in fees)
    by_name = {fee.name: fee for fee in made}
    # An exemption names the reduced rate it applies by the fee's name (None: exempt from all).
    FeeExemption.objects.bulk_create(
        FeeExemption(
            version=version,
            description=exemption["description"],
            reduced_fee=by_name[exemption["reduced_fee"]] if exemption.get("reduced_fee") else None,
        )
        for exemption in fee_exemptions
    )
    WorkflowStep.objects.bulk_create(with_signing_step(list(workflow_steps), version))
    procedure.current_version = version
    procedure.save(update_fields=["sector", "name", "current_version"])
    refresh_search_text(procedure)
    return version
