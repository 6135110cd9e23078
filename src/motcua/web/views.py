"""Pages that belong to no domain: the health check for load balancers and monitoring."""

from __future__ import annotations

import hmac
from dataclasses import asdict

from django.conf import settings
from django.contrib import admin
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.i18n import set_language as django_set_language

from motcua.core.health import database_answers, system_health


def may_read_health_details(request: HttpRequest) -> bool:
    """Monitoring with the configured token, or whoever may open the admin (password, TOTP, not idle).

    Anyone else learns only up or down: the version, the task queue and its failures tell an
    attacker which weaknesses to try and when the site is struggling.
    """
    token = settings.MOTCUA_HEALTH_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    try:
        return request.user.is_authenticated and admin.site.has_permission(request)
    except DatabaseError:  # the session lives in the database; "down" is what to say then
        return False


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 "up" while the database answers, 503 "down" if not; the details to monitoring and admins.

    The details say "ok", or "degraded" when background tasks are stuck (still 200: the process
    serves pages, do not take it out of the pool).
    """
    if not may_read_health_details(request):
        up = database_answers()
        return JsonResponse({"status": "up" if up else "down"}, status=200 if up else 503)
    report = system_health()
    tasks = asdict(report.tasks) if report.tasks else None
    if tasks is not None and report.tasks is not None:
        tasks["stalled"] = report.tasks.stalled
    body = {"status": report.status, "database": report.database, "tasks": tasks, "version": report.version}
    return JsonResponse(body, status=503 if report.status == "down" else 200)


# The language switch in every page's header needs no CSRF token, so that the public catalogue's pages
# can be one shared answer for every anonymous visitor (web.pagecache) with nobody's token in it. What
# a forged request could do is choose the language of the visitor's next page; Django's view still
# takes POST only and redirects only to this site.
set_language = csrf_exempt(django_set_language)
