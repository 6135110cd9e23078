"""The trust store's certificates, parsed once per process and read again only when it changed.

Any change to `TrustAnchor` (a save or a delete: the services, the admin, fixtures) writes a new
random stamp in the same transaction (`bump_stamp`, connected in apps.py). A reader reads the stamp
(one short statement) and reuses what it parsed under that stamp, or reads the active anchors again.
The stamp is read before the anchors, so a change committed in between can only make the kept
store newer than its stamp (read again next time), never older. Writes that skip the model's
signals (`QuerySet.update`, raw SQL) must call `bump_stamp` themselves.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from asn1crypto import x509 as asn1_x509
from django.db import IntegrityError, transaction

from .models import TrustAnchor, TrustStoreStamp

STAMP_ROW = 1

_lock = threading.Lock()
_kept: tuple[str, tuple[asn1_x509.Certificate, ...], tuple[asn1_x509.Certificate, ...]] | None = None


def bump_stamp(**_: Any) -> None:
    """Write a new stamp (signature fits a post_save / post_delete receiver)."""
    stamp = uuid.uuid4().hex
    with transaction.atomic():
        if TrustStoreStamp.objects.filter(pk=STAMP_ROW).update(stamp=stamp):
            return
        try:
            with transaction.atomic():
                TrustStoreStamp.objects.create(pk=STAMP_ROW, stamp=stamp)
        except IntegrityError:  # created at the same moment by another writer
            TrustStoreStamp.objects.filter(pk=STAMP_ROW).update(stamp=stamp)


def current_stamp() -> str:
    return TrustStoreStamp.objects.filter(pk=STAMP_ROW).values_list("stamp", flat=True).first() or ""


def anchors() -> tuple[tuple[asn1_x509.Certificate, ...], tuple[asn1_x509.Certificate, ...]]:
    """The active (roots, intermediates) of the database's trust store."""
    global _kept
    stamp = current_stamp()
    kept = _kept
    if kept is not None and kept[0] == stamp:
        return kept[1], kept[2]
    roots: list[asn1_x509.Certificate] = []
    intermediates: list[asn1_x509.Certificate] = []
    for kind, der in (
        TrustAnchor.objects.filter(is_active=True).order_by("kind", "name", "pk").values_list("kind", "der")
    ):
        cert = asn1_x509.Certificate.load(bytes(der))
        (roots if kind == TrustAnchor.Kind.ROOT else intermediates).append(cert)
    fresh = (stamp, tuple(roots), tuple(intermediates))
    with _lock:
        _kept = fresh
    return fresh[1], fresh[2]


def forget() -> None:
    """Drop what this process keeps (tests)."""
    global _kept
    with _lock:
        _kept = None
