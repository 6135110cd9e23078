"""Worklists, the leader's overview, notifications: pages that read, never write a dossier."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.agencies.models import Agency, Role
from motcua.backoffice.queries import (
    Worklist,
    WorklistFilters,
    leader_overview,
    officers_by_agency,
    staff_notices,
    worklist_choices,
    worklist_page,
    worklists_for,
)
from motcua.dossiers.states import State
from motcua.signatures.approval import MAX_BATCH
from motcua.signatures.selectors import unfinished_batches

from ..auth import staff_required
from ..models import StaffNotificationSeen
from ..worklists import BY_SLUG, WORKLIST_HINTS, WORKLIST_LABELS, WORKLIST_SLUGS, filter_query, filters_from
from .common import counts_and_bell, forget_counts, last_seen, message_page, now, page, scope_of

PAGE_SIZE = 50


@staff_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each officer starts where their day starts."""
    scope = scope_of(request)
    if scope.has(Role.INTAKE_OFFICER):
        return redirect("backoffice:counter")
    if scope.has(Role.LEADER):
        return redirect("backoffice:worklist", kind=WORKLIST_SLUGS[Worklist.TO_APPROVE])
    lists = worklists_for(scope)
    if not lists:
        return redirect("backoffice:register")
    return redirect("backoffice:worklist", kind=WORKLIST_SLUGS[lists[0]])


@staff_required
@require_GET
def worklist(request: HttpRequest, kind: str) -> HttpResponse:
    scope = scope_of(request)
    current = BY_SLUG.get(kind)
    if current is None:
        raise Http404
    mine = worklists_for(scope)
    if current not in mine:
        return message_page(request, _("Vai trò của bạn không có danh sách hồ sơ này."), 403)
    at = now()
    filters = filters_from(request.GET)
    counts, _bell = counts_and_bell(request)
    result = worklist_page(
        scope,
        current,
        filters,
        at=at,
        after=request.GET.get("sau"),
        before=request.GET.get("truoc"),
        size=PAGE_SIZE,
        known_total=counts.get(current) if filters == WorklistFilters() else None,
    )
    procedures, units = worklist_choices(scope)
    can_approve_many = current == Worklist.TO_APPROVE and scope.has(Role.LEADER)
    officers = (
        officers_by_agency({r.dossier.current_agency_id for r in result.rows})
        if current == Worklist.AGENCY
        else {}
    )
    context = {
        "kind": kind,
        "current": current,
        "title": WORKLIST_LABELS[current],
        "hint": WORKLIST_HINTS[current],
        "tabs": [(WORKLIST_SLUGS[w], WORKLIST_LABELS[w], counts.get(w, 0), w == current) for w in mine],
        "page": result,
        "filters": filters,
        "query": filter_query(request.GET),
        "procedures": procedures,
        "units": units,
        "states": State.choices,
        "officers": officers,
        "can_reassign": current == Worklist.AGENCY and scope.has(Role.LEADER),
        # Read from the scope already loaded: the checkboxes cost no query.
        "can_approve_many": can_approve_many,
        # What this leader's earlier batches are still approving: ticking those again is refused.
        "running_batches": unfinished_batches(request.user) if can_approve_many else [],
        "max_batch": MAX_BATCH,
        "at": at,
        "list_url": reverse("backoffice:worklist", kwargs={"kind": kind}),
        "by_submission": current == Worklist.TO_RECEIVE,
    }
    if getattr(request, "htmx", False) and request.htmx.target == "worklist-results":  # type: ignore[attr-defined]
        return page(request, "backoffice/partials/worklist_results.html", context)
    return page(request, "backoffice/worklist.html", context)


@staff_required
@require_GET
def leader(request: HttpRequest) -> HttpResponse:
    """Chỉ đạo, điều hành: the leader's agency at a glance, with drill-down into the agency's list."""
    scope = scope_of(request)
    agency_ids = sorted(scope.agencies(Role.LEADER))
    if not agency_ids:
        return message_page(request, _("Chỉ lãnh đạo cơ quan mới xem được trang điều hành."), 403)
    agencies = list(Agency.objects.filter(pk__in=agency_ids).order_by("code"))
    try:
        chosen = int(request.GET.get("co-quan") or agencies[0].pk)
    except ValueError:
        chosen = agencies[0].pk
    agency = next((a for a in agencies if a.pk == chosen), agencies[0])
    at = now()
    overview = leader_overview(agency.pk, at)
    drill = reverse("backoffice:worklist", kwargs={"kind": WORKLIST_SLUGS[Worklist.AGENCY]})
    return page(
        request,
        "backoffice/leader.html",
        {"agencies": agencies, "agency": agency, "overview": overview, "drill": drill, "at": at},
    )


@staff_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    at = now()
    since = last_seen(request.user)
    items = staff_notices(request.user, since=since, at=at)
    StaffNotificationSeen.objects.update_or_create(user=request.user, defaults={"seen_at": at})
    forget_counts(request)
    return page(request, "backoffice/notices.html", {"items": items, "since": since, "at": at})


@staff_required
@require_GET
def notice_badge(request: HttpRequest) -> HttpResponse:
    """The bell in the header, refreshed by htmx every minute."""
    forget_counts(request)
    return page(request, "backoffice/partials/notice_badge.html", {})
