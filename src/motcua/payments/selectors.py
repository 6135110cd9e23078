"""Reads: what a dossier owes and has paid, for the portal, the back office, the sync and the gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Sum

from motcua.catalog.models import Fee, FeeExemption, ProcedureVersion
from motcua.core.prepared import Prepared
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier, ExemptionStatus
from motcua.dossiers.states import TERMINAL

from . import conf
from .fees import Quote, money, quote
from .models import GatewayMessage, Payment

# Read on every dossier page: prepared (`core.prepared`), in the related managers' order.
_FEES: Prepared[Fee] = Prepared(lambda version_id: Fee.objects.filter(version_id=version_id), version_id=int)
_EXEMPTIONS: Prepared[FeeExemption] = Prepared(
    lambda version_id: FeeExemption.objects.filter(version_id=version_id), version_id=int
)
_PAYMENTS: Prepared[Payment] = Prepared(
    lambda dossier_id: (
        Payment.objects.filter(dossier_id=dossier_id)
        .exclude(status=Payment.Status.PENDING)
        .select_related("officer")
    ),
    dossier_id=int,
)


def version_quote(version: ProcedureVersion, *, exemption_id: int | None = None) -> Quote:
    """The fees of a procedure version (two queries; prefetched rows are used when present)."""
    prefetched = getattr(version, "_prefetched_objects_cache", {})
    fees = version.fees.all() if "fees" in prefetched else _FEES.all(version_id=version.pk)
    exemptions = (
        version.fee_exemptions.all()
        if "fee_exemptions" in prefetched
        else _EXEMPTIONS.all(version_id=version.pk)
    )
    return quote(fees, exemptions, exemption_id=exemption_id)


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
    payments = _PAYMENTS.all(dossier_id=dossier.pk)
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
