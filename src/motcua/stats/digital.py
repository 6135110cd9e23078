"""Keeping and reading `DigitalFigures`, the summary table of indices 4.1, 4.2, 4.5a and 4.5b.

A dossier's contribution is a function of its snapshot and of three facts that do not change once
true: whether it was filed with population data (set at filing), the moment of its first result
file and of its first component file (rows are only ever added). "With a result" means a result file
existed when processing ended, so a file added later changes nothing, and the kept table and a
rebuild cannot disagree (`test_digital_figures_kept_by_events_equal_the_rebuild.py`).

An event changes the table by contribution(after) − contribution(before), and only an event that
moves the reception or the end of processing costs a query or two. The change goes to the daily,
monthly and yearly rows in one upsert per level (`levels`), so that a whole-year scorecard reads one
row per agency and procedure; a period is cut into years, months and days by `periods.split`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth, TruncYear

from motcua.catalog.models import ProcedureVersion
from motcua.core.time import VN_TZ, local
from motcua.dossiers.clock import Snapshot
from motcua.dossiers.models import Attachment, Dossier, ResultDocument

from .periods import month_of, split, year_of
from .scorecard_models import DigitalCounters, DigitalFigures, MonthlyDigitalFigures, YearlyDigitalFigures

COUNTERS = ("received", "received_population", "resolved", "resolved_e_result", "resolved_digitised")
RESOLVED = frozenset({"resolved", "returned"})
# The tables of the three levels and their period column, finest first.
LEVELS: tuple[tuple[type[DigitalCounters], str], ...] = (
    (DigitalFigures, "day"),
    (MonthlyDigitalFigures, "month"),
    (YearlyDigitalFigures, "year"),
)
Rows = dict[tuple[int, int, date], dict[str, int]]  # (agency, procedure, period start): counters


def contribution(
    snap: Snapshot, *, population: bool, result_at: datetime | None, files_at: datetime | None
) -> Counter:
    """{(local day, counter): 1} that a dossier in state `snap` adds to the table (pure)."""
    out: Counter = Counter()
    if snap.received_at is None:
        return out
    received = local(snap.received_at).date()
    out[(received, "received")] += 1
    if population:
        out[(received, "received_population")] += 1
    if snap.state in RESOLVED and snap.finished_at is not None:
        ended = local(snap.finished_at).date()
        out[(ended, "resolved")] += 1
        if result_at is not None and result_at <= snap.finished_at:
            out[(ended, "resolved_e_result")] += 1
            if files_at is not None and files_at <= snap.finished_at:
                out[(ended, "resolved_digitised")] += 1
    return out


def _moves(before: Snapshot, after: Snapshot) -> bool:
    def shape(s: Snapshot) -> tuple[Any, ...]:
        return (s.received_at, s.finished_at if s.state in RESOLVED else None)

    return shape(before) != shape(after)


def record_change(dossier: Dossier, before: Snapshot, after: Snapshot) -> None:
    """Add contribution(after) − contribution(before) of the dossier (inside the event's transaction)."""
    if not _moves(before, after):
        return
    agency_id, procedure_id = ProcedureVersion.objects.filter(pk=dossier.procedure_version_id).values_list(
        "competent_agency_id", "procedure_id"
    )[0]
    result_at = files_at = None
    if (before.state in RESOLVED and before.finished_at) or (after.state in RESOLVED and after.finished_at):
        result_at = ResultDocument.objects.filter(dossier=dossier).aggregate(m=Min("created_at"))["m"]
        files_at = Attachment.objects.filter(dossier=dossier, required_document__isnull=False).aggregate(
            m=Min("uploaded_at")
        )["m"]
    population = _population(dossier)
    old = contribution(before, population=population, result_at=result_at, files_at=files_at)
    new = contribution(after, population=population, result_at=result_at, files_at=files_at)
    delta: dict[date, dict[str, int]] = defaultdict(dict)
    for key in set(old) | set(new):
        if new.get(key, 0) != old.get(key, 0):
            day, counter = key
            delta[day][counter] = new.get(key, 0) - old.get(key, 0)
    _upsert({(agency_id, procedure_id, day): counters for day, counters in delta.items()})


def _population(dossier: Dossier) -> bool:
    return bool(dossier.vneid_verified or dossier.population_data_used)


def levels(daily: Rows) -> tuple[Rows, Rows, Rows]:
    """The daily changes summed per day, month and year (pure): what the three tables receive."""
    out: tuple[Rows, Rows, Rows] = ({}, {}, {})
    for (agency, procedure, day), counters in daily.items():
        for table, period in zip(out, (day, month_of(day), year_of(day)), strict=True):
            sums = table.setdefault((agency, procedure, period), {})
            for counter, amount in counters.items():
                sums[counter] = sums.get(counter, 0) + amount
    return out


def _upsert(rows: Rows) -> None:
    """Add the counters to their daily, monthly and yearly rows with INSERT … ON CONFLICT (SQLite and
    PostgreSQL): additions commute, so concurrent events need no lock."""
    for (model, period), sums in zip(LEVELS, levels(rows), strict=True):
        _insert(model._meta.db_table, period, sums)


def _insert(table: str, period: str, rows: Rows) -> None:
    values: list[list[Any]] = [
        [*key, *(counters.get(c, 0) for c in COUNTERS)]
        for key, counters in sorted(rows.items())
        if any(counters.values())
    ]
    if not values:
        return
    columns = ["agency_id", "procedure_id", period, *COUNTERS]
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTERS)
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(values))
    # The table and column names are this module's constants; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {placeholders} "  # noqa: S608
        f"ON CONFLICT (agency_id, procedure_id, {period}) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for row in values for v in row])


