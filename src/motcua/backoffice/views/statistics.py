"""Thống kê: the leaders' dashboard (Form 06, trend, on-time rate, scorecard), its exports, and the
dossiers behind each number. Figures come from `motcua.stats` (summary tables), never from raw rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.agencies.models import Agency
from motcua.core.errors import PermissionDenied
from motcua.core.time import local
from motcua.printing.render import render_pdf
from motcua.stats.coverage import procedures_behind
from motcua.stats.exports import HEADINGS, form_06_xlsx
from motcua.stats.permissions import report_agencies
from motcua.stats.scorecard import Index, indices
from motcua.stats.scoring import as_dict, dossiers_behind, scorecard
from motcua.stats.selectors import LEVEL_NAMES, form_06, monthly_trend
from motcua.web.charts import columns, horizontal_bars
from motcua.web.files import file_response

from ..auth import staff_required
from ..worklists import day_from_query
from .common import error_page, now, page

TITLE = "Biểu 06/VPCP/KSTT: Tình hình, kết quả giải quyết thủ tục hành chính"
DRILL_ROWS = 200
# ?theo=: Form 06's rows by agency (under their level), by sector or by procedure.
GROUPINGS = {"co-quan": "agency", "linh-vuc": "sector", "thu-tuc": "procedure"}


def _grouping(request: HttpRequest) -> tuple[str, str]:
    """(the page's value, the selector's grouping); anything unknown reads as by agency."""
    value = request.GET.get("theo", "")
    return (value, GROUPINGS[value]) if value in GROUPINGS else ("co-quan", "agency")


def configured_indices() -> tuple[Index, ...]:
    """The indices with the ceilings and thresholds of the setting MOTCUA_SCORECARD (as scored)."""
    return indices(getattr(settings, "MOTCUA_SCORECARD", None))


def _period(request: HttpRequest) -> tuple[date, date]:
    today = local(now()).date()
    start = day_from_query(request.GET.get("tu")) or today.replace(month=1, day=1)
    end = day_from_query(request.GET.get("den")) or today
    if end < start:
        start, end = end, start
    return max(start, end - timedelta(days=3 * 366)), end


def _scope(request: HttpRequest) -> tuple[list[int] | None, list[Agency], Agency | None]:
    """Agencies the leader may read, and the one chosen with ?co-quan=CODE (None: all of them)."""
    allowed = report_agencies(request.user)
    readable = Agency.objects.all() if allowed is None else Agency.objects.filter(pk__in=allowed)
    agencies = list(readable.order_by("code"))
    code = request.GET.get("co-quan") or ""
    chosen = next((a for a in agencies if a.code == code), None)
    if chosen is not None:
        return [chosen.pk], agencies, chosen
    return allowed, agencies, None


@staff_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    try:
        agency_ids, agencies, chosen = _scope(request)
    except PermissionDenied as exc:
        return error_page(request, exc)
    start, end = _period(request)
    grouping, by = _grouping(request)
    report = form_06(start, end, agency_ids=agency_ids)  # the charts compare agencies
    table = report if by == "agency" else form_06(start, end, agency_ids=agency_ids, by=by)
    for row in table.rows:
        row["cells"] = [row[key] for key, _label in HEADINGS[:11]]
    cards = [as_dict(c) for c in scorecard(start, end, agency_ids=agency_ids)]
    trend = monthly_trend(end, agency_ids=agency_ids)
    on_time = horizontal_bars(
        [(r["agency"]["name"], r["on_time_rate"]) for r in report.rows], title=_("Tỷ lệ giải quyết đúng hạn")
    )
    overdue = horizontal_bars(
        [(r["agency"]["name"], r["pending_overdue"]) for r in report.rows],
        title=_("Hồ sơ đang quá hạn"),
        unit="",
        maximum=max([1, *(r["pending_overdue"] for r in report.rows)]),
    )
    months = columns(
        [f"{m.month:%m/%y}" for m in trend],
        [m.received for m in trend],
        [m.resolved for m in trend],
        title=_("Hồ sơ tiếp nhận và đã giải quyết theo tháng"),
        legend=(_("Tiếp nhận"), _("Đã giải quyết")),
    )
    query = f"tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}&theo={grouping}" + (
        f"&co-quan={chosen.code}" if chosen else ""
    )
    return page(
        request,
        "backoffice/statistics.html",
        {
            "start": start,
            "end": end,
            "agencies": agencies,
            "chosen": chosen,
            "report": table,
            "grouping": grouping,
            "groupings": [("co-quan", _("Cơ quan")), ("linh-vuc", _("Lĩnh vực")), ("thu-tuc", _("Thủ tục"))],
            "headings": HEADINGS[:11],
            "levels": LEVEL_NAMES,
            "cards": cards,
            "indices": configured_indices(),
            "trend": trend,
            "on_time_chart": on_time,
            "overdue_chart": overdue,
            "trend_chart": months,
            "query": query,
            "total_cells": [report.total[key] for key, _label in HEADINGS[:11]],
        },
    )


@staff_required
@require_GET
def form_06_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "xlsx"):
        raise Http404
    try:
        agency_ids, _agencies, _chosen = _scope(request)
    except PermissionDenied as exc:
        return error_page(request, exc)
    start, end = _period(request)
    grouping, by = _grouping(request)
    report = form_06(start, end, agency_ids=agency_ids, by=by)
    name = f"bieu-06-{start:%Y%m%d}-{end:%Y%m%d}" + ("" if by == "agency" else f"-theo-{grouping}")
    if fmt == "xlsx":
        return file_response(
            form_06_xlsx(report, title=TITLE),
            filename=f"{name}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            inline=False,
        )
    pdf = render_pdf(
        "stats/form06_pdf.html",
        {"report": report, "title": TITLE, "headings": HEADINGS[:11], "levels": LEVEL_NAMES},
    )
    return file_response(pdf, filename=f"{name}.pdf", content_type="application/pdf")


@staff_required
@require_GET
def index_dossiers(request: HttpRequest, index_id: str, code: str) -> HttpResponse:
    """The dossiers behind one index of one agency for the period (its denominator)."""
    try:
        allowed = report_agencies(request.user)
        agency = Agency.objects.filter(code=code).first()
        if agency is None or (allowed is not None and agency.pk not in allowed):
            raise PermissionDenied(_("Không có quyền xem số liệu của cơ quan này."))
    except PermissionDenied as exc:
        return error_page(request, exc)
    start, end = _period(request)
    index = next((i for i in configured_indices() if i.id == index_id), None)
    if index is not None and index.behind == "procedures":
        return page(
            request,
            "backoffice/statistics_procedures.html",
            {
                "agency": agency,
                "index": index,
                "rows": procedures_behind(index_id, agency.pk, start, end),
                "start": start,
                "end": end,
            },
        )
    rows = list(
        dossiers_behind(index_id, agency.pk, start, end)
        .select_related("procedure_version")
        .order_by("-finished_at", "-received_at")[: DRILL_ROWS + 1]
    )
    return page(
        request,
        "backoffice/statistics_dossiers.html",
        {
            "agency": agency,
            "index": index,
            "rows": rows[:DRILL_ROWS],
            "more": len(rows) > DRILL_ROWS,
            "marks": any(hasattr(d, "counted") for d in rows[:1]),
            "start": start,
            "end": end,
        },
    )


def _year(request: HttpRequest, today: date) -> int:
    try:
        year = int(request.GET.get("nam") or today.year)
    except ValueError:
        year = today.year
    return min(max(year, 2000), today.year)


def _progress_chart(boards: list[Any]) -> SafeString:
    """Each agency's progress towards its targets, as bars (the page and the yearly review)."""
    return horizontal_bars(
        [(b.agency.name, b.progress) for b in boards], title=_("Mức độ hoàn thành chỉ tiêu")
    )


