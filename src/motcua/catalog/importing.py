"""Importing the national catalogue: the diff, then (unless a dry run) all of it in one transaction.

A procedure-level change (usage weight, audiences, a sector for an entry that had none) is written
in place. A change of anything a dossier is filed under (name, time limit, fees, documents,
agencies, legal basis...) publishes a new version; the province's own parts of the current version
(its internal workflow, e-form, cut-off time, clock rule) are carried into it, and earlier versions
stay untouched for the dossiers filed under them. An entry of the national lists has a name and no
terms: it becomes a catalogue entry without a version, shown but not offered online until the
province completes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from motcua.agencies.models import Agency

from .cache import catalogue_changed
from .catalogue_file import BUSINESS, CITIZEN, Catalogue, ProcedureEntry, Terms
from .models import Fee, Procedure, ProcedureVersion, RequiredDocument, Sector, WorkflowStep
from .services import search_texts

Progress = Callable[[int, int], None]

# Parts of a version that the province sets and the national database does not carry.
LOCAL_FIELDS = ("cut_off_time", "pause_clock_on_financial_obligation", "form_schema", "legacy_level")
# Fields of Terms stored as columns of the version, in the version's own names.
_TERM_COLUMNS = (
    "processing_time",
    "processing_time_unit",
    "online_level",
    "fee_description",
    "legal_basis",
    "steps",
    "how_to_submit",
    "conditions",
    "result_description",
    "applicant_kinds",
)


@dataclass
class ImportReport:
    """The diff: what is new, what changed (with which fields), what is unchanged."""

    dry_run: bool
    new: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    new_versions: list[str] = field(default_factory=list)
    sectors_new: list[str] = field(default_factory=list)
    sectors_changed: list[str] = field(default_factory=list)
    agencies_new: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _version_terms(version: ProcedureVersion) -> Terms:
    """The national part of a stored version, in the shape a file gives (for the diff)."""
    from .catalogue_file import DocumentEntry, FeeEntry

    return Terms(
        competent_agency=version.competent_agency.code,
        receiving_agencies=tuple(sorted(a.code for a in version.receiving_agencies.all())),
        fees=tuple(
            FeeEntry(f.name, f.amount, f.note) for f in sorted(version.fees.all(), key=lambda f: f.pk)
        ),
        documents=tuple(
            DocumentEntry(
                d.name, d.copy_type, d.count, d.is_mandatory, d.blank_form_name, d.replaced_by_population_data
            )
            for d in sorted(version.required_documents.all(), key=lambda d: d.position)
        ),
        **{name: getattr(version, name) for name in _TERM_COLUMNS},
    )


_TERM_FIELD_NAMES = {
    "competent_agency": "competent_agency",
    "receiving_agencies": "receiving_agencies",
    "fees": "fees",
    "documents": "documents",
    **{name: name for name in _TERM_COLUMNS},
}


def _terms_changes(old: Terms, new: Terms) -> list[str]:
    new = _normalised(new)
    return [name for name in _TERM_FIELD_NAMES if getattr(old, name) != getattr(new, name)]


def _normalised(terms: Terms) -> Terms:
    from dataclasses import replace

    return replace(terms, receiving_agencies=tuple(sorted(set(terms.receiving_agencies))))


# Names of procedure columns in the report, as the file calls them.
_REPORTED = {"national_weight": "usage_weight"}


def _procedure_changes(
    entry: ProcedureEntry, procedure: Procedure, sectors: dict[str, str]
) -> dict[str, Any]:
    """Procedure-level columns that the entry changes, with their new values."""
    changes: dict[str, Any] = {}
    if entry.name != procedure.name:
        changes["name"] = entry.name
    if entry.sector and (procedure.sector is None or procedure.sector.code != entry.sector[0]):
        changes["sector"] = entry.sector[0]
    if entry.weight is not None and entry.weight != procedure.national_weight:
        changes["national_weight"] = entry.weight
    if entry.vertically_managed is not None and entry.vertically_managed != procedure.vertically_managed:
        changes["vertically_managed"] = entry.vertically_managed
    # Audiences only grow: importing the citizens' list alone never takes a procedure from businesses.
    if CITIZEN in entry.audiences and not procedure.for_citizens:
        changes["for_citizens"] = True
    if BUSINESS in entry.audiences and not procedure.for_businesses:
        changes["for_businesses"] = True
    return changes


@transaction.atomic
def import_catalogue(
    catalogue: Catalogue, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Bring the catalogue in line with the files; a dry run only reports the diff.

    One transaction: a fault found half-way (an unknown agency) leaves nothing written.
    """
    report = ImportReport(dry_run=dry_run, warnings=list(catalogue.warnings))
    sectors = _import_sectors(catalogue, report, dry_run)
    agencies = _import_agencies(catalogue, report, dry_run)
    existing = {
        p.code: p
        for p in Procedure.objects.filter(code__in=list(catalogue.procedures))
        .select_related("sector", "current_version__competent_agency")
        .prefetch_related(
            "current_version__fees",
            "current_version__required_documents",
            "current_version__receiving_agencies",
        )
    }
    to_create: list[Procedure] = []
    to_update: list[Procedure] = []
    to_version: list[tuple[Procedure, ProcedureEntry]] = []
    total = len(catalogue.procedures)
    for done, entry in enumerate(catalogue.procedures.values(), start=1):
        if entry.terms is not None:
            _check_agencies(catalogue, entry, agencies)
        procedure = existing.get(entry.code)
        if procedure is None:
            report.new.append(entry.code)
            procedure = Procedure(
                code=entry.code,
                name=entry.name,
                national_weight=entry.weight or 0,
                vertically_managed=bool(entry.vertically_managed),
                for_citizens=CITIZEN in entry.audiences,
                for_businesses=BUSINESS in entry.audiences,
            )
            procedure.sector = sectors.get(entry.sector[0]) if entry.sector else None
            to_create.append(procedure)
            if entry.terms is not None:
                to_version.append((procedure, entry))
        else:
            changes = _procedure_changes(entry, procedure, catalogue.sectors)
            version = procedure.current_version
            version_fields: list[str] = []
            if entry.terms is not None:
                version_fields = (
                    ["terms"] if version is None else _terms_changes(_version_terms(version), entry.terms)
                )
            fields = [_REPORTED.get(name, name) for name in changes] + version_fields
            if not fields:
                report.unchanged.append(entry.code)
            else:
                report.changed[entry.code] = fields
                for name, value in changes.items():
                    setattr(procedure, name, sectors[value] if name == "sector" else value)
                to_update.append(procedure)
                if version_fields or (version is not None and "name" in changes):
                    to_version.append((procedure, entry))
        if progress:
            progress(done, total)
    report.new_versions = [p.code for p, _ in to_version]
    if dry_run:
        return report
    for procedure in to_create + to_update:
        sector_name = procedure.sector.name if procedure.sector else ""
        for name, value in search_texts(procedure.code, procedure.name, sector_name).items():
            setattr(procedure, name, value)
    Procedure.objects.bulk_create(to_create, batch_size=500)
    if to_create and to_create[0].pk is None:  # databases that do not return ids from bulk inserts
        ids = dict(Procedure.objects.filter(code__in=[p.code for p in to_create]).values_list("code", "pk"))
        for procedure in to_create:
            procedure.pk = ids[procedure.code]
    Procedure.objects.bulk_update(
        to_update,
        [
            "name",
            "sector",
            "national_weight",
            "vertically_managed",
            "for_citizens",
            "for_businesses",
            "search_folded",
            "name_folded",
        ],
        batch_size=500,
    )
    for procedure, entry in to_version:
        _publish(procedure, entry, agencies)
    catalogue_changed()  # bulk writes send no signal
    return report


