"""The daily reconciliation: payments recorded here against the gateway's transaction list.

`compare` is pure (tested on its own); `reconcile` reads our payments of the day that the officer
may see and fetches the gateway's list (`GET <gateway>/doi-soat?ngay=YYYY-MM-DD&partnerCode=..&checksum=..`,
the sandbox's form of the platform's reconciliation file, whose real format is not public).
"""

from __future__ import annotations

import json
import logging
import urllib.request
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from motcua.dossiers.selectors import visible_dossiers

from . import conf, gateway
from .fees import money
from .models import Payment
from .selectors import paid_on, refused_messages_on

log = logging.getLogger("motcua.payments")
RECONCILE_FIELDS = ("partnerCode", "ngay")


@dataclass(frozen=True)
class Row:
    order_id: str
    transaction_no: str
    ours: int | None  # the amount recorded here (None: not recorded)
    theirs: int | None  # the amount at the gateway (None: not in its list)
    dossier_code: str = ""

    @property
    def verdict(self) -> str:
        if self.ours is None:
            return "missing_here"
        if self.theirs is None:
            return "missing_at_gateway"
        return "match" if self.ours == self.theirs else "amount_differs"

    @property
    def ours_text(self) -> str:
        return money(self.ours) if self.ours is not None else "—"

    @property
    def theirs_text(self) -> str:
        return money(self.theirs) if self.theirs is not None else "—"


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    counter: list[Payment] = field(default_factory=list)
    gateway_error: str = ""
    unknown_at_gateway: int = 0  # paid at the gateway for orders we never issued (or cannot show)
    refused_messages: int = 0

    @property
    def problems(self) -> list[Row]:
        return [r for r in self.rows if r.verdict != "match"]

    @property
    def online_total(self) -> str:
        return money(sum(r.ours or 0 for r in self.rows))

    @property
    def counter_total(self) -> str:
        return money(sum(p.amount for p in self.counter))


def compare(
    ours: list[Payment], theirs: list[dict[str, Any]], visible_orders: set[str]
) -> tuple[list[Row], int]:
    """Match by transactionNo. The gateway's failed transactions are ignored (no money moved)."""
    rows: list[Row] = []
    by_tx = {p.transaction_no: p for p in ours}
    seen: set[str] = set()
    unknown = 0
    for t in theirs:
        if str(t.get("errorCode")) != gateway.PAID:
            continue
        tx = str(t.get("transactionNo", ""))
        mine = by_tx.get(tx)
        if mine is None:
            order = str(t.get("orderId", ""))
            if order not in visible_orders:
                unknown += 1
                continue
            rows.append(Row(order, tx, None, int(t.get("amount", 0)), ""))
            continue
        seen.add(tx)
        rows.append(Row(mine.order_id, tx, mine.amount, int(t.get("amount", 0)), mine.dossier.code))
    for p in ours:
        if p.transaction_no not in seen:
            rows.append(Row(p.order_id, p.transaction_no or "", p.amount, None, p.dossier.code))
    return rows, unknown


def gateway_transactions(day: date) -> list[dict[str, Any]]:
    query: dict[str, Any] = {"partnerCode": conf.partner_code(), "ngay": day.isoformat()}
    query["checksum"] = gateway.checksum(query, RECONCILE_FIELDS, conf.secret())
    url = f"{conf.gateway_url()}/doi-soat?{urlencode(query)}"
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (the configured gateway)
        data = json.loads(response.read(2_000_000))
    return list(data.get("transactions", []))


def reconcile(day: date, *, user: Any) -> Report:
    payments = paid_on(day)
    shown = set(
        visible_dossiers(user).filter(pk__in={p.dossier_id for p in payments}).values_list("pk", flat=True)
    )
    mine = [p for p in payments if p.dossier_id in shown]
    online = [p for p in mine if p.channel == Payment.Channel.ONLINE]
    report = Report(counter=[p for p in mine if p.channel == Payment.Channel.COUNTER])
    report.refused_messages = len(refused_messages_on(day))
    theirs: list[dict[str, Any]] = []
    if conf.online_enabled():
        try:
            theirs = gateway_transactions(day)
        except (OSError, ValueError) as exc:
            log.warning("reconciliation: the gateway's list for %s could not be read: %s", day, exc)
            report.gateway_error = str(exc)
    orders = {str(t.get("orderId", "")) for t in theirs}
    visible_orders = set(
        Payment.objects.filter(
            order_id__in=orders, dossier__in=visible_dossiers(user).values("pk")
        ).values_list("order_id", flat=True)
    )
    report.rows, report.unknown_at_gateway = compare(online, theirs, visible_orders)
    return report
