"""Reads: what a dossier owes and has paid, for the portal, the back office, the sync and the gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Sum

from motcua.catalog.models import ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier, ExemptionStatus
from motcua.dossiers.states import TERMINAL

from . import conf
from .fees import Quote, money, quote
from .models import GatewayMessage, Payment


def version_quote(version: ProcedureVersion, *, exemption_id: int | None = None) -> Quote:
    """The fees of a procedure version (two queries; prefetched rows are used when present)."""
    return quote(version.fees.all(), version.fee_exemptions.all(), exemption_id=exemption_id)


def applied_exemption_id(dossier: Dossier) -> int | None:
    """The exemption the quote applies: the applicant's claim while it stands (claimed or confirmed)."""
    if dossier.fee_exemption_status in (ExemptionStatus.CLAIMED, ExemptionStatus.CONFIRMED):
        return dossier.fee_exemption_id
    return None


def dossier_quote(dossier: Dossier) -> Quote:
    """What the dossier owes in all: the standard fees, or what its standing exemption claim leaves."""
    return version_quote(dossier.procedure_version, exemption_id=applied_exemption_id(dossier))


def paid_total(dossier: Dossier) -> int:
    total = Payment.objects.filter(dossier=dossier, status=Payment.Status.PAID).aggregate(s=Sum("amount"))[
        "s"
    ]
    return int(total or 0)


@dataclass(frozen=True)
class FeeSummary:
    """What a page shows about a dossier's fees."""

    quote: Quote
    paid: int
    payments: list[Payment] = field(default_factory=list)
    # The applicant's claim of an exemption, as the procedure words it, and where it stands.
    claim: str = ""
    claim_status: str = ""
    claim_status_text: str = ""

    @property
    def outstanding(self) -> int:
        return max(0, self.quote.total - self.paid)

    @property
    def paid_text(self) -> str:
        return money(self.paid)

    @property
    def outstanding_text(self) -> str:
        return money(self.outstanding)

    @property
    def has_fees(self) -> bool:
        return bool(self.quote.lines) or bool(self.payments)


def fee_summary(dossier: Dossier) -> FeeSummary:
    payments = list(
        Payment.objects.filter(dossier=dossier)
        .exclude(status=Payment.Status.PENDING)
        .select_related("officer")
    )
    paid = sum(p.amount for p in payments if p.status == Payment.Status.PAID)
    claim = dossier.fee_exemption.description if dossier.fee_exemption is not None else ""
    status = dossier.fee_exemption_status if claim else ""
    return FeeSummary(
        dossier_quote(dossier),
        paid,
        payments,
        claim=claim,
        claim_status=status,
        claim_status_text=str(ExemptionStatus(status).label) if status else "",
    )


def outstanding(dossier: Dossier) -> int:
    return max(0, dossier_quote(dossier).total - paid_total(dossier))


def may_pay_online(dossier: Dossier) -> bool:
    """Online payment is configured, the dossier is still open, and something is owed."""
    return conf.online_enabled() and dossier.state not in TERMINAL and outstanding(dossier) > 0


def paid_online(dossier: Dossier) -> bool:
    """Whether a fee of this dossier was paid through the online gateway (DVCQG `DuocThanhToanTrucTuyen`)."""
    return Payment.objects.filter(
        dossier=dossier, channel=Payment.Channel.ONLINE, status=Payment.Status.PAID
    ).exists()


def payment_by_receipt(dossier: Dossier, receipt_number: str) -> Payment | None:
    return (
        Payment.objects.filter(dossier=dossier, receipt_number=receipt_number, status=Payment.Status.PAID)
        .select_related("dossier__procedure_version", "dossier__receiving_agency", "officer")
        .first()
    )


def payment_by_order(order_id: str) -> Payment | None:
    return Payment.objects.filter(order_id=order_id).select_related("dossier").first()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=VN_TZ)
    return start, start + timedelta(days=1)


def paid_on(day: date, *, channel: str | None = None) -> list[Payment]:
    """Payments settled on a local (Asia/Ho_Chi_Minh) day, oldest first."""
    start, end = day_bounds(day)
    rows = Payment.objects.filter(status=Payment.Status.PAID, paid_at__gte=start, paid_at__lt=end)
    if channel:
        rows = rows.filter(channel=channel)
    return list(rows.select_related("dossier", "officer").order_by("paid_at", "pk"))


def refused_messages_on(day: date) -> list[GatewayMessage]:
    start, end = day_bounds(day)
    return list(
        GatewayMessage.objects.filter(
            received_at__gte=start, received_at__lt=end, outcome=GatewayMessage.Outcome.REJECTED
        ).order_by("received_at")
    )


def receipt_context(payment: Payment) -> dict[str, Any]:
    dossier = payment.dossier
    return {
        "lines": [
            {"name": line.get("name", ""), "amount_text": money(int(line.get("amount", 0)))}
            for line in payment.lines
        ],
        "payment": payment,
        "dossier": dossier,
        "procedure": dossier.procedure_version,
        "agency": dossier.receiving_agency,
    }
