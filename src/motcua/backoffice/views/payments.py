"""Payments in the back office: a dossier's e-receipt, and the daily reconciliation with the gateway."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.http import require_GET

from motcua.core import time as core_time
from motcua.core.errors import NotFound
from motcua.dossiers.selectors import dossier_for
from motcua.payments import reconciliation
from motcua.payments import selectors as payment_selectors
from motcua.payments.receipts import receipt_pdf
from motcua.web.files import file_response

from ..auth import staff_required
from .common import page


@staff_required
@require_GET
def receipt(request: HttpRequest, code: str, number: str) -> HttpResponseBase:
    try:
        dossier = dossier_for(request.user, code)
    except NotFound as exc:
        raise Http404 from exc
    payment = payment_selectors.payment_by_receipt(dossier, number)
    if payment is None:
        raise Http404
    name = f"bien-lai-{payment.receipt_number}.pdf"
    return file_response(receipt_pdf(payment), filename=name, content_type="application/pdf")


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return core_time.local(core_time.now()).date()


@staff_required
@require_GET
def reconcile(request: HttpRequest) -> HttpResponse:
    """Payments recorded here against the gateway's transactions of one day, for the officers who
    may see them (the payments of dossiers their agencies hold or held)."""
    day = _day(request.GET.get("ngay", ""))
    report = reconciliation.reconcile(day, user=request.user)
    return page(request, "backoffice/reconciliation.html", {"day": day, "report": report})
