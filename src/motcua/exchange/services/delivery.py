"""The worker's side: seal and send what the outbox holds, poll the axis, retry with back-off.

A message is *claimed* by moving its next attempt a lease ahead in a short transaction; it is then
sealed and sent outside any transaction. A worker that dies mid-send leaves the row pending and it
is sent again when the lease runs out: delivery is at least once, and receivers are idempotent, so
the result is exactly once.
"""

from __future__ import annotations

import functools
import logging
import os
import random
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.antivirus.errors import ScannerUnavailable
from motcua.signatures.selectors import trust_store
from motcua.signatures.services import SYSTEM

from .. import conf, edxml, statuses
from ..errors import DomainError
from ..models import OutboxMessage, Peer
from ..transport import DeliveryError, PermanentDeliveryError
from ..transport.axis import AxisClient
from ..transport.direct import BatchUnsupported, DirectTransport, TlsIdentity
from .receiving import receive_message
from .seal import sign_with_agency_seal

log = logging.getLogger(__name__)

Sender = Callable[[OutboxMessage, bytes], None]
# Several sealed messages to one peer: each message's failure, or None when it was delivered.
BatchSender = Callable[[Peer, list[OutboxMessage], list[bytes]], list[Exception | None]]


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    received: int = 0
    errors: list[str] = field(default_factory=list)


def _direct() -> DirectTransport:
    cert, key, ca = conf.tls_files()
    if not (cert and key and ca):
        raise PermanentDeliveryError(
            "Chưa cấu hình chứng thư TLS (MOTCUA_EXCHANGE_TLS_CERT, _KEY, _CA) cho kết nối trực tiếp."
        )
    return _transport_for(cert, key, ca, *_mtimes(cert, key, ca))


def _mtimes(*paths: str) -> tuple[int, ...]:
    try:
        return tuple(os.stat(p).st_mtime_ns for p in paths)
    except OSError:
        return ()  # the TLS context reports the missing file in its own words


# One TLS context per set of files (and their versions) in the process: building it reads the CA
# bundle and the key each time, for every message.
@functools.lru_cache(maxsize=8)
def _transport_for(cert: str, key: str, ca: str, *_versions: int) -> DirectTransport:
    return DirectTransport(TlsIdentity(cert, key, ca))


def send_over_transport(message: OutboxMessage, payload: bytes) -> None:
    """Hand one sealed message to its peer's transport."""
    peer = message.peer
    if peer.transport == Peer.Transport.DIRECT:
        _direct().send(peer.url, payload, sender=message.agency.code, recipient=message.recipient)
    else:
        client = AxisClient(peer.url, organ_id=message.agency.code, token=conf.axis_token())
        client.send_edoc(payload, message_type=message.kind, to=message.recipient)  # type: ignore[arg-type]


# Peers (by pk and address) whose inbox answered that it takes no batch: sent one by one from then
# on, in this process. Kept a while only: the peer may be upgraded.
_NO_BATCH: dict[tuple[int, str], datetime] = {}
NO_BATCH_FOR = timedelta(hours=1)


def send_batch_over_transport(
    peer: Peer, messages: list[OutboxMessage], payloads: list[bytes]
) -> list[Exception | None]:
    """Hand sealed messages to one peer: a direct peer with a batch inbox takes them in requests of
    at most MOTCUA_EXCHANGE_MAX_BATCH_MESSAGES and _BATCH_BYTES; any other, one by one."""
    outcomes: list[Exception | None] = []
    key = (peer.pk, peer.url)
    refused_at = _NO_BATCH.get(key)
    if peer.transport != Peer.Transport.DIRECT or (
        refused_at is not None and timezone.now() - refused_at < NO_BATCH_FOR
    ):
        for message, payload in zip(messages, payloads, strict=True):
            outcomes.append(_send_one(message, payload))
        return outcomes
    transport = _direct()
    for group in _batches(payloads):
        start = len(outcomes)
        try:
            if len(group) == 1:
                transport.send(
                    peer.url,
                    group[0],
                    sender=messages[start].agency.code,
                    recipient=messages[start].recipient,
                )
                outcomes.append(None)
            else:
                outcomes.extend(transport.send_batch(peer.url, group))
        except BatchUnsupported:
            _NO_BATCH[key] = timezone.now()
            log.info("exchange: peer %s takes no batch; sending one by one", peer.pk)
            for message, payload in zip(messages[start:], payloads[start:], strict=True):
                outcomes.append(_send_one(message, payload))
            return outcomes
        except DeliveryError as exc:  # the request as a whole: every message of it is retried
            outcomes.extend([exc] * len(group))
    return outcomes


