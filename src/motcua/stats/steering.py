"""The steering committee's scorecard: each agency's targets for a year, the actuals from the
platform's own data up to a day, progress, ranking, the monthly trend, and the DTI self-assessment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Q, Sum

from motcua.agencies.models import Agency
from motcua.core.time import VN_TZ

from .models import DtiAssessment, MonthlyFigures, SteeringIndicator, SteeringTarget
from .scorecard import rate
from .selectors import level_of


@dataclass(frozen=True)
class Line:
    indicator: str
    label: str
    target: float
    actual: float | None
    progress: float | None  # actual / target, %; None when there is nothing to measure yet


@dataclass
class AgencyBoard:
    agency: Agency
    level: str
    lines: list[Line] = field(default_factory=list)
    dti_max: float = 0
    dti_self: float = 0
    dti_appraised: float | None = None
    rank: int = 0
    dti: list[DtiAssessment] = field(default_factory=list)  # the criteria, in catalogue order

    @property
    def progress(self) -> float | None:
        """The mean progress over the targets that can be measured, each capped at 100 %."""
        values = [min(100.0, line.progress) for line in self.lines if line.progress is not None]
        return round(sum(values) / len(values), 2) if values else None


def _actuals(agency_ids: list[int], start: date, end: date) -> dict[int, dict[str, float | None]]:
    from motcua.dossiers.models import Dossier
    from motcua.exchange.models import OutboxMessage
    from motcua.payments.models import Payment

    lo = datetime.combine(start, time.min, tzinfo=VN_TZ)
    hi = datetime.combine(end + timedelta(days=1), time.min, tzinfo=VN_TZ)
    received = {
        r["agency_id"]: r
        for r in MonthlyFigures.objects.filter(
            agency_id__in=agency_ids, month__gte=start.replace(day=1), month__lte=end
        )
        .values("agency_id")
        .annotate(
            n=Sum("received"),
            online=Sum("received", filter=Q(channel="online")),
            e2e=Sum("received_e2e"),
        )
    }
    resolved = Q(finished_at__gte=lo, finished_at__lt=hi, state__in=["resolved", "returned"])
    agency = "procedure_version__competent_agency_id"
    signed = {
        r[agency]: r
        for r in Dossier.objects.filter(resolved, procedure_version__competent_agency_id__in=agency_ids)
        .values(agency)
        .annotate(
            n=Count("pk", distinct=True), signed=Count("pk", distinct=True, filter=Q(results__is_signed=True))
        )
    }
    paid = {
        r[agency]: r
        for r in Dossier.objects.filter(
            procedure_version__competent_agency_id__in=agency_ids,
            payments__status="paid",
            payments__paid_at__gte=lo,
            payments__paid_at__lt=hi,
        )
        .values(agency)
        .annotate(
            n=Count("pk", distinct=True),
            online=Count("pk", distinct=True, filter=Q(payments__channel=Payment.Channel.ONLINE)),
        )
    }
    sent = dict(
        OutboxMessage.objects.filter(
            agency_id__in=agency_ids, kind=OutboxMessage.Kind.EDOC, created_at__gte=lo, created_at__lt=hi
        )
        .values_list("agency_id")
        .annotate(n=Count("pk"))
    )
    out: dict[int, dict[str, float | None]] = {}
    for pk in agency_ids:
        r, s, p = received.get(pk, {}), signed.get(pk, {}), paid.get(pk, {})
        out[pk] = {
            SteeringIndicator.ONLINE_SHARE: rate(r.get("online") or 0, r.get("n") or 0),
            SteeringIndicator.END_TO_END_SHARE: rate(r.get("e2e") or 0, r.get("n") or 0),
            SteeringIndicator.SIGNED_RESULTS: rate(s.get("signed") or 0, s.get("n") or 0),
            SteeringIndicator.DOCUMENTS_EXCHANGED: float(sent.get(pk, 0)),
            SteeringIndicator.ONLINE_PAYMENT: rate(p.get("online") or 0, p.get("n") or 0),
        }
    return out


def steering_board(year: int, *, upto: date, agency_ids: list[int] | None = None) -> list[AgencyBoard]:
    """Every agency with a target or a DTI assessment in `year`: targets, actuals from 1 January to
    `upto`, progress, DTI points, ranked by progress within its level (province, then communes)."""
    targets = SteeringTarget.objects.filter(year=year).select_related("agency")
    assessments = DtiAssessment.objects.filter(year=year).select_related("agency", "criterion")
    if agency_ids is not None:
        targets, assessments = (
            targets.filter(agency_id__in=agency_ids),
            assessments.filter(agency_id__in=agency_ids),
        )
    boards: dict[int, AgencyBoard] = {}
    for agency in [t.agency for t in targets] + [a.agency for a in assessments]:
        boards.setdefault(agency.pk, AgencyBoard(agency, level_of(agency.kind)))
    end = min(upto, date(year, 12, 31))
    actuals = _actuals(list(boards), date(year, 1, 1), end) if boards else {}
    labels = dict(SteeringIndicator.choices)
    for t in sorted(targets, key=lambda t: list(labels).index(t.indicator)):
        actual = actuals[t.agency_id][t.indicator]
        target = float(t.target)
        progress = round(actual * 100 / target, 2) if actual is not None else None
        boards[t.agency_id].lines.append(
            Line(t.indicator, str(labels[t.indicator]), target, actual, progress)
        )
    for a in sorted(assessments, key=lambda a: a.criterion.code):
        board = boards[a.agency_id]
        board.dti.append(a)
        board.dti_max += float(a.criterion.max_points)
        board.dti_self += float(a.self_points)
        if a.appraised_points is not None:
            board.dti_appraised = (board.dti_appraised or 0) + float(a.appraised_points or Decimal(0))
    ranked: list[AgencyBoard] = []
    for level in ("province", "commune"):
        group = sorted(
            (b for b in boards.values() if b.level == level),
            key=lambda b: (-(b.progress or 0), b.agency.code),
        )
        for rank, board in enumerate(group, 1):
            board.rank = rank
        ranked += group
    return ranked


def online_share_trend(year: int, agency_ids: list[int] | None = None) -> list[tuple[date, float | None]]:
    """The online share month by month through the year."""
    rows = MonthlyFigures.objects.filter(month__gte=date(year, 1, 1), month__lte=date(year, 12, 1))
    if agency_ids is not None:
        rows = rows.filter(agency_id__in=agency_ids)
    sums = {
        r["month"]: r
        for r in rows.values("month").annotate(
            n=Sum("received"), online=Sum("received", filter=Q(channel="online"))
        )
    }
    return [
        (
            date(year, m, 1),
            rate(
                sums.get(date(year, m, 1), {}).get("online") or 0,
                sums.get(date(year, m, 1), {}).get("n") or 0,
            ),
        )
        for m in range(1, 13)
    ]


def online_share_by_agency(year: int, agency_ids: list[int]) -> dict[int, list[float | None]]:
    """Each agency's online share month by month through the year (one query on the monthly table)."""
    rows = MonthlyFigures.objects.filter(
        agency_id__in=agency_ids, month__gte=date(year, 1, 1), month__lte=date(year, 12, 1)
    )
    sums = {
        (r["agency_id"], r["month"]): r
        for r in rows.values("agency_id", "month").annotate(
            n=Sum("received"), online=Sum("received", filter=Q(channel="online"))
        )
    }
    return {
        pk: [
            rate(
                (sums.get((pk, date(year, m, 1))) or {}).get("online") or 0,
                (sums.get((pk, date(year, m, 1))) or {}).get("n") or 0,
            )
            for m in range(1, 13)
        ]
        for pk in agency_ids
    }


@dataclass(frozen=True)
class YearlyReview:
    """The steering committee's yearly review: every agency's board, its monthly online share, and
    last year's progress beside this year's (the trend)."""

    year: int
    upto: date
    boards: list[AgencyBoard]
    months: dict[int, list[float | None]]
    previous: dict[int, float | None]
    province_trend: list[tuple[date, float | None]]


def yearly_review(year: int, *, upto: date, agency_ids: list[int] | None = None) -> YearlyReview:
    """What the yearly review prints for `year`, with actuals from 1 January to `upto`."""
    boards = steering_board(year, upto=upto, agency_ids=agency_ids)
    last = {b.agency.pk: b.progress for b in steering_board(year - 1, upto=upto, agency_ids=agency_ids)}
    ids = [b.agency.pk for b in boards]
    return YearlyReview(
        year,
        min(upto, date(year, 12, 31)),
        boards,
        online_share_by_agency(year, ids) if ids else {},
        {pk: last.get(pk) for pk in ids},
        online_share_trend(year, agency_ids),
    )
