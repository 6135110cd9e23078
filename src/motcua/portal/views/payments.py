"""Paying a dossier's fees online: off to the gateway, back from it, and the e-receipt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from motcua.core.errors import DomainError
from motcua.core.net import client_address
from motcua.payments import selectors as payment_selectors
from motcua.payments import services as payment_services
from motcua.payments.receipts import receipt_pdf
from motcua.web.files import file_response

from .common import any_access, owner_access


@login_required
@require_POST
def pay(request: HttpRequest, code: str) -> HttpResponse:
    """Create the pending payment and send the citizen to the gateway's payer page."""
    access = owner_access(request, code)
    try:
        url = payment_services.start_online_payment(
            dossier_id=access.dossier.pk,
            user=request.user,
            client_ip=client_address(request),
            return_url=request.build_absolute_uri(reverse("portal:payment_returned")),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("portal:dossier", code=code)
    return redirect(url)


def returned(request: HttpRequest) -> HttpResponse:
    """Where the gateway sends the payer back. What it shows comes from the verified callback, never
    from the query string (which anyone can type)."""
    payment = payment_services.payment_for_return(request.GET.get("orderId", ""))
    if payment is not None:
        try:
            access = any_access(request, payment.dossier.code)
        except Http404:
            payment = None
        else:
            payment.dossier = access.dossier
    return render(request, "portal/payments/returned.html", {"payment": payment})


def receipt(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """The e-receipt of a payment of the dossier, for the applicant or whoever proved its lookup secret."""
    access = any_access(request, code)
    payment = payment_selectors.payment_by_receipt(access.dossier, number)
    if payment is None:
        raise Http404
    return file_response(
        receipt_pdf(payment),
        filename=f"bien-lai-{payment.receipt_number}.pdf",
        content_type="application/pdf",
    )