def _import_sectors(catalogue: Catalogue, report: ImportReport, dry_run: bool) -> dict[str, Sector]:
    from motcua.core.text import fold

    existing = {s.code: s for s in Sector.objects.all()}
    for code, name in catalogue.sectors.items():
        sector = existing.get(code)
        if sector is None:
            report.sectors_new.append(code)
            existing[code] = Sector(code=code, name=name, name_folded=fold(name)[:255])
            if not dry_run:
                existing[code].save()
        elif sector.name != name:
            report.sectors_changed.append(code)
            sector.name, sector.name_folded = name, fold(name)[:255]
            if not dry_run:
                sector.save(update_fields=["name", "name_folded"])
    return existing


def _import_agencies(catalogue: Catalogue, report: ImportReport, dry_run: bool) -> dict[str, Agency]:
    """Agencies the files declare and the province does not have yet; the province's own stay as they are."""
    existing = {a.code: a for a in Agency.objects.all()}
    for code, name in catalogue.agencies.items():
        if code not in existing:
            report.agencies_new.append(code)
            existing[code] = Agency(code=code, name=name, kind=Agency.Kind.OTHER)
            if not dry_run:
                existing[code].save()
    return existing


def _check_agencies(catalogue: Catalogue, entry: ProcedureEntry, agencies: dict[str, Agency]) -> None:
    assert entry.terms is not None
    codes = [("competent_agency", entry.terms.competent_agency)] + [
        (f"receiving_agencies/{i}", c) for i, c in enumerate(entry.terms.receiving_agencies)
    ]
    for key, code in codes:
        if code not in agencies:
            raise catalogue.error(
                f"Không có cơ quan mã “{code}” (khai báo trong “agencies” của tệp hoặc tạo trước).",
                file=entry.file,
                at=f"{entry.at}/{key}",
            )


