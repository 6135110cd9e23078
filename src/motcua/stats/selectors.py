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
from .models import DailyFigures, MonthlyFigures

# Levels of Form 06 since 1 July 2025 (two-tier local government: no district rows).
PROVINCE_LEVEL = "province"
COMMUNE_LEVEL = "commune"
LEVEL_NAMES = {PROVINCE_LEVEL: "Cấp tỉnh (sở, ban, ngành)", COMMUNE_LEVEL: "Cấp xã (xã, phường, đặc khu)"}
GROUPINGS = ("agency", "sector", "procedure")


def level_of(kind: str) -> str:
    return COMMUNE_LEVEL if kind == Agency.Kind.COMMUNE else PROVINCE_LEVEL


def _month(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1)


def _split(lo: date | None, hi: date) -> tuple[Q | None, Q | None]:
    """The days [lo, hi] (lo None: from the beginning) as whole months of the monthly table and the
    remaining days of the daily table: (monthly filter or None, daily filter or None)."""
    first = None if lo is None else (lo if lo.day == 1 else _next_month(lo))
    bound = _next_month(hi) if (hi + timedelta(days=1)).day == 1 else _month(hi)  # months < bound
    days = Q(day__lte=hi) if lo is None else Q(day__gte=lo, day__lte=hi)
    if first is not None and first >= bound:
        return None, days
    months = Q(month__lt=bound) if first is None else Q(month__gte=first, month__lt=bound)
    outside = Q(day__gte=bound) if first is None else (Q(day__lt=first) | Q(day__gte=bound))
    return months, (days & outside)


def _plan(start: date, end: date, today: date) -> dict[str, tuple[str, date | None, date, str | None]]:
    """Each of `figures.SUMS`: (counter, first day or None, last day, channel or None)."""
    before, overdue_end = start - timedelta(days=1), min(end, today)
    return {
        "received_before": ("received", None, before, None),
        "ended_before": ("ended", None, before, None),
        "received_in": ("received", start, end, None),
        "received_online_in": ("received", start, end, "online"),
        "received_postal_in": ("received", start, end, "postal"),
        "received_e2e_in": ("received_e2e", start, end, None),
        "received_partial_in": ("received_partial", start, end, None),
        "resolved_early_in": ("resolved_early", start, end, None),
        "resolved_on_time_in": ("resolved_on_time", start, end, None),
        "resolved_late_in": ("resolved_late", start, end, None),
        "late_with_apology_in": ("late_with_apology", start, end, None),
        "stopped_in": ("stopped", start, end, None),
        "withdrawn_in": ("withdrawn", start, end, None),
        "refused_in": ("refused", start, end, None),
        "received_upto": ("received", None, end, None),
        "ended_upto": ("ended", None, end, None),
        "due_upto": ("due", None, overdue_end, None),
        "settled_upto": ("settled", None, overdue_end, None),
        "resolved_minutes_in": ("resolved_minutes", start, end, None),
    }


def _grouped_sums(
    field: str, start: date, end: date, today: date, agency_ids: list[int] | None
) -> dict[int, dict[str, int]]:
    """`figures.SUMS` per value of `field`, from whole months plus the days at the period's edges."""
    monthly: dict[str, Any] = {}
    daily: dict[str, Any] = {}
    month_any, day_any = Q(pk__in=[]), Q(pk__in=[])
    for name, (counter, lo, hi, channel) in _plan(start, end, today).items():
        months, days = _split(lo, hi)
        extra = Q(channel=channel) if channel else Q()
        if months is not None:
            monthly[name] = Coalesce(Sum(counter, filter=months & extra), 0)
            month_any |= months
        if days is not None:
            daily[name] = Coalesce(Sum(counter, filter=days & extra), 0)
            day_any |= days
    out: dict[int, dict[str, int]] = {}
    for model, sums, where in ((MonthlyFigures, monthly, month_any), (DailyFigures, daily, day_any)):
        if not sums:
            continue
        rows = model.objects.filter(where)
        if agency_ids is not None:
            rows = rows.filter(agency_id__in=agency_ids)
        for r in rows.values(field).annotate(**sums).order_by(field):
            target = out.setdefault(r[field], {})
            for name in sums:
                target[name] = target.get(name, 0) + int(r[name])
    return out


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
    field = {"agency": "agency_id", "sector": "sector_id", "procedure": "procedure_id"}[by]
    out = []
    for group, sums in sorted(_grouped_sums(field, start, end, today, agency_ids).items()):
        row = form06(sums)
        if not any(v for k, v in row.items() if k not in ("on_time_rate", "average_minutes")):
            continue
        row["_id"] = group
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
    first = end.replace(day=1)
    for _ in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    rows = MonthlyFigures.objects.filter(month__gte=first, month__lte=end)
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    sums = {
        r["month"]: r
        for r in rows.values("month").annotate(
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
