"""Decision 766 indices 3.1, 3.2, 3.5, 3.5b, 4.1, 4.2, 4.5a and 4.5b from the platform's own data.

Catalogue indices (3.1, 3.2, 3.5, 3.5b, 4.5a) count procedures: an agency's are the active procedures
whose current version names it as the competent agency (the same agency the summary tables file a
dossier under). Dossier indices count dossiers of the period: 4.1 and 4.2 those resolved in it (a
result exists only then), 4.5b those received in it. Every figure is a (numerator, denominator)
pair per agency; the points are `scorecard.points`.

Where the data come from:
- online level and fees: `catalog` (a fee-bearing procedure has a standard fee above 0 đồng);
- 3.2: procedures with an online dossier received in the period, from the summary tables (years,
  months and days: `periods.split`);
- 3.5: online payment switched on (`payments.conf.online_enabled`) for an online procedure;
- 3.5b: online payments settled in the period (`payments.Payment`);
- 4.1, 4.2: result files (`dossiers.ResultDocument`) and component files (`Attachment` of a
  required document: `HoSoCoThanhPhanSoHoa` of the sync) that existed when processing ended;
- 4.5a, 4.5b: `Dossier.vneid_verified` and `population_data_used` (sync flags
  `TaiKhoanDuocXacThucVoiVNeID` and `MaCSDL`), recorded at filing.
4.1, 4.2, 4.5a and 4.5b read the summary table `DigitalFigures` (`digital.py`), kept by the events.

4.3 (re-use of digitised components) and 4.4 (the citizen's data store) have no data here: the
platform keeps no store to re-use files from, so they are N/A (`scorecard.Index.missing`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.catalog.models import Fee, Procedure, ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier

from . import digital
from .models import DailyFigures, MonthlyFigures, YearlyFigures
from .periods import split

CATALOGUE_INDICES = ("3.1", "3.2", "3.5", "3.5b", "4.5a")
DOSSIER_INDICES = ("4.1", "4.2", "4.3", "4.4", "4.5b")
RESOLVED = ("resolved", "returned")

Pair = tuple[int, int]  # numerator, denominator


@dataclass(frozen=True)
class Entry:
    """A procedure as the catalogue indices see it."""

    procedure_id: int
    agency_id: int
    online: bool  # offered online, end-to-end or partly (3.1)
    fee_bearing: bool  # a standard fee above 0 đồng (3.5)
    for_citizens: bool  # citizens may file it (4.5a)


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end + 1 day 00:00) in local time."""
    return (
        datetime.combine(start, time.min, tzinfo=VN_TZ),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=VN_TZ),
    )


def catalogue(agency_ids: list[int] | None = None) -> list[Entry]:
    """The active procedures with a current version, with the flags the catalogue indices read."""
    fee = Fee.objects.filter(version=OuterRef("current_version"), standard=True, amount__gt=0)
    rows = Procedure.objects.filter(is_active=True, current_version__isnull=False)
    if agency_ids is not None:
        rows = rows.filter(current_version__competent_agency_id__in=agency_ids)
    out = []
    for pk, agency, level, citizens, businesses, fee_bearing in (
        rows.annotate(fee=Exists(fee))
        .values_list(
            "pk",
            "current_version__competent_agency_id",
            "current_version__online_level",
            "for_citizens",
            "for_businesses",
            "fee",
        )
        .order_by("pk")
    ):
        # A procedure marked for neither audience (entered by hand, not imported) is taken as open to
        # citizens; one marked for businesses alone is not.
        out.append(
            Entry(
                pk,
                agency,
                level != ProcedureVersion.OnlineLevel.NONE,
                bool(fee_bearing),
                bool(citizens or not businesses),
            )
        )
    return out


def online_received(start: date, end: date) -> set[tuple[int, int]]:
    """(agency, procedure) pairs with an online dossier received in [start, end], from the summary
    tables: whole years from the yearly one, whole months left from the monthly one, the days at the
    edges from the daily one (`periods.split`)."""
    online = Q(channel="online", received__gt=0)
    pairs: set[tuple[int, int]] = set()
    for model, q in zip((YearlyFigures, MonthlyFigures, DailyFigures), split(start, end), strict=True):
        if q is not None:
            pairs |= set(
                model._default_manager.filter(online, q).values_list("agency_id", "procedure_id").distinct()
            )
    return pairs


def paid_online(start: date, end: date) -> set[tuple[int, int]]:
    """(agency, procedure) pairs with an online payment settled in [start, end]."""
    from motcua.payments.models import Payment

    lo, hi = bounds(start, end)
    return set(
        Payment.objects.filter(
            channel=Payment.Channel.ONLINE, status=Payment.Status.PAID, paid_at__gte=lo, paid_at__lt=hi
        )
        .values_list(
            "dossier__procedure_version__competent_agency_id", "dossier__procedure_version__procedure_id"
        )
        .distinct()
    )


def population_data_q() -> Q:
    """A dossier filed with VNeID's particulars or with data from the national population database."""
    return Q(vneid_verified=True) | Q(population_data_used=True)


