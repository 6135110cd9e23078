"""A period of local days cut into what each summary table holds: whole years, whole months, days.

A report over [lo, hi] sums the yearly rows of the whole years inside it, the monthly rows of the
whole months left at its edges and the daily rows of the days left after that: a province-year reads
one row per key, a period cut inside years at most 22 months and 60 days per key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db.models import Q

Span = tuple[date, date]  # first and last period start (or day), both included


def month_of(d: date) -> date:
    return d.replace(day=1)


def next_month(d: date) -> date:
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1)


def year_of(d: date) -> date:
    return d.replace(month=1, day=1)


def next_year(d: date) -> date:
    return date(d.year + 1, 1, 1)


def cut(
    lo: date, hi: date, first_of: Callable[[date], date], next_of: Callable[[date], date]
) -> tuple[Span | None, list[Span]]:
    """The days [lo, hi] as the whole periods inside them (first and last period start) and the days
    left at the two edges (at most two spans)."""
    first = lo if first_of(lo) == lo else next_of(lo)
    bound = next_of(hi) if next_of(hi) == hi + timedelta(days=1) else first_of(hi)  # periods < bound
    if first >= bound:
        return None, [(lo, hi)]
    edges = [(lo, first - timedelta(days=1))] if lo < first else []
    if bound <= hi:
        edges.append((bound, hi))
    return (first, bound - timedelta(days=1)), edges


def spans(lo: date, hi: date) -> tuple[list[Span], list[Span], list[Span]]:
    """[lo, hi] as (year spans, month spans, day spans), together covering each day exactly once."""
    years, rest = cut(lo, hi, year_of, next_year)
    months: list[Span] = []
    days: list[Span] = []
    for a, b in rest:
        whole, edges = cut(a, b, month_of, next_month)
        months += [whole] if whole else []
        days += edges
    return ([years] if years else []), months, days


def _q(field: str, parts: list[Span]) -> Q | None:
    out = None
    for a, b in parts:
        part = Q(**{f"{field}__gte": a, f"{field}__lte": b})
        out = part if out is None else out | part
    return out


def split(lo: date, hi: date) -> tuple[Q | None, Q | None, Q | None]:
    """Filters of the yearly (`year`), monthly (`month`) and daily (`day`) tables for [lo, hi]; None
    where that table has nothing to give."""
    years, months, days = spans(lo, hi)
    return _q("year", years), _q("month", months), _q("day", days)
