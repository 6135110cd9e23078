"""Reads of the summary table: Form 06 for a period, by agency, sector or procedure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure, Sector
from motcua.core import time as core_time

from .figures import add_rows, form06, rate
from .models import DailyFigures

# Levels of Form 06 since 1 July 2025 (two-tier local government: no district rows).
PROVINCE_LEVEL = "province"
COMMUNE_LEVEL = "commune"
LEVEL_NAMES = {PROVINCE_LEVEL: "Cấp tỉnh (sở, ban, ngành)", COMMUNE_LEVEL: "Cấp xã (xã, phường, đặc khu)"}
GROUPINGS = ("agency", "sector", "procedure")


def level_of(kind: str) -> str:
    return COMMUNE_LEVEL if kind == Agency.Kind.COMMUNE else PROVINCE_LEVEL


def _sums(start: date, end: date, today: date) -> dict[str, Any]:
    """Aggregate expressions of `figures.SUMS` over the table for the period [start, end]."""
    overdue_end = min(end, today)
    before, within, upto = Q(day__lt=start), Q(day__gte=start, day__lte=end), Q(day__lte=end)
    until_t = Q(day__lte=overdue_end)

    def s(column: str, where: Q) -> Any:
        return Coalesce(Sum(column, filter=where), 0)

    return {
        "received_before": s("received", before),
        "ended_before": s("ended", before),
        "received_in": s("received", within),
        "received_online_in": s("received", within & Q(channel="online")),
        "received_postal_in": s("received", within & Q(channel="postal")),
        "received_e2e_in": s("received_e2e", within),
        "received_partial_in": s("received_partial", within),
        "resolved_early_in": s("resolved_early", within),
        "resolved_on_time_in": s("resolved_on_time", within),
        "resolved_late_in": s("resolved_late", within),
        "late_with_apology_in": s("late_with_apology", within),
        "stopped_in": s("stopped", within),
        "withdrawn_in": s("withdrawn", within),
        "refused_in": s("refused", within),
        "received_upto": s("received", upto),
        "ended_upto": s("ended", upto),
        "due_upto": s("due", until_t),
        "settled_upto": s("settled", until_t),
        "resolved_minutes_in": s("resolved_minutes", within),
    }


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    by: str
    rows: list[dict[str, Any]]
    total: dict[str, Any]


def form_06(
    start: date,
    end: date,
    *,
    agency_ids: list[int] | None = None,
    by: str = "agency",
    today: date | None = None,
) -> Report:
    """Form 06/VPCP/KSTT for [start, end] (local days, both included), one row per agency (province
    level first, then communes), sector or procedure; `agency_ids` limits it to those agencies."""
    if by not in GROUPINGS:
        raise ValueError(by)
    today = today or core_time.local(core_time.now()).date()
    rows = DailyFigures.objects.filter(day__lte=end)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    field = {"agency": "agency_id", "sector": "sector_id", "procedure": "procedure_id"}[by]
    sums = rows.values(field).annotate(**_sums(start, end, today)).order_by(field)
    out = []
    for s in sums:
        row = form06(s)
        if not any(v for k, v in row.items() if k not in ("on_time_rate", "average_minutes")):
            continue
        row["_id"] = s[field]
        out.append(row)
    _label(out, by)
    return Report(start, end, by, out, add_rows(out))


def _label(rows: list[dict[str, Any]], by: str) -> None:
    ids = [r.pop("_id") for r in rows]
    if by == "agency":
        agencies = {a.pk: a for a in Agency.objects.filter(pk__in=ids)}
        for row, pk in zip(rows, ids, strict=True):
            a = agencies[pk]
            row["agency"] = {"code": a.code, "name": a.name}
            row["level"] = level_of(a.kind)
        order = {PROVINCE_LEVEL: 0, COMMUNE_LEVEL: 1}
        rows.sort(key=lambda r: (order[r["level"]], r["agency"]["code"]))
    elif by == "sector":
        sectors = {s.pk: s for s in Sector.objects.filter(pk__in=ids)}
        for row, pk in zip(rows, ids, strict=True):
            sec = sectors.get(pk)
            row["sector"] = (
                {"code": sec.code, "name": sec.name} if sec else {"code": "", "name": "Chưa có lĩnh vực"}
            )
    else:
        procedures = {p.pk: p for p in Procedure.objects.filter(pk__in=ids)}
        for row, pk in zip(rows, ids, strict=True):
            p = procedures[pk]
            row["procedure"] = {"code": p.code, "name": p.name}


@dataclass(frozen=True)
class Month:
    month: date
    received: int
    resolved: int
    on_time_rate: float | None


def monthly_trend(end: date, *, months: int = 12, agency_ids: list[int] | None = None) -> list[Month]:
    """Received and resolved per month, and the on-time rate, for the `months` months up to `end`."""
    from django.db.models.functions import TruncMonth

    first = end.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    rows = DailyFigures.objects.filter(day__gte=first, day__lte=end)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    sums = {
        r["month"]: r
        for r in rows.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(
            received=Coalesce(Sum("received"), 0),
            early=Coalesce(Sum("resolved_early"), 0),
            on_time=Coalesce(Sum("resolved_on_time"), 0),
            late=Coalesce(Sum("resolved_late"), 0),
        )
    }
    out, month = [], first
    while month <= end:
        r = sums.get(month, {})
        resolved = r.get("early", 0) + r.get("on_time", 0) + r.get("late", 0)
        out.append(
            Month(
                month, r.get("received", 0), resolved, rate(r.get("early", 0) + r.get("on_time", 0), resolved)
            )
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return out
