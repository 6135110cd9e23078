"""Every write of the DVCQG sync: queue an event, deliver what is due, re-sync a period, reconcile a day.

Delivery is at least once: rows are claimed by moving their next attempt a lease ahead in a short
transaction, the body is built and sent outside any transaction, and only the portal's "0" closes
them. A worker killed mid-send leaves its rows pending; they are sent again when the lease runs out.
The national side keys dossiers by MaHoSo, so sending the same body twice changes nothing there.
"""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from motcua.core.errors import NotFound
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier, DossierEvent

from . import body as bodies
from . import checks, client, conf
from .models import Reconciliation, SyncOutbox

log = logging.getLogger(__name__)
Kind = DossierEvent.Kind

# Events that change nothing the portal holds are not queued.
NOT_SYNCED = frozenset({Kind.OWNER_LINKED})

Sender = Callable[..., dict[str, Any]]


def backoff_seconds(attempts: int, *, base: float, cap: float, jitter: float = 0.0) -> float:
    """Seconds before attempt `attempts + 1`: doubling from `base`, capped, less up to a quarter (jitter)."""
    if attempts <= 0:
        return 0.0
    return min(cap, base * 2 ** min(attempts - 1, 32)) * (1.0 - 0.25 * jitter)


def record_event(sender: Any, *, dossier: Dossier, event: DossierEvent, **_: Any) -> SyncOutbox | None:
    """Queue the event for the portal, in the transaction that records it (dossier_event_recorded)."""
    if event.kind in NOT_SYNCED:
        return None
    row = SyncOutbox.objects.create(dossier=dossier, event_seq=event.seq, event_kind=event.kind)
    if conf.url():
        transaction.on_commit(_enqueue_delivery)
    return row


def _enqueue_delivery(run_after: datetime | None = None) -> None:
    from .tasks import deliver_sync

    try:
        (deliver_sync.using(run_after=run_after) if run_after else deliver_sync).enqueue()
    except Exception:  # a queue that is down must not fail the officer's action; `dvcqg run` sweeps
        log.exception("dvcqg: could not enqueue the delivery task")


def paper_result(dossier: Dossier) -> bool:
    """The procedure yields a paper result (then a returned dossier must carry its electronic copy)."""
    return dossier.procedure_version.procedure.code not in conf.resultless_procedures()


def preview(code: str) -> dict[str, Any]:
    """The body that would be sent for the dossier now (`motcua dvcqg preview CODE`)."""
    dossier_id = Dossier.objects.filter(code=code).values_list("pk", flat=True).first()
    if dossier_id is None:
        raise NotFound(f"Không có hồ sơ mã {code}.")
    return bodies.build(bodies.load(dossier_id))


def validated_body(dossier: Dossier) -> dict[str, Any]:
    """The body, checked; InvalidBody names the dossier and the field when it would go wrong."""
    layout = conf.date_format()
    result = bodies.build(dossier, date_format=layout)
    checks.check(result, date_format=layout, paper_result=paper_result(dossier))
    return result


@dataclass
class DeliveryReport:
    sent: int = 0  # dossiers whose body went through
    closed: int = 0  # outbox rows closed by those sends (several per dossier when coalesced)
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _claim(now: datetime, limit: int) -> list[int]:
    with transaction.atomic():
        rows = SyncOutbox.objects.filter(state=SyncOutbox.State.PENDING, next_attempt_at__lte=now)
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit])
        SyncOutbox.objects.filter(pk__in=ids).update(next_attempt_at=now + conf.lease())
    return ids


def deliver_due(
    *, now: datetime | None = None, limit: int = 200, send: Sender = client.send_dossier
) -> DeliveryReport:
    """Send the latest body of every dossier with rows due, once per dossier; retry failures later."""
    report = DeliveryReport()
    now = now or timezone.now()
    claimed = SyncOutbox.objects.filter(pk__in=_claim(now, limit)).values_list("dossier_id", "id")
    by_dossier: dict[int, list[int]] = defaultdict(list)
    for dossier_id, pk in claimed:
        by_dossier[dossier_id].append(pk)
    for dossier_id, ids in by_dossier.items():
        _deliver_one(dossier_id, ids, now=now, send=send, report=report)
    return report


