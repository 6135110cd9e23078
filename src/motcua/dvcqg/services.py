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
from django.utils.translation import gettext

from motcua.core.errors import NotFound
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier, DossierEvent

from . import body as bodies
from . import checks, client, conf
from .models import Reconciliation, SyncOutbox

log = logging.getLogger(__name__)
Kind = DossierEvent.Kind

# Events that change nothing the portal holds are not queued.
# A peer instance's report on a dossier handed to it changes nothing the portal shows.
NOT_SYNCED = frozenset({Kind.OWNER_LINKED, Kind.PEER_STATUS})

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
    if conf.url() and conf.use_tasks():
        transaction.on_commit(_enqueue_delivery)
    return row


def _enqueue_delivery(run_after: datetime | None = None) -> None:
    from .tasks import deliver_sync

    try:
        (deliver_sync.using(run_after=run_after) if run_after else deliver_sync).enqueue()
    except Exception as exc:  # a queue that is down must not fail the officer's action; `dvcqg run` sweeps
        log.warning("dvcqg: could not enqueue the delivery task: %s", exc)


def paper_result(dossier: Dossier) -> bool:
    """The procedure yields a paper result (then a returned dossier must carry its electronic copy)."""
    return dossier.procedure_version.procedure.code not in conf.resultless_procedures()


def preview(code: str) -> dict[str, Any]:
    """The body that would be sent for the dossier now (`motcua dvcqg preview CODE`)."""
    dossier_id = Dossier.objects.filter(code=code).values_list("pk", flat=True).first()
    if dossier_id is None:
        raise NotFound(gettext("Không có hồ sơ mã %(code)s.") % {"code": code})
    return bodies.build(bodies.load(dossier_id))


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
    *,
    now: datetime | None = None,
    limit: int = 500,
    batch: int | None = None,
    send: Sender = client.send_dossiers,
) -> DeliveryReport:
    """Send the latest body of every dossier with rows due, once per dossier, `batch` bodies per call;
    retry failures later with a doubling wait."""
    report = DeliveryReport()
    now = now or timezone.now()
    batch = batch or conf.batch_size()
    claimed: dict[int, list[int]] = defaultdict(list)
    for dossier_id, pk in SyncOutbox.objects.filter(pk__in=_claim(now, limit)).values_list(
        "dossier_id", "id"
    ):
        claimed[dossier_id].append(pk)
    if not claimed:
        return report
    dossiers = bodies.load_many(claimed)
    directory = bodies.directory_for(dossiers)
    # Every row of a dossier waiting now is covered by its body (built from the whole history).
    covered: dict[int, dict[int, int]] = defaultdict(dict)  # dossier -> {row: event seq}
    full: set[int] = set()
    versions = {d.pk: d.version for d in dossiers}
    waiting = SyncOutbox.objects.filter(dossier_id__in=claimed, state=SyncOutbox.State.PENDING)
    for pk, dossier_id, seq, is_full in waiting.values_list("pk", "dossier_id", "event_seq", "full"):
        if seq <= versions.get(dossier_id, 0) or pk in claimed[dossier_id]:
            covered[dossier_id][pk] = seq
            if is_full:
                full.add(dossier_id)
    updating = set(
        SyncOutbox.objects.filter(dossier_id__in=claimed, state=SyncOutbox.State.SENT).values_list(
            "dossier_id", flat=True
        )
    )
    ready: list[Outgoing] = []
    layout, progress_layout = conf.date_format(), conf.progress_date_format()
    for dossier in dossiers:
        rows = covered[dossier.pk] or dict.fromkeys(claimed[dossier.pk], dossier.version)
        try:
            body = bodies.build(dossier, date_format=layout)
            checks.check(body, date_format=layout, paper_result=paper_result(dossier))
        except checks.InvalidBody as exc:
            _fail(list(rows), exc.message, now=now, permanent=True, reply=None)
            report.failed += 1
            report.errors.append(exc.message)
            log.warning("dvcqg: %s", exc.message)
            continue
        progress = bodies.progress_rows(
            dossier,
            seqs=None if dossier.pk in full else set(rows.values()),
            date_format=progress_layout,
            directory=directory,
        )
        ready.append(
            Outgoing(dossier.code, rows, body, progress, dossier.pk in updating or dossier.pk in full)
        )
    for is_update in (False, True):
        group = [o for o in ready if o.updating == is_update]
        for first in range(0, len(group), batch):
            _send_batch(group[first : first + batch], now=now, send=send, report=report)
    return report


@dataclass
class Outgoing:
    code: str
    rows: dict[int, int]  # outbox row -> event seq
    body: dict[str, Any]
    progress: list[dict[str, Any]]
    updating: bool


def _send_batch(items: list[Outgoing], *, now: datetime, send: Sender, report: DeliveryReport) -> None:
    try:
        reply = send(
            [o.body for o in items],
            updating=items[0].updating,
            progress=[r for o in items for r in o.progress],
        )
    except client.DeliveryError as exc:
        if exc.permanent and len(items) > 1:
            # One refused body must not hold back the others: send them one by one to find it.
            for item in items:
                _send_batch([item], now=now, send=send, report=report)
            return
        ids = [pk for o in items for pk in o.rows]
        attempts = max(SyncOutbox.objects.filter(pk__in=ids).values_list("attempts", flat=True)) + 1
        permanent = exc.permanent or attempts >= conf.max_attempts()
        codes = ", ".join(o.code for o in items[:5]) + (" …" if len(items) > 5 else "")
        _fail(ids, f"Hồ sơ {codes}: {exc.message}", now=now, permanent=permanent, reply=exc.reply)
        if permanent:
            report.failed += len(items)
        else:
            report.retried += len(items)
        report.errors.append(exc.message)
        return
    sent_at = timezone.now()
    with transaction.atomic():
        for item in items:
            leader = max(item.rows, key=lambda pk: (item.rows[pk], pk))
            SyncOutbox.objects.filter(pk=leader).update(
                state=SyncOutbox.State.SENT,
                attempts=F("attempts") + 1,
                sent_at=sent_at,
                body=item.body,
                reply=reply,
                last_error="",
                coalesced_into=None,
            )
            others = [pk for pk in item.rows if pk != leader]
            if others:
                SyncOutbox.objects.filter(pk__in=others).update(
                    state=SyncOutbox.State.SENT, sent_at=sent_at, last_error="", coalesced_into_id=leader
                )
            report.closed += len(item.rows)
    report.sent += len(items)


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
