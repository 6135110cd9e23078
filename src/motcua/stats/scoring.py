"""The Decision 766 scorecard per agency for a period, ranked per level, and the dossiers behind a number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from motcua.agencies.models import Agency
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier, Rating
from motcua.dvcqg import conf as dvcqg_conf
from motcua.dvcqg.models import SyncOutbox

from . import coverage
from .scorecard import Score, indices, satisfaction_5_4, score
from .selectors import COMMUNE_LEVEL, PROVINCE_LEVEL, form_06, level_of


@dataclass(frozen=True)
class AgencyScore:
    agency: Agency
    level: str
    lines: list[Score]
    total: float
    rank: int = 0


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(start, time.min, tzinfo=VN_TZ),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=VN_TZ),
    )


def scorecard(start: date, end: date, *, agency_ids: list[int] | None = None) -> list[AgencyScore]:
    """Every agency with figures in [start, end]: its indices, points and rank within its level."""
    from motcua.feedback.selectors import figures_by_agency
    from motcua.payments.models import Payment

    config = {i.id: i for i in indices(getattr(settings, "MOTCUA_SCORECARD", None))}
    report = form_06(start, end, agency_ids=agency_ids)
    lo, hi = _bounds(start, end)
    feedback = {f.agency_id: f for f in figures_by_agency(lo, hi)}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[r["agency"]["code"] for r in report.rows])}
    resolved_in = Q(finished_at__gte=lo, finished_at__lt=hi, state__in=["resolved", "returned"])
    paid = {
        r["procedure_version__competent_agency_id"]: r
        for r in Dossier.objects.filter(resolved_in, payments__status="paid")
        .values("procedure_version__competent_agency_id")
        .annotate(
            fee=Count("pk", distinct=True),
            online=Count("pk", distinct=True, filter=Q(payments__channel=Payment.Channel.ONLINE)),
        )
    }
    # 1.4: dossiers received in the period that reached the national portal (a row it accepted). A
    # province not connected to it yet (no MOTCUA_DVCQG_URL) shows N/A and 3.3 is not reduced.
    syncing = bool(dvcqg_conf.url())
    received_in = Q(received_at__gte=lo, received_at__lt=hi)
    # Counted only when connected: over the dossier table, this is the scorecard's costliest read.
    synced = (
        dict(
            Dossier.objects.filter(received_in)
            .filter(Exists(SyncOutbox.objects.filter(dossier=OuterRef("pk"), state=SyncOutbox.State.SENT)))
            .values_list("procedure_version__competent_agency_id")
            .annotate(n=Count("pk"))
        )
        if syncing
        else {}
    )
    disliked = dict(
        Rating.objects.filter(
            score=Rating.Score.NOT_SATISFIED, dossier__finished_at__gte=lo, dossier__finished_at__lt=hi
        )
        .values_list("dossier__procedure_version__competent_agency_id")
        .annotate(n=Count("pk"))
    )
    catalogue = coverage.catalogue_figures(start, end, agency_ids)
    digital = coverage.dossier_figures(start, end, agency_ids)
    shares = {**catalogue, **digital}
    out = []
    for row in report.rows:
        agency = agencies[row["agency"]["code"]]
        fb, pay = feedback.get(agency.pk), paid.get(agency.pk, {})
        resolved = row["resolved_total"]
        received = row["received_new"]
        synced_here = synced.get(agency.pk, 0)
        sync_rate = synced_here / received if received and syncing else 1.0
        found = {
            "1.4": score(config["1.4"], synced_here, received)
            if syncing
            else score(config["1.4"], None, None),
            "2.1": score(config["2.1"], row["resolved_early"] + row["resolved_on_time"], resolved),
            "2.2": Score(config["2.2"], None, None, row["average_minutes"], None),
            # 3.3 counts online dossiers as the national portal sees them: times the sync rate.
            "3.3": score(config["3.3"], round(row["received_online"] * sync_rate, 2), received),
            "3.6": score(config["3.6"], pay.get("online", 0), pay.get("fee", 0)),
            "5.2": score(
                config["5.2"], fb.answered_on_time if fb else 0, (fb.answered + fb.open_overdue) if fb else 0
            ),
            "5.3": score(
                config["5.3"],
                (fb.received - fb.repeated - fb.answered_late - fb.open_overdue) if fb else 0,
                fb.received if fb else 0,
            ),
            "5.4": score(
                config["5.4"],
                None,
                resolved,
                satisfaction_5_4(
                    row["resolved_late"], disliked.get(agency.pk, 0) + (fb.received if fb else 0), resolved
                ),
            ),
        }
        for index_id, per_agency in shares.items():
            numerator, denominator = per_agency.get(agency.pk, (0, 0))
            found[index_id] = score(config[index_id], numerator, denominator)
        # An index the platform holds no data for stays N/A (its note says why).
        lines = [found.get(i.id) or Score(i, None, None, None, None) for i in config.values()]
        total = round(sum(line.points or 0 for line in lines), 2)
        out.append(AgencyScore(agency, level_of(agency.kind), lines, total))
    ranked = []
    for level in (PROVINCE_LEVEL, COMMUNE_LEVEL):
        group = sorted((s for s in out if s.level == level), key=lambda s: (-s.total, s.agency.code))
        ranked += [AgencyScore(s.agency, s.level, s.lines, s.total, rank) for rank, s in enumerate(group, 1)]
    return ranked


def dossiers_behind(index_id: str, agency_id: int, start: date, end: date) -> QuerySet[Dossier]:
    """The dossiers an index counts for one agency in [start, end] (its denominator)."""
    lo, hi = _bounds(start, end)
    rows = Dossier.objects.filter(procedure_version__competent_agency_id=agency_id)
    if index_id in ("2.1", "2.2", "5.4"):
        return rows.filter(finished_at__gte=lo, finished_at__lt=hi, state__in=["resolved", "returned"])
    if index_id in ("1.4", "3.3"):
        return rows.filter(received_at__gte=lo, received_at__lt=hi)
    if index_id == "3.6":
        return rows.filter(finished_at__gte=lo, finished_at__lt=hi, payments__status="paid").distinct()
    if index_id in coverage.DOSSIER_INDICES:
        return coverage.dossiers_behind(index_id, agency_id, start, end)
    return rows.none()


def as_dict(s: AgencyScore) -> dict[str, Any]:
    return {
        "agency": {"code": s.agency.code, "name": s.agency.name},
        "level": s.level,
        "rank": s.rank,
        "total": s.total,
        "indices": [
            {
                "id": line.index.id,
                "name": line.index.name,
                "numerator": line.numerator,
                "denominator": line.denominator,
                "rate": line.rate,
                "points": line.points,
                "max": line.index.max,
                "unit": line.index.unit,
                "note": line.index.note,
                "missing": line.index.missing,
                "behind": line.index.behind,
            }
            for line in s.lines
        ],
    }