def used_population_data(start: date, end: date) -> set[tuple[int, int]]:
    """(agency, procedure) pairs with a dossier received in [start, end] that used population data
    (from the summary table `DigitalFigures`)."""
    return digital.population_pairs(start, end)


def counted_procedures(index_id: str, start: date, end: date) -> set[tuple[int, int]] | None:
    """The (agency, procedure) pairs in the numerator of a period-dependent catalogue index; None for
    3.1 and 3.5, whose numerator is read from the catalogue (and the payment settings) alone."""
    if index_id == "3.2":
        return online_received(start, end)
    if index_id == "3.5b":
        return paid_online(start, end)
    if index_id == "4.5a":
        return used_population_data(start, end)
    return None


def in_denominator(index_id: str, entry: Entry) -> bool:
    return {
        "3.1": True,
        "3.2": entry.online,
        "3.5": entry.fee_bearing,
        "3.5b": entry.fee_bearing,
        "4.5a": entry.for_citizens,
    }[index_id]


def in_numerator(
    index_id: str, entry: Entry, counted: set[tuple[int, int]] | None, *, payment_online: bool
) -> bool:
    if index_id == "3.1":
        return entry.online
    if index_id == "3.5":
        return entry.online and payment_online
    assert counted is not None
    return (entry.agency_id, entry.procedure_id) in counted


def catalogue_figures(
    start: date, end: date, agency_ids: list[int] | None = None
) -> dict[str, dict[int, Pair]]:
    """{index: {agency: (numerator, denominator)}} for the catalogue indices."""
    from motcua.payments import conf as payment_conf

    payment_online = payment_conf.online_enabled()
    entries = catalogue(agency_ids)
    out: dict[str, dict[int, Pair]] = {}
    for index_id in CATALOGUE_INDICES:
        counted = counted_procedures(index_id, start, end)
        sums: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for entry in entries:
            if in_denominator(index_id, entry):
                pair = sums[entry.agency_id]
                pair[1] += 1
                if in_numerator(index_id, entry, counted, payment_online=payment_online):
                    pair[0] += 1
        out[index_id] = {agency: (n, d) for agency, (n, d) in sums.items()}
    return out


def resolved_in(start: date, end: date) -> Q:
    lo, hi = bounds(start, end)
    return Q(finished_at__gte=lo, finished_at__lt=hi, state__in=RESOLVED)


def received_in(start: date, end: date) -> Q:
    lo, hi = bounds(start, end)
    return Q(received_at__gte=lo, received_at__lt=hi)


def dossier_figures(
    start: date, end: date, agency_ids: list[int] | None = None
) -> dict[str, dict[int, Pair]]:
    """{index: {agency: (numerator, denominator)}} for 4.1, 4.2 and 4.5b, from `DigitalFigures`."""
    out: dict[str, dict[int, Pair]] = {"4.1": {}, "4.2": {}, "4.5b": {}}
    for agency, s in digital.sums_by_agency(start, end, agency_ids).items():
        out["4.1"][agency] = (s["resolved_e_result"], s["resolved"])
        out["4.2"][agency] = (s["resolved_digitised"], s["resolved"])
        out["4.5b"][agency] = (s["received_population"], s["received"])
    return out


def dossiers_behind(index_id: str, agency_id: int, start: date, end: date) -> QuerySet[Dossier]:
    """The dossiers in the denominator of a dossier index, annotated `counted` (in the numerator)."""
    rows = Dossier.objects.filter(procedure_version__competent_agency_id=agency_id)
    if index_id in ("4.1", "4.2"):
        rows = rows.filter(resolved_in(start, end)).annotate(has_result=digital.result_by_end())
        if index_id == "4.2":
            return rows.annotate(has_files=digital.files_by_end()).annotate(
                counted=Q(has_result=True, has_files=True)
            )
        return rows.annotate(counted=Q(has_result=True))
    if index_id == "4.5b":
        return rows.filter(received_in(start, end)).annotate(counted=population_data_q())
    if index_id in ("4.3", "4.4"):
        return rows.filter(received_in(start, end))
    return rows.none()


@dataclass(frozen=True)
class ProcedureLine:
    procedure: Procedure
    online_level: str
    counted: bool  # in the numerator


def procedures_behind(index_id: str, agency_id: int, start: date, end: date) -> list[ProcedureLine]:
    """The procedures in the denominator of a catalogue index for one agency, each saying whether the
    numerator counts it."""
    from motcua.payments import conf as payment_conf

    if index_id not in CATALOGUE_INDICES:
        return []
    entries = [e for e in catalogue([agency_id]) if in_denominator(index_id, e)]
    counted = counted_procedures(index_id, start, end)
    payment_online = payment_conf.online_enabled()
    procedures = {
        p.pk: p
        for p in Procedure.objects.filter(pk__in=[e.procedure_id for e in entries]).select_related(
            "current_version"
        )
    }
    lines = [
        ProcedureLine(
            procedures[e.procedure_id],
            procedures[e.procedure_id].current_version.online_level,  # type: ignore[union-attr]
            in_numerator(index_id, e, counted, payment_online=payment_online),
        )
        for e in entries
    ]
    return sorted(lines, key=lambda line: (line.counted, line.procedure.code))
