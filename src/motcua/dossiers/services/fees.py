"""Fees paid: a side event in the dossier's history, one per payment.

Online, the gateway's callback is the only witness: there is no user to authorise, the checksum
verified by `payments.services` is the authorisation, so that door locks the row with
`lock_for_payment`. At the counter, `payments.services.record_counter_payment` locks it with
`lock_for(Action.RECORD_PAYMENT, ...)`, which checks the officer against the table of actions.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..models import Dossier, DossierEvent
from ._base import Kind, _lock, _record


def lock_for_payment(dossier_id: int) -> Dossier:
    """Lock the dossier for a payment the gateway confirmed (checksum verified by the caller)."""
    return _lock(dossier_id, None)


def record_fee_paid(
    dossier: Dossier, *, actor: Any, payload: dict[str, Any], note: str = "", at: datetime | None = None
) -> DossierEvent:
    """Append the `fee_paid` event to a dossier locked by the caller, in the caller's transaction.

    It moves no state and no deadline; it may be written after the end too (money received is a
    fact to record whatever became of the dossier).
    """
    return _record(
        dossier, actor=actor, kind=Kind.FEE_PAID, to_state=dossier.state, at=at, note=note, payload=payload
    )


def record_exemption_decision(
    dossier: Dossier,
    *,
    actor: Any,
    accepted: bool,
    payload: dict[str, Any],
    note: str = "",
    at: datetime | None = None,
) -> DossierEvent:
    """Append the officer's decision on the claimed fee exemption (the caller locked and authorised;
    `dossier.fee_exemption_status` is set by the caller and saved here with the event)."""
    return _record(
        dossier,
        actor=actor,
        kind=Kind.EXEMPTION_CONFIRMED if accepted else Kind.EXEMPTION_REJECTED,
        to_state=dossier.state,
        at=at,
        note=note,
        payload=payload,
    )
