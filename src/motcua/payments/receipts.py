"""The e-receipt (biên lai điện tử) of a paid payment, as PDF in the printed forms' look."""

from __future__ import annotations

from motcua.printing.render import qr_data_uri, render_pdf

from .models import Payment
from .selectors import receipt_context


def receipt_pdf(payment: Payment) -> bytes:
    context = receipt_context(payment)
    context["qr"] = qr_data_uri(f"{payment.receipt_number}|{payment.dossier.code}|{payment.amount}")
    return render_pdf("payments/receipt.html", context)