def _publish(procedure: Procedure, entry: ProcedureEntry, agencies: dict[str, Agency]) -> ProcedureVersion:
    """A new version: the national terms from the entry (or the current ones), the local parts kept."""
    base = procedure.current_version
    terms = entry.terms
    number = (procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    values: dict[str, Any] = {}
    if base is not None:
        values = {name: getattr(base, name) for name in (*_TERM_COLUMNS, *LOCAL_FIELDS)}
        values["competent_agency"] = base.competent_agency
    if terms is not None:
        values.update({name: getattr(terms, name) for name in _TERM_COLUMNS})
        values["competent_agency"] = agencies[terms.competent_agency]
    version = ProcedureVersion.objects.create(procedure=procedure, number=number, name=entry.name, **values)
    if terms is not None:
        version.receiving_agencies.set([agencies[c] for c in dict.fromkeys(terms.receiving_agencies)])
        RequiredDocument.objects.bulk_create(
            RequiredDocument(
                version=version,
                position=i,
                name=d.name,
                copy_type=d.copy_type,
                count=d.count,
                is_mandatory=d.mandatory,
                blank_form_name=d.form,
                replaced_by_population_data=d.population_data,
            )
            for i, d in enumerate(terms.documents, start=1)
        )
        Fee.objects.bulk_create(
            Fee(version=version, name=f.name, amount=f.amount, note=f.note) for f in terms.fees
        )
    elif base is not None:
        version.receiving_agencies.set(list(base.receiving_agencies.all()))
        RequiredDocument.objects.bulk_create(
            _copy(d, version=version) for d in RequiredDocument.objects.filter(version=base)
        )
        Fee.objects.bulk_create(_copy(f, version=version) for f in Fee.objects.filter(version=base))
    if base is not None:
        # The province's internal workflow is its own: it goes on in the new version as it was.
        WorkflowStep.objects.bulk_create(
            _copy(s, version=version) for s in WorkflowStep.objects.filter(version=base)
        )
    procedure.current_version = version
    procedure.save(update_fields=["current_version"])
    return version


def _copy(row: Any, **overrides: Any) -> Any:
    row.pk = None
    row._state.adding = True
    for name, value in overrides.items():
        setattr(row, name, value)
    return row
