"""What every back-office page shares: the officer's context, the clock, errors as pages."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from motcua.agencies.models import Role
from motcua.backoffice.queries import StaffScope, Worklist, staff_notice_count, worklist_counts, worklists_for
from motcua.core import time as core_time
from motcua.core.errors import DomainError, NotFound, PermissionDenied

from ..models import StaffNotificationSeen
from ..worklists import WORKLIST_LABELS, WORKLIST_SLUGS


def now() -> datetime:
    """The domain clock (looked up on each call, so that tests can move it)."""
    return core_time.now()


def scope_of(request: HttpRequest) -> StaffScope:
    return request.staff  # type: ignore[attr-defined,no-any-return]


def last_seen(user: Any) -> datetime | None:
    return StaffNotificationSeen.objects.filter(user=user).values_list("seen_at", flat=True).first()


# The tab counts and the bell are kept in the session for a minute (the bell polls every minute),
# and forgotten as soon as the officer acts, so that their own work shows at once; the list itself
# is always read fresh.
COUNTS = "backoffice_counts"
COUNTS_SECONDS = 60


def _cached(request: HttpRequest) -> dict[str, Any]:
    cached = request.session.get(COUNTS) or {}
    if time.time() - cached.get("at", 0) > COUNTS_SECONDS:
        return {}
    return cached


def counts_and_bell(request: HttpRequest) -> tuple[dict[Worklist, int], int]:
    cached = _cached(request)
    if not cached:
        at = now()
        counts = worklist_counts(scope_of(request), at)
        bell = staff_notice_count(request.user, since=last_seen(request.user), at=at)
        cached = {"at": time.time(), "lists": {w.value: n for w, n in counts.items()}, "bell": bell}
        request.session[COUNTS] = cached
    return {Worklist(w): n for w, n in cached["lists"].items()}, cached["bell"]


def forget_counts(request: HttpRequest) -> None:
    request.session.pop(COUNTS, None)


def staff_context(request: HttpRequest) -> dict[str, Any]:
    scope = scope_of(request)
    _counts, bell = counts_and_bell(request)
    return {
        "scope": scope,
        "is_intake": scope.has(Role.INTAKE_OFFICER),
        "is_leader": scope.has(Role.LEADER),
        # The clerk's desk (Văn thư): its clerks keep the registers, its leaders read them.
        "is_clerk_or_leader": scope.has(Role.CLERK, Role.LEADER),
        "nav_worklists": [(WORKLIST_SLUGS[w], WORKLIST_LABELS[w]) for w in worklists_for(scope)],
        "notice_count": bell,
    }


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, {**staff_context(request), **context}, status=status)


def error_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """403 and 404 as pages in Vietnamese; never a hint that a hidden dossier exists."""
    status = 404 if isinstance(error, NotFound) else 403 if isinstance(error, PermissionDenied) else 400
    return message_page(request, error.message, status)


def message_page(request: HttpRequest, message: str, status: int) -> HttpResponse:
    context = {"message": message, "status": status}
    if hasattr(request, "staff"):
        return page(
            request, "backoffice/error.html", {**context, "base_template": "backoffice/base.html"}, status
        )
    return render(request, "backoffice/error.html", context, status=status)