def _deliver_one(
    dossier_id: int, ids: list[int], *, now: datetime, send: Sender, report: DeliveryReport
) -> None:
    dossier = bodies.load(dossier_id)
    # Every row of the dossier waiting now is covered by this body (it is built from the whole history).
    waiting = SyncOutbox.objects.filter(
        dossier_id=dossier_id, state=SyncOutbox.State.PENDING, event_seq__lte=dossier.version
    )
    covered = dict(waiting.values_list("pk", "event_seq"))
    covered.update(SyncOutbox.objects.filter(pk__in=ids).values_list("pk", "event_seq"))
    leader = max(covered, key=lambda pk: (covered[pk], pk))
    full = SyncOutbox.objects.filter(pk__in=covered, full=True).exists()
    updating = SyncOutbox.objects.filter(dossier_id=dossier_id, state=SyncOutbox.State.SENT).exists()
    try:
        body = validated_body(dossier)
        progress = bodies.progress_rows(dossier, seqs=None if full else set(covered.values()))
        reply = send(body, updating=updating or full, progress=progress)
    except checks.InvalidBody as exc:
        _fail(ids, exc.message, now=now, permanent=True, reply=None)
        report.failed += 1
        report.errors.append(exc.message)
        log.warning("dvcqg: %s", exc.message)
        return
    except client.DeliveryError as exc:
        attempts = max(SyncOutbox.objects.filter(pk__in=ids).values_list("attempts", flat=True)) + 1
        permanent = exc.permanent or attempts >= conf.max_attempts()
        _fail(ids, f"Hồ sơ {dossier.code}: {exc.message}", now=now, permanent=permanent, reply=exc.reply)
        if permanent:
            report.failed += 1
        else:
            report.retried += 1
        report.errors.append(exc.message)
        return
    sent_at = timezone.now()
    with transaction.atomic():
        SyncOutbox.objects.filter(pk=leader).update(
            state=SyncOutbox.State.SENT,
            attempts=F("attempts") + 1,
            sent_at=sent_at,
            body=body,
            reply=reply,
            last_error="",
            coalesced_into=None,
        )
        others = [pk for pk in covered if pk != leader]
        SyncOutbox.objects.filter(pk__in=others).update(
            state=SyncOutbox.State.SENT, sent_at=sent_at, last_error="", coalesced_into_id=leader
        )
    report.sent += 1
    report.closed += len(covered)


def _fail(ids: list[int], text: str, *, now: datetime, permanent: bool, reply: Any) -> None:
    base, cap = conf.backoff()
    for pk, attempts in SyncOutbox.objects.filter(pk__in=ids).values_list("pk", "attempts"):
        delay = backoff_seconds(attempts + 1, base=base, cap=cap, jitter=random.random())  # noqa: S311
        SyncOutbox.objects.filter(pk=pk).update(
            attempts=attempts + 1,
            last_error=text[:4000],
            reply=reply,
            next_attempt_at=now + timedelta(seconds=delay),
            state=SyncOutbox.State.FAILED if permanent else SyncOutbox.State.PENDING,
        )


def next_due() -> datetime | None:
    """When the earliest pending row falls due (the task re-enqueues itself for then)."""
    return (
        SyncOutbox.objects.filter(state=SyncOutbox.State.PENDING)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )


def retry_failed(*, ids: list[int] | None = None) -> int:
    """Put failed rows back in the queue (after the data or the configuration was fixed)."""
    rows = SyncOutbox.objects.filter(state=SyncOutbox.State.FAILED)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(state=SyncOutbox.State.PENDING, next_attempt_at=timezone.now(), attempts=0)


def _day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end + 1 day 00:00) in Vietnamese local time."""
    return (
        datetime.combine(start, time.min, tzinfo=VN_TZ),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=VN_TZ),
    )


def resync(*, start: date, end: date) -> int:
    """Queue a full re-sync of every dossier submitted or received in [start, end] (local dates)."""
    low, high = _day_bounds(start, end)
    dossiers = Dossier.objects.filter(submitted_at__gte=low, submitted_at__lt=high) | Dossier.objects.filter(
        received_at__gte=low, received_at__lt=high
    )
    count = 0
    now = timezone.now()
    for dossier_id, version in dossiers.order_by("pk").values_list("pk", "version").iterator(chunk_size=2000):
        with transaction.atomic():
            SyncOutbox.objects.update_or_create(
                dossier_id=dossier_id,
                event_seq=version,
                defaults={
                    "state": SyncOutbox.State.PENDING,
                    "next_attempt_at": now,
                    "full": True,
                    "coalesced_into": None,
                    "last_error": "",
                },
                create_defaults={"event_kind": "resync", "full": True, "next_attempt_at": now},
            )
        count += 1
    if count and conf.url():
        transaction.on_commit(_enqueue_delivery)
    return count


def reconcile(*, day: date) -> Reconciliation:
    """Compare the dossiers received on `day` (local date) with those whose reception reached the
    portal (index 1.4), and record the result; the codes still missing are listed."""
    low, high = _day_bounds(day, day)
    received = dict(
        DossierEvent.objects.filter(
            kind=Kind.RECEIVED, dossier__received_at__gte=low, dossier__received_at__lt=high
        )
        .values_list("dossier_id")
        .annotate(seq=Max("seq"))
    )
    sent = dict(
        SyncOutbox.objects.filter(dossier_id__in=received, state=SyncOutbox.State.SENT)
        .values_list("dossier_id")
        .annotate(seq=Max("event_seq"))
    )
    missing_ids = [d for d, seq in received.items() if sent.get(d, 0) < seq]
    missing = sorted(Dossier.objects.filter(pk__in=missing_ids).values_list("code", flat=True))
    row, _created = Reconciliation.objects.update_or_create(
        day=day,
        defaults={
            "local_count": len(received),
            "synced_count": len(received) - len(missing_ids),
            "missing": missing[:1000],
            "checked_at": timezone.now(),
        },
    )
    return row
