"""Wiring: dossier events and exchange signals to `services` (connected in `apps.ready`)."""

from __future__ import annotations

import logging
from typing import Any

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.signals import dossier_event_recorded
from motcua.exchange import signals as exchange_signals
from motcua.exchange.models import InboxDocument, ReceivedStatus

from . import services

log = logging.getLogger(__name__)
Kind = DossierEvent.Kind
# Events an incoming dossier reports to its origin (see services.report_progress).
REPORTED = frozenset({*services.PROGRESS, *services.ENDINGS, Kind.RETURNED})


def on_dossier_event(sender: Any, *, dossier: Dossier, event: DossierEvent, **_: Any) -> None:
    """In the event's transaction: a hand-over to a peer's stand-in sends the dossier; a withdrawal
    asked while a peer holds it recalls it; an incoming dossier's progress goes back to its origin."""
    kind = event.kind
    if kind == Kind.TRANSFERRED:
        to_agency, from_agency = event.payload.get("to_agency_id"), event.payload.get("from_agency_id")
        if to_agency != from_agency:
            remote = services.peer_of(to_agency)
            if remote is not None:
                services.hand_over_to_peer(dossier, event, remote)
                return
    if kind == Kind.WITHDRAWAL_REQUESTED:
        services.recall_from_peer(dossier, event)
        return
    if kind in REPORTED:
        services.report_progress(dossier, event)


def on_status(sender: Any, *, status: ReceivedStatus, created: bool, **_: Any) -> None:
    if created:
        services.record_status(status)


def on_accepted(sender: Any, *, message: InboxDocument, **_: Any) -> None:
    try:
        services.on_accepted(message)
    except Exception:  # after the commit: the inbox row stays, the sender gets no 03 until re-run
        log.exception("interagency: could not take inbox document %s", message.pk)


def on_recalled(sender: Any, *, message: InboxDocument, **_: Any) -> None:
    services.stop_recalled(message)


def connect() -> None:
    dossier_event_recorded.connect(on_dossier_event, sender=Dossier, dispatch_uid="interagency-events")
    exchange_signals.status_received.connect(on_status, dispatch_uid="interagency-status")
    exchange_signals.edoc_accepted.connect(on_accepted, dispatch_uid="interagency-accepted")
    exchange_signals.edoc_recalled.connect(on_recalled, dispatch_uid="interagency-recalled")
