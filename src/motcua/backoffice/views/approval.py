"""Approving and signing several dossiers of the "Chờ phê duyệt" list in one submission.

The submission only records the selection and queues the work (`signatures.approval`); the leader
lands on a progress page that fills in as each dossier is approved and signed.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.agencies.models import Role
from motcua.backoffice.queries import Worklist
from motcua.core.errors import NotFound, ValidationFailed
from motcua.signatures.approval import start_batch_approval
from motcua.signatures.selectors import batch_for, batch_progress
from motcua.signatures.services import result_signing_enabled

from ..auth import staff_required
from ..worklists import WORKLIST_SLUGS
from .common import error_page, forget_counts, message_page, now, page, scope_of

FIELD = "ho-so"  # each value "CODE:VERSION", the version the leader saw in the list


def _selection(values: list[str]) -> list[tuple[str, int | None]]:
    """(code, version seen) in the order posted, each code once; a missing version stays None."""
    chosen: dict[str, int | None] = {}
    for value in values:
        code, _sep, version = value.strip().rpartition(":")
        code = code.strip() or version.strip()  # "CODE" alone: no version, refused as stale
        if code and code not in chosen:
            chosen[code] = int(version) if _sep and version.isdigit() else None
    return list(chosen.items())


@staff_required
@require_POST
def approve_selected(request: HttpRequest) -> HttpResponse:
    """Queue the approval and signing of the ticked dossiers; go to the batch's progress page."""
    if not scope_of(request).has(Role.LEADER):
        return message_page(request, _("Chỉ lãnh đạo cơ quan mới phê duyệt được kết quả giải quyết."), 403)
    try:
        batch = start_batch_approval(leader=request.user, selection=_selection(request.POST.getlist(FIELD)))
    except ValidationFailed as exc:
        return error_page(request, exc)
    forget_counts(request)
    return redirect("backoffice:batch_approval", batch_id=batch.pk)


@staff_required
@require_GET
def batch_approval(request: HttpRequest, batch_id: uuid.UUID) -> HttpResponse:
    """Where the batch stands: each dossier's outcome, refreshed while some are still waiting."""
    try:
        batch = batch_for(request.user, batch_id)
    except NotFound as exc:
        return error_page(request, exc)
    progress = batch_progress(batch, at=now())
    context = {
        "batch": batch,
        "progress": progress,
        "running": progress.running,
        "signing_enabled": result_signing_enabled(),
    }
    if getattr(request, "htmx", False):
        # 286 tells htmx to stop polling: the batch is finished.
        return render(
            request,
            "backoffice/partials/batch_progress.html",
            {**context, "htmx": True},
            status=200 if progress.running else 286,
        )
    forget_counts(request)  # the tab counts change as dossiers leave the list
    context["list_url"] = reverse("backoffice:worklist", kwargs={"kind": WORKLIST_SLUGS[Worklist.TO_APPROVE]})
    return page(request, "backoffice/batch_approval.html", context)