def _send_one(message: OutboxMessage, payload: bytes) -> Exception | None:
    try:
        send_over_transport(message, payload)
    except (DeliveryError, DomainError, edxml.EdxmlError) as exc:
        return exc
    return None


def _batches(payloads: list[bytes]) -> list[list[bytes]]:
    count, size = conf.max_batch_messages(), conf.max_batch_bytes()
    groups: list[list[bytes]] = []
    current: list[bytes] = []
    total = 0
    for payload in payloads:
        framed = 4 + len(payload)  # its length prefix counts: the body stays within a proxy's limit
        if current and (len(current) >= count or total + framed > size):
            groups.append(current)
            current, total = [], 0
        current.append(payload)
        total += framed
    if current:
        groups.append(current)
    return groups


def _claim(now: datetime, limit: int) -> list[int]:
    with transaction.atomic():
        rows = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING, next_attempt_at__lte=now)
        if transaction.get_connection().features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        ids = list(rows.order_by("next_attempt_at", "id").values_list("id", flat=True)[:limit])
        OutboxMessage.objects.filter(pk__in=ids).update(next_attempt_at=now + conf.lease())
    return ids


CHUNK = 20  # messages sealed, then sent, then marked together: two commits per chunk, not per message


def _seal_chunk(messages: list[OutboxMessage]) -> dict[int, Exception]:
    """Seal the messages not sealed yet and keep their bytes, in one transaction; the failures by pk.

    Sealed once: every retry sends the very same bytes, so a receiver that got the first copy
    recognises the second. The bytes are committed before anything is sent.
    """
    failures: dict[int, Exception] = {}
    sealed: list[OutboxMessage] = []
    trust: tuple[list[Any], list[Any]] | None = None  # read once for the chunk's checks before sending
    seals: dict[int, Any] = {}  # each agency's seal record, read once for the chunk
    for message in messages:
        if message.signed is not None:
            continue
        try:
            if trust is None:
                trust = trust_store()
            message.signed = sign_with_agency_seal(
                actor=SYSTEM, agency_id=message.agency_id, xml=bytes(message.xml), trust=trust, seals=seals
            )
        except (DeliveryError, DomainError, edxml.EdxmlError) as exc:
            failures[message.pk] = exc
            continue
        sealed.append(message)
    if sealed:
        with transaction.atomic():
            for message in sealed:
                if not OutboxMessage.objects.filter(pk=message.pk, signed__isnull=True).update(
                    signed=message.signed
                ):
                    message.refresh_from_db(fields=["signed"])  # another worker sealed it first
    return failures


def _record_failure(message: OutboxMessage, exc: Exception, now: datetime, report: DeliveryReport) -> None:
    base, cap = conf.backoff()
    attempts = message.attempts + 1
    text = getattr(exc, "message", None) or str(exc)
    permanent = getattr(exc, "permanent", False) or attempts >= conf.max_attempts()
    delay = statuses.backoff_seconds(attempts, base=base, cap=cap, jitter=random.random())  # noqa: S311
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=F("attempts") + 1,
        last_error=text[:2000],
        next_attempt_at=now + timedelta(seconds=delay),
        state=OutboxMessage.State.FAILED if permanent else OutboxMessage.State.PENDING,
    )
    if permanent:
        report.failed += 1
        log.warning("exchange: message %s to %s failed for good: %s", message.pk, message.recipient, text)
    else:
        report.retried += 1
    report.errors.append(text)


