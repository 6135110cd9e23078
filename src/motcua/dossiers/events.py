"""The append-only, hash-chained history of a dossier."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.db import DEFAULT_DB_ALIAS

from .models import Dossier, DossierEvent


def _canonical(
    *,
    dossier_id: int,
    seq: int,
    kind: str,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    from_state: str,
    to_state: str,
    note: str,
    payload: dict[str, Any],
    prev_hash: str,
) -> bytes:
    body = {
        "dossier": dossier_id,
        "seq": seq,
        "kind": kind,
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_name": actor_name,
        "from": from_state,
        "to": to_state,
        "note": note,
        "payload": payload,
        "prev": prev_hash,
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(event: DossierEvent) -> str:
    return hashlib.sha256(
        _canonical(
            dossier_id=event.dossier_id,
            seq=event.seq,
            kind=event.kind,
            at=event.at,
            actor_id=event.actor_id,
            actor_name=event.actor_name,
            from_state=event.from_state,
            to_state=event.to_state,
            note=event.note,
            payload=event.payload,
            prev_hash=event.prev_hash,
        )
    ).hexdigest()


def append_event(
    dossier: Dossier,
    *,
    kind: str,
    at: datetime,
    actor: Any,
    from_state: str,
    to_state: str,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> DossierEvent:
    """Write the next event of a locked dossier and move the chain head; the caller saves the dossier."""
    # JSON round trip now, so that the hash is computed over exactly what the database gives back.
    clean_payload = json.loads(json.dumps(payload or {}, ensure_ascii=False))
    event = DossierEvent(
        dossier=dossier,
        seq=dossier.version + 1,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "display_name", "") or "")[:200],
        from_state=from_state,
        to_state=to_state,
        note=note,
        payload=clean_payload,
        prev_hash=dossier.last_event_hash,
    )
    event.hash = event_hash(event)
    event.save(force_insert=True)
    dossier.version = event.seq
    dossier.last_event_hash = event.hash
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


def verify_chain(dossier: Dossier) -> ChainReport:
    """Recompute every hash; any edited, removed or reordered event breaks the chain."""
    return _check_chain(dossier, DossierEvent.objects.filter(dossier=dossier).order_by("seq"))


def verify_chains(
    dossiers: Iterable[Dossier], *, fetch_size: int = 2000, using: str = DEFAULT_DB_ALIAS
) -> dict[int, ChainReport]:
    """`verify_chain` for many dossiers with one query: {dossier pk: its report}.

    The events of all the dossiers are streamed in dossier and seq order and each dossier's run goes
    through the same checks as `verify_chain`, so both always give the same report. Pass a chunk of a
    few thousand dossiers at a time (the pks go into the query as a list). `using` names the database
    (a restore checks a scratch copy before it replaces anything).
    """
    by_pk = {dossier.pk: dossier for dossier in dossiers}
    if not by_pk:
        return {}
    events = (
        DossierEvent.objects.using(using)
        .filter(dossier_id__in=list(by_pk))
        .order_by("dossier_id", "seq")
        .iterator(chunk_size=fetch_size)
    )
    found = {pk: _check_chain(by_pk[pk], run) for pk, run in groupby(events, key=attrgetter("dossier_id"))}
    # In the order given; a dossier without any event is checked against an empty history.
    return {pk: found[pk] if pk in found else _check_chain(dossier, ()) for pk, dossier in by_pk.items()}


@dataclass(frozen=True)
class BrokenChain:
    dossier_id: int
    code: str
    broken_at: int | None
    reason: str


def verify_all_chains(
    *,
    using: str = DEFAULT_DB_ALIAS,
    chunk: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    progress_every: int = 10_000,
) -> tuple[int, list[BrokenChain]]:
    """`verify_chains` over every dossier of a database, `chunk` at a time: (checked, broken ones).

    `progress(checked, total)` is called every `progress_every` dossiers.
    """
    total = Dossier.objects.using(using).count()
    checked = 0
    broken: list[BrokenChain] = []
    last_pk = 0
    while True:
        batch = list(
            Dossier.objects.using(using)
            .filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "code", "version", "last_event_hash")[:chunk]
        )
        if not batch:
            break
        reports = verify_chains(batch, using=using)  # one query for the events of the whole chunk
        for dossier in batch:
            report = reports[dossier.pk]
            if not report.ok:
                broken.append(BrokenChain(dossier.pk, dossier.code, report.broken_at, report.reason))
            checked += 1
            if progress and checked % progress_every == 0:
                progress(checked, total)
        last_pk = batch[-1].pk
    return checked, broken


def _check_chain(dossier: Dossier, events: Iterable[DossierEvent]) -> ChainReport:
    """The checks of one chain, given its events in seq order; stops at the first fault."""
    prev = ""
    count = 0
    for count, event in enumerate(events, start=1):
        if event.seq != count:
            return ChainReport(False, count - 1, event.seq, "thiếu hoặc thừa sự kiện")
        if event.prev_hash != prev:
            return ChainReport(False, count - 1, event.seq, "liên kết với sự kiện trước bị sai")
        if event_hash(event) != event.hash:
            return ChainReport(False, count - 1, event.seq, "nội dung sự kiện đã bị sửa")
        prev = event.hash
    if count != dossier.version or prev != dossier.last_event_hash:
        return ChainReport(False, count, None, "đầu chuỗi không khớp với hồ sơ")
    return ChainReport(True, count)


@dataclass(frozen=True)
class HeadMismatch:
    """A recorded head (from a checkpoint) that the stored chain no longer has."""

    dossier_id: int
    version: int
    expected: str
    found: str | None  # the stored hash of the event at `version`; None: there is no such event


def check_heads(
    heads: Sequence[tuple[int, int, str]], *, using: str = DEFAULT_DB_ALIAS, chunk: int = 1000
) -> list[HeadMismatch]:
    """Compare recorded heads (dossier id, version, hash) with the stored events, chunk by chunk.

    A chain edited and re-hashed up to its head passes `verify_chains`, but the event at a version
    recorded before the edit no longer has the recorded hash: that head is returned. A head of
    version 0 (no events) has nothing to compare. Reads (dossier, seq, hash) through the unique
    index on (dossier, seq), one query per `chunk` heads.
    """
    wanted = [head for head in heads if head[1] > 0]
    mismatches: list[HeadMismatch] = []
    for start in range(0, len(wanted), chunk):
        batch = wanted[start : start + chunk]
        # Both lists go to the (dossier, seq) unique index as search keys (a row-value IN would be
        # scanned by SQLite); the few extra pairs of the cross product are dropped here.
        rows = (
            DossierEvent.objects.using(using)
            .filter(dossier_id__in={h[0] for h in batch}, seq__in={h[1] for h in batch})
            .values_list("dossier_id", "seq", "hash")
        )
        stored = {(dossier_id, seq): digest for dossier_id, seq, digest in rows}
        for dossier_id, version, expected in batch:
            found = stored.get((dossier_id, version))
            if found != expected:
                mismatches.append(HeadMismatch(dossier_id, version, expected, found))
    return mismatches
