"""Pages that belong to no domain: the health check for load balancers and monitoring."""

from __future__ import annotations

from dataclasses import asdict

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from motcua.core.health import system_health


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """200 while the database answers ("ok", or "degraded" when background tasks are stuck); 503 if not."""
    report = system_health()
    tasks = asdict(report.tasks) if report.tasks else None
    if tasks is not None and report.tasks is not None:
        tasks["stalled"] = report.tasks.stalled
    body = {"status": report.status, "database": report.database, "tasks": tasks, "version": report.version}
    return JsonResponse(body, status=503 if report.status == "down" else 200)