@staff_required
@require_GET
def steering(request: HttpRequest) -> HttpResponse:
    """The steering committee's targets for a year: actuals to date, progress, rank, DTI, trend;
    printable as the committee's yearly review."""
    from motcua.stats.steering import online_share_trend, steering_board

    try:
        allowed = report_agencies(request.user)
    except PermissionDenied as exc:
        return error_page(request, exc)
    today = local(now()).date()
    year = _year(request, today)
    boards = steering_board(year, upto=today, agency_ids=allowed)
    trend = online_share_trend(year, allowed)
    chart = _progress_chart(boards)
    trend_chart = horizontal_bars(
        [(f"{m:%m/%Y}", value) for m, value in trend], title=_("Tỷ lệ hồ sơ trực tuyến theo tháng")
    )
    return page(
        request,
        "backoffice/steering.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "boards": boards,
            "chart": chart,
            "trend_chart": trend_chart,
            "levels": LEVEL_NAMES,
            "upto": min(today, date(year, 12, 31)),
        },
    )


@staff_required
@require_GET
def steering_review_pdf(request: HttpRequest) -> HttpResponse:
    """The steering committee's yearly review (A4, WeasyPrint): per agency targets against actuals,
    progress, rank, last year's progress, the online share month by month, and the DTI criteria."""
    from motcua.stats.steering import yearly_review

    try:
        allowed = report_agencies(request.user)
    except PermissionDenied as exc:
        return error_page(request, exc)
    today = local(now()).date()
    year = _year(request, today)
    review = yearly_review(year, upto=today, agency_ids=allowed)
    chart = _progress_chart(review.boards)
    pdf = render_pdf(
        "stats/steering_review_pdf.html",
        {
            "review": review,
            "levels": LEVEL_NAMES,
            "chart": chart,
            "printed_on": today,
            "province": settings.MOTCUA_PROVINCE_NAME,
            "month_labels": [f"T{m}" for m in range(1, 13)],
            "rows": [
                (
                    board,
                    review.months.get(board.agency.pk, []),
                    review.previous.get(board.agency.pk),
                    [
                        (a, None if a.appraised_points is None else a.appraised_points - a.self_points)
                        for a in board.dti
                    ],
                )
                for board in review.boards
            ],
        },
    )
    return file_response(pdf, filename=f"bao-cao-ban-chi-dao-{year}.pdf", content_type="application/pdf")