def on_dossier_event(
    sender: Any, *, dossier: Dossier, before: Snapshot, after: Snapshot, **kwargs: Any
) -> None:
    """Receiver of `dossiers.signals.dossier_event_recorded`."""
    record_change(dossier, before, after)


@transaction.atomic
def rebuild(*, since: date | None = None) -> int:
    """Recompute the rows of the days from `since` on (all of them without it), set-based, then the
    monthly rows from `since`'s month and the yearly rows from its year, summed from the finer level;
    returns the number of daily rows written."""
    rows = DigitalFigures.objects.all()
    if since is not None:
        rows = rows.filter(day__gte=since)
    rows.delete()
    agency, procedure = F("procedure_version__competent_agency_id"), F("procedure_version__procedure_id")
    sums: dict[tuple[int, int, date], dict[str, int]] = defaultdict(dict)
    received = Dossier.objects.filter(received_at__isnull=False).annotate(
        day=TruncDate("received_at", tzinfo=VN_TZ)
    )
    resolved = Dossier.objects.filter(state__in=RESOLVED, finished_at__isnull=False).annotate(
        day=TruncDate("finished_at", tzinfo=VN_TZ)
    )
    if since is not None:
        received, resolved = received.filter(day__gte=since), resolved.filter(day__gte=since)
    for r in (
        received.values("day", a=agency, p=procedure)
        .annotate(
            n=Count("pk"),
            population=Count("pk", filter=Q(vneid_verified=True) | Q(population_data_used=True)),
        )
        .order_by()
    ):
        sums[(r["a"], r["p"], r["day"])].update(received=r["n"], received_population=r["population"])
    for r in (
        resolved.annotate(has_result=result_by_end(), has_files=files_by_end())
        .values("day", a=agency, p=procedure)
        .annotate(
            n=Count("pk"),
            e_result=Count("pk", filter=Q(has_result=True)),
            digitised=Count("pk", filter=Q(has_result=True, has_files=True)),
        )
        .order_by()
    ):
        sums[(r["a"], r["p"], r["day"])].update(
            resolved=r["n"], resolved_e_result=r["e_result"], resolved_digitised=r["digitised"]
        )
    DigitalFigures.objects.bulk_create(
        [
            DigitalFigures(agency_id=a, procedure_id=p, day=day, **counters)
            for (a, p, day), counters in sums.items()
        ],
        batch_size=1000,
    )
    _roll_up(MonthlyDigitalFigures, "month", DigitalFigures, "day", month_of(since) if since else None)
    _roll_up(YearlyDigitalFigures, "year", MonthlyDigitalFigures, "month", year_of(since) if since else None)
    return len(sums)


def _roll_up(
    model: type[DigitalCounters], period: str, finer: type[DigitalCounters], column: str, since: date | None
) -> None:
    """The rows of `model` from `since` on (all without it) summed from the finer table in SQL (keys ×
    periods come back: small)."""
    rows, source = model._default_manager.all(), finer._default_manager.all()
    if since is not None:
        rows, source = rows.filter(**{f"{period}__gte": since}), source.filter(**{f"{column}__gte": since})
    rows.delete()
    trunc = TruncMonth(column) if period == "month" else TruncYear(column)
    model._default_manager.bulk_create(
        [
            model(
                agency_id=r["agency_id"],
                procedure_id=r["procedure_id"],
                **{period: r["p"]},
                **{c: r[c] for c in COUNTERS},
            )
            for r in source.annotate(p=trunc)
            .values("agency_id", "procedure_id", "p")
            .annotate(**{c: Sum(c) for c in COUNTERS})
            .order_by()
            if any(r[c] for c in COUNTERS)
        ],
        batch_size=2000,
    )


def result_by_end() -> Exists:
    """The dossier had a result file when its processing ended (4.1)."""
    return Exists(
        ResultDocument.objects.filter(dossier=OuterRef("pk"), created_at__lte=OuterRef("finished_at"))
    )


def files_by_end() -> Exists:
    """The dossier had a component file (of a required document) when its processing ended (4.2)."""
    return Exists(
        Attachment.objects.filter(
            dossier=OuterRef("pk"), required_document__isnull=False, uploaded_at__lte=OuterRef("finished_at")
        )
    )


# --- Reads -----------------------------------------------------------------------------------------


def _parts(start: date, end: date) -> list[tuple[type[DigitalCounters], Q]]:
    """[start, end] as the yearly, monthly and daily rows that cover it (each day exactly once)."""
    return [
        (model, q) for (model, _), q in zip(reversed(LEVELS), split(start, end), strict=True) if q is not None
    ]


def sums_by_agency(start: date, end: date, agency_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """The counters of [start, end] per agency: whole years from the yearly rows, whole months left
    from the monthly rows, the days left at the edges from the daily rows."""
    out: dict[int, dict[str, int]] = {}
    for model, q in _parts(start, end):
        rows = model._default_manager.filter(q)
        if agency_ids is not None:
            rows = rows.filter(agency_id__in=agency_ids)
        for r in rows.values("agency_id").annotate(**{c: Sum(c) for c in COUNTERS}).order_by():
            sums = out.setdefault(r["agency_id"], dict.fromkeys(COUNTERS, 0))
            for c in COUNTERS:
                sums[c] += int(r[c] or 0)
    return out


def population_pairs(start: date, end: date) -> set[tuple[int, int]]:
    """(agency, procedure) pairs with a dossier received in [start, end] that used population data."""
    pairs: set[tuple[int, int]] = set()
    for model, q in _parts(start, end):
        pairs |= set(
            model._default_manager.filter(q, received_population__gt=0)
            .values_list("agency_id", "procedure_id")
            .distinct()
        )
    return pairs
