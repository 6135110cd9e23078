"""Reads of the summary tables: Form 06 for a period, by agency, sector or procedure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure, Sector
from motcua.core import time as core_time

from .figures import BALANCES, add_rows, form06, rate
from .models import DailyFigures, Figures, MonthlyBalance, MonthlyFigures, YearlyFigures
from .periods import split

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


def _plan(start: date, end: date) -> dict[str, tuple[str, date, date, str | None]]:
    """Each sum of `figures.SUMS` over the period's days: (counter, first day, last day, channel or None)."""
    return {
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
        "resolved_minutes_in": ("resolved_minutes", start, end, None),
    }


def _prefixes(start: date, end: date, today: date) -> dict[str, tuple[str, date]]:
    """The history-wide sums of `figures.SUMS`: (running balance, last day T), summed over days <= T."""
    return {
        "open_before": ("open", start - timedelta(days=1)),
        "open_upto": ("open", end),
        "overdue_upto": ("overdue", min(end, today)),
    }


def _prefix_split(last_day: date) -> tuple[date, date | None]:
    """Days <= last_day as (the month whose running balance covers them up to its end, the first day
    of the remaining days in the daily table or None): the balance of the month before, plus the
    month's own days up to `last_day`, unless `last_day` ends its month."""
    if (last_day + timedelta(days=1)).day == 1:
        return _month(last_day), None
    return _month(_month(last_day) - timedelta(days=1)), _month(last_day)


def _balance_expression(balance: str) -> Any:
    """received - ended or due - settled, as a sum over daily rows."""
    (plus, _), (minus, _) = BALANCES[balance]
    return F(plus) - F(minus)


def _grouped_sums(
    field: str, start: date, end: date, today: date, agency_ids: list[int] | None
) -> dict[int, dict[str, int]]:
    """`figures.SUMS` per value of `field`: the period's own sums from its whole years, then the whole
    months and the days at its edges (`periods.split`: one statement per table that has a part); the
    history-wide ones from one running balance per key (one statement for every month end wanted)
    plus at most a month of days."""
    sums_of: dict[type[Figures], dict[str, Any]] = {YearlyFigures: {}, MonthlyFigures: {}, DailyFigures: {}}
    where_of: dict[type[Figures], Q] = {model: Q(pk__in=[]) for model in sums_of}
    for name, (counter, lo, hi, channel) in _plan(start, end).items():
        extra = Q(channel=channel) if channel else Q()
        for model, where in zip(sums_of, split(lo, hi), strict=True):
            if where is not None:
                sums_of[model][name] = Coalesce(Sum(counter, filter=where & extra), 0)
                where_of[model] |= where
    daily, day_any = sums_of[DailyFigures], where_of[DailyFigures]
    at_month: dict[date, list[tuple[str, str]]] = {}
    for name, (balance, last_day) in _prefixes(start, end, today).items():
        month, first_day = _prefix_split(last_day)
        at_month.setdefault(month, []).append((name, balance))
        if first_day is not None:
            days = Q(day__gte=first_day, day__lte=last_day)
            daily[name] = Coalesce(Sum(_balance_expression(balance), filter=days), 0)
            day_any |= days
    where_of[DailyFigures] = day_any
    out: dict[int, dict[str, int]] = {}

    def add(rows: Any, names: list[str]) -> None:
        for r in rows:
            target = out.setdefault(r[field], {})
            for name in names:
                target[name] = target.get(name, 0) + int(r[name])

    for model, sums in sums_of.items():
        if not sums:
            continue
        rows = model._default_manager.filter(where_of[model])
        if agency_ids is not None:
            rows = rows.filter(agency_id__in=agency_ids)
        add(rows.values(field).annotate(**sums).order_by(field), list(sums))
    # The running balances at every month wanted, in one statement: a key's balance at a month is its
    # row of that month, or its latest row when that came earlier.
    held = MonthlyBalance.objects.filter(Q(month__in=list(at_month)) | Q(last=True, month__lt=max(at_month)))
    if agency_ids is not None:
        held = held.filter(agency_id__in=agency_ids)
    sums = {
        name: Coalesce(Sum(balance, filter=Q(month=month) | Q(last=True, month__lt=month)), 0)
        for month, wanted in at_month.items()
        for name, balance in wanted
    }
    add(held.values(field).annotate(**sums).order_by(field), list(sums))
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
        # Three columns as tuples, not model instances: 160 rows for a province.
        agencies = {
            pk: rest
            for pk, *rest in Agency.objects.filter(pk__in=ids).values_list("pk", "code", "name", "kind")
        }
        for row, pk in zip(rows, ids, strict=True):
            code, name, kind = agencies[pk]
            row["agency"] = {"code": code, "name": name}
            row["level"] = level_of(kind)
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
