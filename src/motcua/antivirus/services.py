"""Scanning uploads with ClamAV before any door accepts them, and the quarantine.

`scan_upload()` is called by `motcua.dossiers.uploads.check_upload` (portal, counter, API, drafts,
feedback) and by the officers' result upload; `scan_bytes()` by the document exchange for each edXML
attachment. With MOTCUA_CLAMD empty (the demo, development) nothing is scanned; production warns
(check antivirus.W001).

An infected file is copied to the quarantine folder (outside the media storage, never served) and
refused with `InfectedUpload`. The audit row must survive the refusal, yet the refusal rolls back the
service's transaction: the row is written at once outside a transaction, otherwise when the request
ends (`flush_pending`). When clamd cannot be reached, MOTCUA_SCAN_WHEN_DOWN decides: "refuse" (the
default) raises `ScannerUnavailable`; "queue" accepts the file, keeps a copy and a PENDING row, and
`rescan_pending()` (task, and `motcua rescan_uploads` from cron) scans it later.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from .clamd import Clamd, ClamdUnavailable, Verdict
from .errors import InfectedUpload, ScannerUnavailable
from .models import QuarantinedFile

log = logging.getLogger(__name__)
REFUSE, QUEUE = "refuse", "queue"
_pending = threading.local()


def client() -> Clamd | None:
    """The configured clamd, or None when scanning is off. A malformed address (also reported by
    check antivirus.E002) makes a client that is always unavailable, never a server error."""
    address = getattr(settings, "MOTCUA_CLAMD", "")
    if not address:
        return None
    timeout = float(getattr(settings, "MOTCUA_CLAMD_TIMEOUT", 30))
    try:
        return Clamd(address, timeout=timeout)
    except ValueError:
        log.error("MOTCUA_CLAMD %r is not a clamd address; treated as a scanner that is down", address)
        return Clamd("/nonexistent/motcua-clamd-misconfigured.sock", timeout=timeout)


def quarantine_storage() -> Storage:
    """The quarantine folder on this machine, or a bucket of its own (STORAGES["quarantine"], set by
    MOTCUA_S3_QUARANTINE_BUCKET) when several hosts share the work: a file held on one web host while
    clamd was down is then rescanned by a worker on another."""
    if "quarantine" in settings.STORAGES:
        return storages["quarantine"]
    return FileSystemStorage(location=settings.MOTCUA_QUARANTINE_ROOT, directory_permissions_mode=0o700)


@dataclass(frozen=True)
class Scanned:
    """What became of a scanned file that was not refused."""

    scanned: bool  # False: no scanner configured, or accepted unscanned ("queue" while clamd is down)
    held: QuarantinedFile | None = None


def scan_upload(upload: Any, *, name: str, door: str) -> Scanned:
    """Scan an uploaded file (Django's UploadedFile or any file with chunks()); rewinds it."""
    upload.seek(0)
    try:
        return _scan(lambda: upload.chunks(), name=name, door=door)
    finally:
        upload.seek(0)


def scan_bytes(data: bytes, *, name: str, door: str) -> Scanned:
    return _scan(lambda: [data], name=name, door=door)


def _scan(chunks: Any, *, name: str, door: str) -> Scanned:
    flush_pending()
    scanner = client()
    if scanner is None:
        return Scanned(scanned=False)
    try:
        verdict: Verdict = scanner.scan_chunks(chunks())
    except ClamdUnavailable as exc:
        if getattr(settings, "MOTCUA_SCAN_WHEN_DOWN", REFUSE) != QUEUE:
            log.error("virus scanner unavailable, upload %r refused: %s", name, exc)
            raise ScannerUnavailable(file=name) from exc
        log.warning("virus scanner unavailable, upload %r accepted, to be scanned later: %s", name, exc)
        return Scanned(scanned=False, held=_hold(chunks(), name=name, door=door))
    if verdict.infected:
        _quarantine(chunks(), name=name, door=door, signature=verdict.signature)
        raise InfectedUpload(
            gettext(
                "Tệp '%(name)s' chứa mã độc (%(signature)s) nên không được nhận và đã được cách ly. "
                "Vui lòng quét virus trên máy của bạn và gửi lại tệp sạch."
            )
            % {"name": name, "signature": verdict.signature},
            file=name,
        )
    return Scanned(scanned=True)


def _keep(chunks: Iterable[bytes], *, name: str) -> tuple[str, int, str]:
    data = b"".join(chunks)
    stored = quarantine_storage().save(
        f"{timezone.now():%Y/%m}/{hashlib.sha256(data).hexdigest()}.bin", ContentFile(data)
    )
    return stored, len(data), hashlib.sha256(data).hexdigest()


def _quarantine(chunks: Iterable[bytes], *, name: str, door: str, signature: str) -> None:
    stored, size, digest = _keep(chunks, name=name)
    log.warning("infected upload %r (%s) at %s quarantined as %s", name, signature, door, stored)
    row = {
        "status": QuarantinedFile.Status.INFECTED,
        "door": door[:40],
        "original_name": name[:255],
        "size": size,
        "sha256": digest,
        "signature": signature[:255],
        "stored_name": stored,
        "detected_at": timezone.now(),
    }
    if _in_transaction():
        pending = getattr(_pending, "rows", None)
        if pending is None:
            pending = _pending.rows = []
        pending.append(row)
    else:
        QuarantinedFile.objects.create(**row)


def _hold(chunks: Iterable[bytes], *, name: str, door: str) -> QuarantinedFile:
    """Accepted unscanned: a copy and a PENDING row, in the caller's transaction (if the upload is
    rolled back, so is its row), and a rescan once it commits."""
    stored, size, digest = _keep(chunks, name=name)
    row = QuarantinedFile.objects.create(
        status=QuarantinedFile.Status.PENDING,
        door=door[:40],
        original_name=name[:255],
        size=size,
        sha256=digest,
        stored_name=stored,
        detected_at=timezone.now(),
    )
    transaction.on_commit(_enqueue_rescan)
    return row


def _enqueue_rescan() -> None:
    from .tasks import rescan_pending_task

    try:
        rescan_pending_task.enqueue()
    except Exception:  # the cron command rescans too; a queue that is down loses nothing
        log.exception("could not enqueue the rescan of pending uploads")


def _in_transaction() -> bool:
    """Inside a transaction that a refusal will roll back (a test case's own wrapper does not count)."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def flush_pending(**_kwargs: Any) -> int:
    """Write the audit rows of refusals made inside transactions; called when each request ends."""
    rows = getattr(_pending, "rows", None)
    if not rows or _in_transaction():
        return 0
    _pending.rows = []
    QuarantinedFile.objects.bulk_create(QuarantinedFile(**row) for row in rows)
    return len(rows)


def rescan_pending(*, limit: int = 500) -> dict[str, int]:
    """Scan the files accepted while clamd was down: clean ones are released (their copy deleted),
    infected ones stay in quarantine, flagged for the operators (the accepted original has the same
    SHA-256)."""
    counts = {"released": 0, "infected": 0, "still_pending": 0}
    scanner = client()
    storage = quarantine_storage()
    rows = list(QuarantinedFile.objects.filter(status=QuarantinedFile.Status.PENDING)[:limit])
    for row in rows:
        if scanner is None:
            counts["still_pending"] += 1
            continue
        try:
            with storage.open(row.stored_name, "rb") as fh:
                verdict = scanner.scan_chunks(iter(functools.partial(fh.read, 64 * 1024), b""))
        except ClamdUnavailable:
            counts["still_pending"] += 1
            continue
        row.rescanned_at = timezone.now()
        if verdict.infected:
            row.status, row.signature = QuarantinedFile.Status.INFECTED, verdict.signature[:255]
            log.error(
                "upload %r accepted while the scanner was down is infected (%s): sha256 %s, door %s",
                row.original_name,
                verdict.signature,
                row.sha256,
                row.door,
            )
            counts["infected"] += 1
        else:
            row.status = QuarantinedFile.Status.RELEASED
            storage.delete(row.stored_name)
            row.stored_name = ""
            counts["released"] += 1
        row.save(update_fields=["status", "signature", "stored_name", "rescanned_at"])
    return counts