def deliver_due(
    *,
    now: datetime | None = None,
    limit: int = 100,
    send: Sender | None = None,
    send_batch: BatchSender | None = None,
) -> DeliveryReport:
    """Send the messages whose time has come; each failure is retried later, doubling the wait.

    The claimed messages go in chunks: sealed (and their bytes committed), sent per peer in batch
    requests over the transport's kept connection (`send_batch`; or one by one with `send`), then
    marked sent in one update. A worker that dies after sending
    and before marking leaves them pending: they are sent again when the lease runs out, and the
    receivers, idempotent, recognise them.
    """
    if send is not None:
        one = send

        def send_batch(
            peer: Peer, messages: list[OutboxMessage], payloads: list[bytes]
        ) -> list[Exception | None]:
            outcomes: list[Exception | None] = []
            for message, payload in zip(messages, payloads, strict=True):
                try:
                    one(message, payload)
                    outcomes.append(None)
                except (DeliveryError, DomainError, edxml.EdxmlError) as exc:
                    outcomes.append(exc)
            return outcomes

    batch_sender: BatchSender = send_batch or send_batch_over_transport
    # With the transport's own sender (no DB, kept connections per thread), chunk k travels in the
    # sending thread while this one seals chunk k+1: the peer's verifying and the sealing here
    # overlap instead of taking turns. Chunks still leave one after the other, in order.
    pipelined = send is None and send_batch is None
    report = DeliveryReport()
    now = now or timezone.now()
    claimed = _claim(now, limit)
    by_pk = OutboxMessage.objects.select_related("peer", "agency").in_bulk(claimed)
    messages = [by_pk[pk] for pk in claimed if pk in by_pk]
    in_flight: tuple[list[OutboxMessage], dict[int, Exception], Future[dict[int, Exception]]] | None = None
    for offset in range(0, len(messages), CHUNK):
        chunk = messages[offset : offset + CHUNK]
        failures: dict[int, Exception] = dict(_seal_chunk(chunk))
        by_peer = _by_peer(chunk, failures)
        if not pipelined:
            failures.update(_send_groups(batch_sender, by_peer))
            _settle(chunk, failures, now, report)
            continue
        if in_flight is not None:
            _settle(in_flight[0], {**in_flight[1], **in_flight[2].result()}, now, report)
        in_flight = (chunk, failures, _sending_thread().submit(_send_groups, batch_sender, by_peer))
    if in_flight is not None:
        _settle(in_flight[0], {**in_flight[1], **in_flight[2].result()}, now, report)
    return report


@functools.cache
def _sending_thread() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="exchange-send")


def _by_peer(chunk: list[OutboxMessage], failures: dict[int, Exception]) -> dict[int, list[OutboxMessage]]:
    """The chunk's sealed messages by peer; a message left unsealed joins `failures`."""
    by_peer: dict[int, list[OutboxMessage]] = {}
    for message in chunk:
        if message.pk in failures:
            continue
        if message.signed is None:  # pragma: no cover  (sealed just before)
            failures[message.pk] = DeliveryError("Thông điệp chưa được đóng dấu.")
            continue
        by_peer.setdefault(message.peer_id, []).append(message)
    return by_peer


def _send_groups(batch_sender: BatchSender, by_peer: dict[int, list[OutboxMessage]]) -> dict[int, Exception]:
    """Send each peer's messages; the failures by pk."""
    failures: dict[int, Exception] = {}
    for group in by_peer.values():
        outcomes = batch_sender(group[0].peer, group, [bytes(m.signed) for m in group])  # type: ignore[arg-type]
        for message, outcome in zip(group, outcomes, strict=True):
            if outcome is not None:
                failures[message.pk] = outcome
    return failures


def _settle(
    chunk: list[OutboxMessage], failures: dict[int, Exception], now: datetime, report: DeliveryReport
) -> None:
    """Record the chunk's failures for a later attempt and mark the rest sent, in one update."""
    sent: list[int] = []
    for message in chunk:
        failure = failures.get(message.pk)
        if failure is not None:
            _record_failure(message, failure, now, report)
            continue
        sent.append(message.pk)
    if sent:
        OutboxMessage.objects.filter(pk__in=sent).update(
            attempts=F("attempts") + 1,
            state=OutboxMessage.State.SENT,
            sent_at=timezone.now(),
            last_error="",
        )
        report.sent += len(sent)


def retry_failed(*, ids: list[int] | None = None) -> int:
    """Put failed messages back in the queue (after a peer's configuration was fixed)."""
    rows = OutboxMessage.objects.filter(state=OutboxMessage.State.FAILED)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return rows.update(state=OutboxMessage.State.PENDING, next_attempt_at=timezone.now(), attempts=0)


def poll_axis(peer: Peer, *, client: AxisClient | None = None) -> DeliveryReport:
    """Fetch what waits for us on the axis, receive it, then acknowledge it `done` (or `fail`).

    The acknowledgement comes after our own commit: if we crash between the two, the axis offers
    the message again and receiving it twice changes nothing.
    """
    report = DeliveryReport()
    client = client or AxisClient(peer.url, organ_id="", token=conf.axis_token())
    for message_type in ("edoc", "status"):
        for waiting in client.received(message_type):  # type: ignore[arg-type]
            try:
                data = client.get(waiting.id)
                receive_message(data, transport=Peer.Transport.AXIS)
            except ScannerUnavailable as exc:  # the virus scanner is down: leave it waiting on the axis
                report.errors.append(exc.message)
                continue
            except (DomainError, edxml.EdxmlError) as exc:
                # unreadable, unknown sender, nobody here: the axis should know we will not take it
                report.errors.append(getattr(exc, "message", str(exc)))
                client.acknowledge(waiting.id, "fail")
                continue
            client.acknowledge(waiting.id, "done")
            report.received += 1
    return report
