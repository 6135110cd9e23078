"""Loads the demo province (agencies, units, counters) and its procedure catalogue into the database.

Both loaders are idempotent: running them again updates agencies in place and never publishes a second
version of a procedure that already exists.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from motcua.agencies.models import Agency, Counter, Unit
from motcua.catalog.models import Procedure, Sector
from motcua.catalog.services import publish_procedure_version, upsert_sector

from .data.agencies import AGENCIES, COUNTERS
from .data.procedures import PROCEDURES, SECTORS

# Keys of a procedure entry passed unchanged to publish_procedure_version as version details.
_DETAIL_KEYS = (
    "steps",
    "how_to_submit",
    "conditions",
    "result_description",
    "applicant_kinds",
    "cut_off_time",
    "pause_clock_on_financial_obligation",
    "fee_description",
    "legal_basis",
    "online_level",
    "legacy_level",
    "form_schema",
)
_KNOWN_KEYS = {
    "code",
    "sector",
    "name",
    "competent_agency",
    "receiving_agencies",
    "processing_time",
    "processing_time_unit",
    "required_documents",
    "fees",
    "fee_exemptions",
    "workflow",
    *_DETAIL_KEYS,
}


@transaction.atomic
def load_agencies() -> dict[str, Agency]:
    """Create or update the demo agencies, their units and the service center's counters.

    Returns the agencies by code.
    """
    agencies: dict[str, Agency] = {}
    for entry in AGENCIES:
        parent_code = entry["parent"]
        agency, _ = Agency.objects.update_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "name_en": entry.get("name_en", ""),
                "short_name": entry.get("short_name", ""),
                "kind": entry["kind"],
                "parent": agencies[parent_code] if parent_code else None,
                "address": entry.get("address", ""),
                "phone": entry.get("phone", ""),
                "email": entry.get("email", ""),
                "is_active": True,
            },
        )
        agencies[agency.code] = agency
        for unit in entry.get("units", ()):
            Unit.objects.update_or_create(
                agency=agency,
                code=unit["code"],
                defaults={"name": unit["name"], "is_one_stop": unit.get("is_one_stop", False)},
            )
    for entry in COUNTERS:
        counter, _ = Counter.objects.update_or_create(
            agency=agencies[entry["agency"]],
            number=entry["number"],
            defaults={"name": entry["name"]},
        )
        counter.served_agencies.set([agencies[code] for code in entry["serves"]])
    return agencies


@transaction.atomic
def load_catalogue(agencies: Mapping[str, Agency] | None = None) -> int:
    """Publish the demo procedures that do not exist yet; return how many procedures exist.

    Loads the agencies first unless they are given.
    """
    if agencies is None:
        agencies = load_agencies()
    sectors = {entry["code"]: upsert_sector(code=entry["code"], name=entry["name"]) for entry in SECTORS}
    existing = set(Procedure.objects.values_list("code", flat=True))
    for entry in PROCEDURES:
        if entry["code"] not in existing:
            _publish(entry, agencies, sectors)
    return Procedure.objects.count()


def _publish(entry: Mapping[str, Any], agencies: Mapping[str, Agency], sectors: Mapping[str, Sector]) -> None:
    unknown = set(entry) - _KNOWN_KEYS
    if unknown:
        raise ValueError(f"Procedure {entry['code']}: unknown keys {sorted(unknown)}")
    details = {key: copy.deepcopy(entry[key]) for key in _DETAIL_KEYS if key in entry}
    details.setdefault("fee_description", fee_text(entry.get("fees", ())))
    publish_procedure_version(
        code=entry["code"],
        sector=sectors[entry["sector"]],
        name=entry["name"],
        competent_agency=agencies[entry["competent_agency"]],
        receiving_agencies=[agencies[code] for code in entry["receiving_agencies"]],
        processing_time=entry["processing_time"],
        processing_time_unit=entry.get("processing_time_unit", "day"),
        required_documents=[dict(doc) for doc in entry["required_documents"]],
        fees=[dict(fee) for fee in entry.get("fees", ())],
        fee_exemptions=[dict(exemption) for exemption in entry.get("fee_exemptions", ())],
        workflow_steps=[_resolve_step(step, agencies) for step in entry["workflow"]],
        **details,
    )


def fee_text(fees: Any) -> str:
    """Level-1 wording of a list of fees: 'Phí chứng thực chữ ký: 10.000 đồng/trường hợp.'"""
    if not fees:
        return "Không thu phí, lệ phí."
    parts = []
    for fee in fees:
        amount = f"{fee['amount']:,}".replace(",", ".")
        note = fee.get("note", "")
        unit = note if note.startswith("đồng") else f"đồng{f' ({note})' if note else ''}"
        parts.append(f"{fee['name']}: {amount} {unit}")
    return "; ".join(parts) + "."


def _resolve_step(step: Mapping[str, Any], agencies: Mapping[str, Agency]) -> dict[str, Any]:
    """Turn agency and unit codes of a workflow step into model instances."""
    agency = agencies[step["agency"]] if step["agency"] else None
    unit = None
    if step["unit"]:
        if agency is None:
            raise ValueError(f"Workflow step {step['name']!r}: a unit needs an explicit agency")
        unit = Unit.objects.get(agency=agency, code=step["unit"])
    return {
        "name": step["name"],
        "agency": agency,
        "unit": unit,
        "role": step["role"],
        "allotted_time": step["allotted_time"],
        "allotted_unit": step["allotted_unit"],
    }
